// The state of a run cut into shards (results/sharded_run.h), shared by sharded_run.cc, which
// runs the shards on threads, and sharded_ranks.cc, which spreads them over ranks and reads
// every shard when the run is over. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARDED_RUN_INTERNAL_H_
#define CARRIERSIM_RESULTS_SHARDED_RUN_INTERNAL_H_

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "simulator/results/census.h"
#include "simulator/results/ranked_run.h"
#include "simulator/results/sampler.h"
#include "simulator/results/shard_trace.h"
#include "simulator/results/sharded_run.h"

namespace carriersim {

struct Shard {
  uint32_t index = 0;  // in the plan
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<World> world;
  std::unique_ptr<StatusCensus> census;
  std::unique_ptr<TimeseriesSampler> sampler;
  std::unique_ptr<ShardTrace> trace;
  TimeseriesTable table;
  Totals totals;  // the shard added up at the end
  std::exception_ptr error;
  std::atomic<SimTime> time{0};  // for the progress line
  std::atomic<uint64_t> events{0};
};

// What every shard's thread shares: the plan of pauses, and the progress line.
struct Run {
  const Scenario& whole;
  const RunOptions& options;
  std::vector<Shard> shards;
  std::vector<SimTime> pauses;    // sorted: timeseries rows and expectations' `at:`
  std::vector<SimTime> measured;  // sorted: the `at:` instants, where the shards meet
  std::mutex progress_mutex;
  const RankLinks* links = nullptr;  // the ranks of a run spread over them; null: one process
  // Rank 0 of several: the scenarios of the shards the other ranks run, by index in the plan
  // (null: its own), and all of them.
  std::vector<std::unique_ptr<Scenario>> others;
  std::vector<const Scenario*> scenarios;
};

// sharded_ranks.cc:
// The shards as they are now, each read through a view of its own; and the views' pointers.
std::vector<std::unique_ptr<ShardView>> ShardViewsOf(const Run& run);
std::vector<const ShardView*> ViewPointers(const std::vector<std::unique_ptr<ShardView>>& views);
// The whole fleet's directory, made when first needed: not while the shards are built, when
// memory peaks.
const SimDirectory& WholeDirectoryOf(const Run& run, ShardedParts& parts);
// This rank's shards' fees, whether they add up past what can be counted, and how `error` (this
// rank's first, or null) ended them.
RankState RankStateOf(const Run& run, const std::exception_ptr& error);
bool ShardFeesOverflow(const Run& run);
// The first error of this rank's shards, or of measuring at a pause.
std::exception_ptr FirstShardError(const Run& run, const std::exception_ptr& measure_error);
// Every shard of the plan by its index: this rank's `mine` (in run.shards' order) and, on rank
// 0 of several, `remote`; null for those another rank holds.
std::vector<const ShardView*> ViewsByIndex(const Run& run,
                                           const std::vector<std::unique_ptr<ShardView>>& mine,
                                           const RemoteShards* remote);
uint64_t RunSeed(const Run& run);
// The shards of the plan this rank runs and, on rank 0 of several, the others' scenarios.
void MakeRankShards(Run& run, ShardPlan plan);
// Rank 0 (or the one process): every shard's view in the plan's order, the others' received
// from their ranks (and their timeseries tables added into `table`).
void ViewEveryShard(Run& run, ShardedParts& parts, TimeseriesTable& table);
// Whether the run goes on after its shards ran (nullopt), or what it comes to: made again on one
// thread, or (over ranks) an error no run explains, thrown on rank 0 and nothing elsewhere.
std::optional<ShardedOutcome> AfterShards(const Run& run, const std::exception_ptr& error);

// Over ranks, where another rank may be waiting for this one's messages (sending its shards, or
// receiving them): an error here cannot be agreed on, it ends the job.
template <typename Step>
void OrAbort(const Run& run, Step step) {
  try {
    step();
  } catch (const std::exception& e) {
    if (run.links == nullptr) throw;
    run.links->abort("rank " + std::to_string(run.links->rank) + ": " + e.what());
  }
}

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARDED_RUN_INTERNAL_H_
