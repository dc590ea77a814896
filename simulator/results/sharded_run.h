// A run cut into shards (`run --threads N`), one thread each, with reports byte for byte those
// of the same run on one thread.
//
// Why it can be cut: a SIM's events touch only its own state, its cell's admission count (cells
// with a capacity stay whole in one shard, scenario/shard_plan.h) and the recorder's counters.
// Each shard is a world of its own over its SIMs, with the whole timeline: every shard draws
// every selection and spread turn of the whole group and acts on its own SIMs, so outages and
// the timeline's horizon are the same in each. The shards run independently from start to end;
// they meet only where an expectation is measured mid-run (`at:`), at a barrier, and when the
// run is over, where what they counted apart is merged (results/shard_merge.h) and their records
// are read merged in the run's order (results/run_records.h).
//
// A shard that fails (a SIM looping without progress, a fee past what can be counted) makes the
// run fail as it would on one thread: it is run again on one thread, for the same error with the
// same words; errors are rare, and the message is then exactly the one-thread run's. Internal to
// results/: RunScenario (pipeline.h) sends runs with RunOptions::threads > 1 here.
#ifndef CARRIERSIM_RESULTS_SHARDED_RUN_H_
#define CARRIERSIM_RESULTS_SHARDED_RUN_H_

#include <memory>
#include <optional>
#include <vector>

#include "simulator/results/census.h"
#include "simulator/results/pipeline.h"
#include "simulator/results/ranked_run.h"
#include "simulator/results/shard_merge.h"
#include "simulator/results/shard_view.h"
#include "simulator/scenario/shard_plan.h"
#include "simulator/world/world.h"

namespace carriersim {

// The parts of a run cut into shards, kept for its reports.
struct ShardedParts {
  std::unique_ptr<SimDirectory> directory;           // of the whole fleet
  std::vector<std::unique_ptr<Scenario>> scenarios;  // per shard
  std::vector<std::unique_ptr<World>> worlds;
  std::vector<std::unique_ptr<StatusCensus>> censuses;  // per shard, at the end
  std::vector<std::unique_ptr<ShardView>> views;         // per shard of the plan, at the end
  std::unique_ptr<MergedShards> merged;
  SpillOptions spill;  // the run's, for merging what the shards keep on disk
  // Over ranks, on rank 0: what the other ranks sent of their shards, and the other ranks,
  // answering questions about them until the reports are written.
  std::vector<std::unique_ptr<SimDirectory>> remote_directories;
  std::vector<ReceivedShard> received;
  std::unique_ptr<ServingRanks> serving;
};

// What RunSharded came to: the run's result; none, on a rank other than 0 of a run spread over
// ranks (rank 0 has it); or a shard failed, and the run is to be made again on one thread, for
// the error in its words (`failed`).
struct ShardedOutcome {
  std::optional<RunResult> result;
  bool failed = false;
};

// Runs `scenario` in the shards of `plan` (at least two, or over ranks any), a thread each;
// over ranks (RunOptions::ranks), this rank's share of them (results/ranked_run.h). The plan's
// SIM lists are taken over by the shards' scenarios.
ShardedOutcome RunSharded(const Scenario& scenario, const RunOptions& options, ShardPlan plan);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARDED_RUN_H_
