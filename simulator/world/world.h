// The world of one run: the scenario's carriers, network and fleet, built from a validated
// Scenario, plus the event queue that drives it and the observers that record it.
//
// Entities: the scenario timeline is entity 0 and device d is entity d + 1, so that at one
// instant the timeline's actions come before any device event (the queue orders equal times by
// entity id). Every timer slot has one meaning per kind of entity, listed in TimerSlot.
#ifndef CARRIERSIM_WORLD_WORLD_H_
#define CARRIERSIM_WORLD_WORLD_H_

#include <cstdint>
#include <functional>

#include "devices/fleet.h"
#include "simulator/base/calendar.h"
#include "simulator/billing/billing.h"
#include "simulator/engine/event_queue.h"
#include "simulator/network/cells.h"
#include "simulator/network/storm_counter.h"
#include "simulator/network/subscribers.h"
#include "simulator/observers/ledger.h"
#include "simulator/observers/recovery.h"
#include "simulator/observers/session_log.h"
#include "simulator/observers/signaling_metrics.h"
#include "simulator/observers/status_history.h"
#include "simulator/scenario/model.h"

namespace carriersim {

inline constexpr EntityId kTimelineEntity = 0;
inline constexpr EntityId kFirstDeviceEntity = 1;
inline EntityId EntityOfDevice(DeviceId d) { return d + kFirstDeviceEntity; }
inline DeviceId DeviceOfEntity(EntityId e) { return e - kFirstDeviceEntity; }

enum TimerSlot : EventTag {
  kTimelineTimer = 0,      // timeline entity: the next action is due
  kModemTimer = 0,         // device: boot finished or retry/back-off over, time to attach
  kSubscriptionTimer = 1,  // its SIM: an automatic transition may be due (time, data volume,
                           // a change in progress, an upstream outage ending, a usage month)
  kFirmwareTimer = 2,      // device: the firmware's no-service watchdog
  kPowerTimer = 3,         // device: its power schedule changes state (devices/power.h)
};

// One SIM's turn in a timeline action spread over time (TimelineAction::spread).
struct DeferredAction {
  SimTime at;
  uint32_t action;  // index into the timeline
  uint32_t sim;
  uint32_t event;  // the action's mass event + 1, or 0
};

// A SIM the network force-reactivated because its device kept attaching (SOR-7).
struct ForcedReactivation {
  SimTime time;
  uint32_t sim;
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
  Ledger ledger;
  SessionLog sessions;
  Billing billing;
  std::vector<ForcedReactivation> forced_reactivations;
  std::vector<SimTime> account_terminated;  // per carrier: when, or kNever
  StormCounter storms;                      // attach attempts made while in a storm status (SOR-7)
  Cells cells;
  int core_outages = 0;  // core outages in progress (NET-4)
  Recovery recovery;
  size_t next_action = 0;                   // index of the next timeline action to run
  std::vector<DeferredAction> deferred;     // a min-heap by (at, action, sim)
  // Count a device's retries into a dead cell by arithmetic instead of events (SkipDeadAir in
  // devices/firmware.cc). Off only to check that it changes nothing.
  bool fast_forward = true;
  uint64_t events = 0;                      // events handled
  // Called every 65,536 events with the simulated time (a progress line); may be empty.
  std::function<void(SimTime, uint64_t)> progress;
  // Called with every event before it is handled (`run --trace`); may be empty.
  std::function<void(const Event&)> trace;
  const MonthTable months;                  // calendar months of usage accrual, by table
  std::vector<uint64_t> group_keys;         // NameKey of each group's name: streams key on it

  const GroupSpec& GroupOf(SimId sim) const { return scenario.groups[subscribers.group[sim]]; }
  const CarrierSpec& CarrierOf(SimId sim) const { return scenario.carriers[GroupOf(sim).carrier]; }
  const CarrierProfile& ProfileOf(SimId sim) const { return CarrierOf(sim).profile; }
  const StatusDef& StableStatusOf(SimId sim) const {
    return ProfileOf(sim).statuses[subscribers.stable[sim]];
  }
  // The primary subscription of SIM s is subscription s; its plan may change during the run.
  const PlanDef& PlanOf(SimId sim) const { return ProfileOf(sim).plans[billing.plan(sim)]; }
  // Calls fn(subscription, tariff) for the SIM's own subscription and its additional ones.
  template <typename Fn>
  void ForEachSubscription(SimId sim, Fn fn) const {
    const GroupSpec& group = GroupOf(sim);
    const CarrierProfile& profile = ProfileOf(sim);
    fn(SubscriptionId{sim}, profile.plans[billing.plan(sim)].tariff);
    const int64_t extras = static_cast<int64_t>(group.extra_plans.size());
    for (int64_t k = 0; k < extras; ++k) {
      const SubscriptionId sub =
          static_cast<SubscriptionId>(group.first_extra + (sim - group.first_sim) * extras + k);
      fn(sub, profile.plans[billing.plan(sub)].tariff);
    }
  }
  const DeviceSpec& DeviceSpecOf(DeviceId d) const { return scenario.devices[GroupOf(d).device]; }
  // What a device's random streams are keyed by: its group's name and its index in the group,
  // so that other groups never change what it draws.
  uint64_t DeviceKey(DeviceId d) const {
    const uint32_t g = subscribers.group[d];
    return group_keys[g] ^ Mix64(static_cast<uint64_t>(d - scenario.groups[g].first_sim));
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_WORLD_H_
