// What never changes about a SIM during a run: its group and therefore its carrier, device
// profile and random-stream key, and where its additional subscriptions are. Built once from the
// Scenario and shared, read-only, by every component of a run; it holds no state of its own.
#ifndef CARRIERSIM_SCENARIO_SIM_DIRECTORY_H_
#define CARRIERSIM_SCENARIO_SIM_DIRECTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/base/rng.h"
#include "simulator/nas/messages.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// A SIM's own subscription is subscription `sim`; additional ones (SOR-13) follow all SIMs.
using SubscriptionId = uint32_t;

// SimAt's answer for a SIM another shard of the fleet holds.
inline constexpr SimId kOtherShard = UINT32_MAX;

class SimDirectory {
 public:
  SimDirectory(const Scenario& scenario, uint64_t seed);

  const Scenario& scenario() const { return scenario_; }
  uint64_t seed() const { return seed_; }
  size_t size() const { return group_.size(); }

  uint32_t group(SimId sim) const { return group_[sim]; }
  const std::vector<uint32_t>& groups() const { return group_; }  // per SIM
  const GroupSpec& GroupOf(SimId sim) const { return scenario_.groups[group_[sim]]; }
  const CarrierSpec& CarrierOf(SimId sim) const { return scenario_.carriers[GroupOf(sim).carrier]; }
  const CarrierProfile& ProfileOf(SimId sim) const { return CarrierOf(sim).profile; }
  const DeviceSpec& DeviceSpecOf(DeviceId d) const { return scenario_.devices[GroupOf(d).device]; }

  // Where a SIM is in the whole fleet. A shard's scenario (ShardPart) holds part of it; SIM ids
  // here are the shard's own, and these say what they are in the whole.
  SimId GlobalSim(SimId sim) const {
    return sharded() ? static_cast<SimId>(shard().group_first[group_[sim]] + IndexInGroup(sim))
                     : sim;
  }
  int64_t IndexInGroup(SimId sim) const {
    const uint32_t g = group_[sim];
    const int64_t here = sim - scenario_.groups[g].first_sim;
    if (!sharded()) return here;
    const int64_t begin = shard().group_begin[g];
    return begin >= 0 ? begin + here : shard().group_indexes[g][static_cast<size_t>(here)];
  }
  // SIMs of a group in the whole fleet: what an action's selection is drawn over.
  int64_t GroupSize(uint32_t g) const {
    return sharded() ? shard().group_count[g] : scenario_.groups[g].count;
  }
  // The SIM at `index` of group `g`, or kOtherShard when another shard holds it.
  SimId SimAt(uint32_t g, int64_t index) const;
  // SimAt for ascending indexes of one group, in one walk along it: an action's selection.
  class GroupWalk {
   public:
    GroupWalk(const SimDirectory& directory, uint32_t g) : directory_(directory), g_(g) {}
    // REQUIRES: `index` above the last one asked.
    SimId At(int64_t index);

   private:
    const SimDirectory& directory_;
    uint32_t g_;
    size_t next_ = 0;  // in ShardPart::group_indexes[g_]
  };
  GroupWalk Walk(uint32_t g) const { return GroupWalk(*this, g); }

  // What a device's random streams are keyed by: its group's name and its index in the group,
  // so that other groups never change what it draws.
  uint64_t DeviceKey(DeviceId d) const {
    return group_keys_[group_[d]] ^ Mix64(static_cast<uint64_t>(IndexInGroup(d)));
  }
  // NameKey of a group's name: the streams of its devices and of actions on it key on it.
  uint64_t group_key(uint32_t group) const { return group_keys_[group]; }

  // Calls fn(subscription, plan at the start) for the SIM's own subscription, then its
  // additional ones.
  template <typename Fn>
  void ForEachSubscription(SimId sim, Fn fn) const {
    const GroupSpec& group = GroupOf(sim);
    fn(SubscriptionId{sim}, group.plan);
    const int64_t extras = static_cast<int64_t>(group.extra_plans.size());
    for (int64_t k = 0; k < extras; ++k) {
      fn(static_cast<SubscriptionId>(group.first_extra + (sim - group.first_sim) * extras + k),
         group.extra_plans[static_cast<size_t>(k)]);
    }
  }

  // "trackers#3": a SIM by its group and its index in the group.
  void AppendSimName(std::string& out, SimId sim) const;
  std::string SimName(SimId sim) const;

 private:
  bool sharded() const { return scenario_.shard.active(); }
  const ShardPart& shard() const { return scenario_.shard; }

  const Scenario& scenario_;
  uint64_t seed_;
  std::vector<uint32_t> group_;       // per SIM: index into Scenario::groups
  std::vector<uint64_t> group_keys_;  // per group
};

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_SIM_DIRECTORY_H_
