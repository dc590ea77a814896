#include "simulator/world/world.h"

#include "devices/power.h"
#include "simulator/base/rng.h"
#include "simulator/network/lifecycle.h"
#include "simulator/world/timeline.h"

namespace carriersim {

World::World(const Scenario& s, uint64_t run_seed)
    : scenario(s),
      seed(run_seed),
      queue(static_cast<EntityId>(s.sim_count + kFirstDeviceEntity)),
      subscribers(static_cast<size_t>(s.sim_count)),
      fleet(static_cast<size_t>(s.sim_count)),
      metrics(s.groups.size(), s.timeline.size()),
      billing(s.start, static_cast<size_t>(s.subscription_count), &ledger),
      account_terminated(s.carriers.size(), kNever),
      storms(static_cast<size_t>(s.sim_count)),
      cells(s.cells.size()),
      months(MonthTableFor(s.start)) {
  for (const GroupSpec& group : s.groups) group_keys.push_back(NameKey(group.name));
  for (uint32_t g = 0; g < s.groups.size(); ++g) {
    const GroupSpec& group = s.groups[g];
    const TrafficSpec& traffic = s.devices[group.device].traffic;
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      subscribers.group[sim] = g;
      subscribers.status[sim] = group.status;
      subscribers.stable[sim] = group.status;
      subscribers.previous[sim] = group.status;
      subscribers.Set(sim, kTestMode, group.test_mode);
      subscribers.Set(sim, kTerminationProtection, group.termination_protection);
      subscribers.usage_limit[sim] = group.usage_limit;
      const uint64_t device_key = DeviceKey(sim);
      fleet.boot_rng[sim] = MakeStream(seed, device_key, StreamPurpose::kBoot);
      fleet.firmware_rng[sim] = MakeStream(seed, device_key, StreamPurpose::kFirmware);
      fleet.radio_rng[sim] = MakeStream(seed, device_key, StreamPurpose::kRadio);
      const CellSet& cells = s.cell_sets[group.cell_set];
      fleet.cell[sim] = cells.first + static_cast<uint32_t>(i % cells.count);
      if (traffic.every > 0) {
        RandomStream stream = MakeStream(seed, device_key, StreamPurpose::kTrafficPhase);
        fleet.traffic_anchor[sim] =
            static_cast<SimTime>(UniformBelow(stream, static_cast<uint64_t>(traffic.every)));
      }
    }
  }
  // Subscriptions: each SIM's own, then the additional ones of its group's SIMs.
  for (const GroupSpec& group : s.groups) {
    const CarrierProfile& profile = s.carriers[group.carrier].profile;
    const int64_t extras = static_cast<int64_t>(group.extra_plans.size());
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      billing.Open(sim, sim, group.plan, profile.plans[group.plan].tariff, group.status, 0);
      for (int64_t k = 0; k < extras; ++k) {
        const PlanId plan = group.extra_plans[static_cast<size_t>(k)];
        billing.Open(static_cast<SubscriptionId>(group.first_extra + i * extras + k), sim, plan,
                     profile.plans[plan].tariff, group.status, 0);
      }
    }
  }
  for (SimId sim = 0; sim < subscribers.size(); ++sim) ArmSubscriptionTimer(*this, sim, 0);
  for (const GroupSpec& group : s.groups) {
    if (!group.powered) continue;
    for (int64_t i = group.first_sim; i < group.first_sim + group.count; ++i) {
      SwitchOn(*this, static_cast<DeviceId>(i), 0);
    }
  }
  StartTimeline(*this);
}

}  // namespace carriersim
