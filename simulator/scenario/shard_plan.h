// Cutting a fleet into shards for `run --threads`: which SIMs each shard runs, and the scenario
// of one shard. The only state shared across SIMs while a run goes on is a cell's admission
// count (a cell with a capacity admits so many attach requests per window, whoever sends them):
// such a cell's SIMs stay together in one shard. SIMs on cells without a capacity are free to go
// anywhere, and fill the shards up in ranges of SIM ids, each shard a part of every group.
// Everything else that crosses SIMs (the timeline, outages, the reports' sums) is replayed in
// every shard or merged after the run (results/sharded_run.h).
#ifndef CARRIERSIM_SCENARIO_SHARD_PLAN_H_
#define CARRIERSIM_SCENARIO_SHARD_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/scenario/model.h"

namespace carriersim {

struct ShardPlan {
  // Per shard, its SIMs' ids in the whole fleet, ascending. Never empty: a fleet that cannot be
  // cut into as many shards as asked gets fewer.
  std::vector<std::vector<uint32_t>> shards;
  // Why there are fewer shards than asked, in words ("cell core-1 (capacity 100/s) holds 1,020 of
  // the 1,024 SIMs"); empty when there are as many as asked.
  std::string fewer;
};

// Cuts the fleet into at most `wanted` shards of about equal SIM counts: each cell with a
// capacity whole in one shard (the largest first, each to the lightest shard so far), then the
// SIMs of cells without one to even the shards out, each group's shared out in the same
// proportions, in id ranges (a group's SIMs tend to do the same things). Deterministic.
ShardPlan PlanShards(const Scenario& scenario, uint32_t wanted);

// The scenario of a shard: `whole` with only the SIMs `sims` (a shard of a ShardPlan, taken
// over), numbered from 0 group by group, and Scenario::shard saying who they are in the whole
// fleet.
Scenario ShardScenario(const Scenario& whole, std::vector<uint32_t> sims);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_SHARD_PLAN_H_
