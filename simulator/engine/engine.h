// The engine of one run: the pending-event set, the count of events handled, and the loop that
// hands events out in their total order (time, entity, sequence). It knows nothing of carriers
// or devices: entities are numbers, and what an event means is up to the component that owns
// the entity and the timer slot (TimerSlot).
//
// Thread safety: none; one engine belongs to one run.
#ifndef CARRIERSIM_ENGINE_ENGINE_H_
#define CARRIERSIM_ENGINE_ENGINE_H_

#include <cstdint>

#include "simulator/engine/event_queue.h"

namespace carriersim {

class Engine {
 public:
  explicit Engine(EntityId entities) : queue_(entities) {}

  EventQueue& queue() { return queue_; }
  const EventQueue& queue() const { return queue_; }
  uint64_t events() const { return events_; }  // handed out so far

  // Hands every event due before `end` to handle(event), in order, including the events the
  // handler schedules before `end`; the rest stay queued, so a run can be stepped. The handler
  // is a template parameter so that dispatch compiles to a switch, with no indirect call.
  template <typename Handler>
  void RunUntil(SimTime end, Handler&& handle) {
    Event e;
    while (queue_.PopBefore(end, &e)) {
      ++events_;
      handle(e);
    }
  }

 private:
  EventQueue queue_;
  uint64_t events_ = 0;
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
