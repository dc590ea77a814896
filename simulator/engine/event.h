// The event record: what the pending-event set stores, 16 bytes each.
#ifndef CARRIERSIM_ENGINE_EVENT_H_
#define CARRIERSIM_ENGINE_EVENT_H_

#include <cstdint>

#include "simulator/base/sim_time.h"

namespace carriersim {

// Entities (devices, cells, the scenario timeline, ...) are numbered densely from 0 so that their
// state lives in plain arrays indexed by id.
using EntityId = uint32_t;

// What an event means to its entity, in 3 bits. Tags below EventQueue::kTimerSlots are timers
// (at most one pending per entity and slot, cancellable); the others are messages.
using EventTag = uint8_t;

inline constexpr int kEventTagBits = 3;
inline constexpr uint32_t kEventTagMask = (1u << kEventTagBits) - 1;

struct Event {
  SimTime time;
  EntityId entity;
  // (sequence << kEventTagBits) | tag. The sequence counts the events ever scheduled for this
  // entity; it orders events of one entity at one instant in the order they were scheduled.
  uint32_t seq_tag;

  EventTag tag() const { return static_cast<EventTag>(seq_tag & kEventTagMask); }
};
static_assert(sizeof(Event) == 16, "events must stay compact: the queue moves them a lot");

// The total order of events: time, then entity id, then per-entity sequence. The sequence is
// compared in serial-number arithmetic (RFC 1982), so its 29 bits may wrap: two events of one
// entity at one instant are ordered correctly as long as fewer than 2^28 other events were
// scheduled for that entity between them, which no model comes near (a device schedules a few
// events a minute). Nothing global (no insertion counter, no pointer) takes part, so the order
// does not depend on how the events were produced, which is what lets a run split across
// threads order them the same.
inline bool EventBefore(const Event& a, const Event& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.entity != b.entity) return a.entity < b.entity;
  return static_cast<int32_t>(a.seq_tag - b.seq_tag) < 0;
}

}  // namespace carriersim

#endif  // CARRIERSIM_ENGINE_EVENT_H_
