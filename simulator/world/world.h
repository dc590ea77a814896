// The world of one run: the scenario's carriers, network and fleet, built from a validated
// Scenario, plus the event queue that drives it and the observers that record it.
//
// Entities: the scenario timeline is entity 0 and device d is entity d + 1, so that at one
// instant the timeline's actions come before any device event (the queue orders equal times by
// entity id). Every timer slot has one meaning per kind of entity, listed in TimerSlot.
#ifndef CARRIERSIM_WORLD_WORLD_H_
#define CARRIERSIM_WORLD_WORLD_H_

#include <cstdint>

#include "devices/fleet.h"
#include "simulator/engine/event_queue.h"
#include "simulator/network/subscribers.h"
#include "simulator/observers/signaling_metrics.h"
#include "simulator/observers/status_history.h"
#include "simulator/scenario/model.h"

namespace carriersim {

inline constexpr EntityId kTimelineEntity = 0;
inline constexpr EntityId kFirstDeviceEntity = 1;
inline EntityId EntityOfDevice(DeviceId d) { return d + kFirstDeviceEntity; }
inline DeviceId DeviceOfEntity(EntityId e) { return e - kFirstDeviceEntity; }

enum TimerSlot : EventTag {
  kTimelineTimer = 0,  // timeline entity: the next action is due
  kModemTimer = 0,     // device: boot finished or retry/back-off over, time to attach
};

struct World {
  World(const Scenario& scenario, uint64_t seed);

  const Scenario& scenario;
  uint64_t seed;
  EventQueue queue;
  Subscribers subscribers;
  Fleet fleet;
  StatusHistory history;
  SignalingMetrics metrics;
  size_t next_action = 0;  // index of the next timeline action to run
  uint64_t events = 0;     // events handled

  const GroupSpec& GroupOf(SimId sim) const { return scenario.groups[subscribers.group[sim]]; }
  const CarrierProfile& ProfileOf(SimId sim) const {
    return scenario.carriers[GroupOf(sim).carrier].profile;
  }
  const DeviceSpec& DeviceSpecOf(DeviceId d) const { return scenario.devices[GroupOf(d).device]; }
};

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_WORLD_H_
