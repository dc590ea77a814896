#include "simulator/world/world.h"

#include "devices/modem.h"
#include "simulator/base/rng.h"
#include "simulator/world/timeline.h"

namespace carriersim {

World::World(const Scenario& s, uint64_t run_seed)
    : scenario(s),
      seed(run_seed),
      queue(static_cast<EntityId>(s.sim_count + kFirstDeviceEntity)),
      subscribers(static_cast<size_t>(s.sim_count)),
      fleet(static_cast<size_t>(s.sim_count)),
      metrics(s.groups.size(), s.timeline.size()) {
  for (uint32_t g = 0; g < s.groups.size(); ++g) {
    const GroupSpec& group = s.groups[g];
    const TrafficSpec& traffic = s.devices[group.device].traffic;
    const uint64_t group_key = NameKey(group.name);
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      subscribers.group[sim] = g;
      subscribers.plan[sim] = group.plan;
      subscribers.status[sim] = group.status;
      // Each device's streams belong to it alone: keyed by group name and index in the group.
      const uint64_t device_key = group_key ^ Mix64(static_cast<uint64_t>(i));
      fleet.boot_rng[sim] = MakeStream(seed, device_key, StreamPurpose::kBoot);
      if (traffic.every > 0) {
        RandomStream stream = MakeStream(seed, device_key, StreamPurpose::kTrafficPhase);
        fleet.traffic_anchor[sim] =
            static_cast<SimTime>(UniformBelow(stream, static_cast<uint64_t>(traffic.every)));
      }
    }
  }
  for (const GroupSpec& group : s.groups) {
    if (!group.powered) continue;
    for (int64_t i = group.first_sim; i < group.first_sim + group.count; ++i) {
      PowerOn(*this, static_cast<DeviceId>(i), 0);
    }
  }
  StartTimeline(*this);
}

}  // namespace carriersim
