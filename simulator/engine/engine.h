// The engine of one run: the pending-event set, the count of events handled, and the loop that
// hands events out in their total order (time, entity, sequence). It knows nothing of carriers
// or devices: entities are numbers, and what an event means is up to the component that owns
// the entity and the timer slot (TimerSlot).
//
// Thread safety: none; one engine belongs to one run.
#ifndef CARRIERSIM_ENGINE_ENGINE_H_
#define CARRIERSIM_ENGINE_ENGINE_H_

#include <cstdint>
#include <stdexcept>

#include "simulator/engine/event_queue.h"

namespace carriersim {

// The backstop against a model that stops time: one entity handed this many events in a row at
// one instant. Every delay a model draws is at least a millisecond, and the loader refuses
// profiles and firmware whose loops could take no time, so a run that gets here has a loop the
// checks missed. Why this number: at one instant an entity legitimately handles a handful of
// events per timer slot (4) plus one per automatic status move in a chain (at most the 64
// statuses of a profile), so under a thousand; 1,000,000 is a thousand times that, costs well
// under a second to reach, and stays far below the 2^28 events of one entity at one instant
// that EventBefore's wrapping sequence can order.
inline constexpr uint64_t kMaxEventsPerInstant = 1'000'000;

// Thrown by Engine::RunUntil when an entity reaches the bound above; `event` is the event that
// crossed it, popped and not handled.
class EngineStalled : public std::runtime_error {
 public:
  explicit EngineStalled(const Event& event)
      : std::runtime_error("an entity handled too many events at one instant"), event_(event) {}
  const Event& event() const { return event_; }

 private:
  Event event_;
};

class Engine {
 public:
  explicit Engine(EntityId entities) : queue_(entities) {}

  EventQueue& queue() { return queue_; }
  const EventQueue& queue() const { return queue_; }
  uint64_t events() const { return events_; }  // handed out so far

  // Hands every event due before `end` to handle(event), in order, including the events the
  // handler schedules before `end`; the rest stay queued, so a run can be stepped. The handler
  // is a template parameter so that dispatch compiles to a switch, with no indirect call.
  // Throws EngineStalled when one entity gets more than `max_events_per_instant()` events in a
  // row at one instant (a loop that takes no time); the count costs two compares an event.
  template <typename Handler>
  void RunUntil(SimTime end, Handler&& handle) {
    Event e;
    while (queue_.PopBefore(end, &e)) {
      if (e.time != run_time_ || e.entity != run_entity_) {
        run_time_ = e.time;
        run_entity_ = e.entity;
        run_length_ = 0;
      } else if (++run_length_ >= max_run_) [[unlikely]] {
        throw EngineStalled(e);
      }
      ++events_;
      handle(e);
    }
  }

  uint64_t max_events_per_instant() const { return max_run_; }
  // Tests lower it to reach it fast. REQUIRES: at least 1.
  void set_max_events_per_instant(uint64_t max) { max_run_ = max; }

 private:
  EventQueue queue_;
  uint64_t events_ = 0;
  // The current run of events of one entity at one instant (see kMaxEventsPerInstant).
  SimTime run_time_ = -1;
  EntityId run_entity_ = 0;
  uint64_t run_length_ = 0;
  uint64_t max_run_ = kMaxEventsPerInstant;
};

// One timer slot of a range of entities, addressed by the owner's own index: a component's
// timer for its i-th SIM or device is entity `first + i`, slot `slot`. The world hands each
// component the slots it owns, so components never agree on entity numbers among themselves.
class TimerSlot {
 public:
  TimerSlot(EventQueue* queue, EntityId first, EventTag slot)
      : queue_(queue), first_(first), slot_(slot) {}

  // Fires at `at` (REQUIRES: not before the current event), replacing a pending one.
  void Set(uint32_t index, SimTime at) { queue_->SetTimer(at, first_ + index, slot_); }
  bool Cancel(uint32_t index) { return queue_->CancelTimer(first_ + index, slot_); }

 private:
  EventQueue* queue_;
  EntityId first_;
  EventTag slot_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_ENGINE_ENGINE_H_
