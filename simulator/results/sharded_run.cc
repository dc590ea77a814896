#include "simulator/results/sharded_run.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "simulator/results/local_shard_view.h"
#include "simulator/results/measure.h"
#include "simulator/results/ranked_run.h"
#include "simulator/results/sampler.h"
#include "simulator/results/shard_trace.h"
#include "simulator/results/sharded_run_internal.h"
#include "simulator/results/snapshot.h"

namespace carriersim {
namespace {

std::vector<SimTime> Measured(const Scenario& scenario) {
  std::vector<SimTime> at;
  for (const Expectation& e : scenario.expectations) {
    if (e.at >= 0) at.push_back(e.at);
  }
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  return at;
}

void ReportProgress(Run& run, Shard& s, SimTime t, uint64_t events) {
  s.time = t;
  s.events = events;
  std::lock_guard<std::mutex> lock(run.progress_mutex);
  SimTime slowest = kNever;
  uint64_t all = 0;
  for (const Shard& other : run.shards) {
    slowest = std::min<SimTime>(slowest, other.time);
    all += other.events;
  }
  run.options.progress(slowest, all);
}

template <typename Barrier>
void RunShard(Run& run, size_t local, Barrier& barrier) {
  Shard& s = run.shards[local];
  try {
    const SpillOptions spill = ShardSpill(run.options.spill, s.index, run.shards.size());
    s.world = std::make_unique<World>(*s.scenario, run.options.seed.value_or(run.whole.seed),
                                      spill);
    World& world = *s.world;
    world.set_fast_forward(run.options.fast_forward);
    if (run.options.progress) {
      world.set_progress([&run, &s](SimTime t, uint64_t n) { ReportProgress(run, s, t, n); });
    }
    if (run.options.trace) {
      s.trace = std::make_unique<ShardTrace>(spill, ".trace.spill", "the event trace");
      TraceShard(world, s.index == 0, *s.trace);
    }
    s.census = std::make_unique<StatusCensus>(world.directory(),
                                              HistoryRecords(world.recorder().history().changes));
    if (run.options.timeseries) s.sampler = std::make_unique<TimeseriesSampler>(*s.scenario);
    for (SimTime p : run.pauses) {
      world.RunUntil(p + 1);
      s.census->AdvanceTo(p);
      if (s.sampler &&
          std::binary_search(s.sampler->times().begin(), s.sampler->times().end(), p)) {
        s.sampler->Sample(world, *s.census, p);
      }
      if (std::binary_search(run.measured.begin(), run.measured.end(), p)) {
        barrier.arrive_and_wait();
      }
    }
    world.RunToEnd();
    if (run.options.spill_when_finished) world.SpillRecordsOver(kFinishedRecordMemory);
    s.census->AdvanceTo(run.whole.duration);
    if (s.sampler) s.table = s.sampler->Finish(world);
    // What the merge and the reports read of this shard, made ready on its own thread.
    s.totals = Aggregate(world);
    for (const MassEvent& e : world.recorder().recovery().events()) e.members.Settle();
    world.recorder().sessions().records.Settle();
  } catch (...) {
    s.error = std::current_exception();
    barrier.arrive_and_drop();
  }
}

// Measures the `at:` expectations of the instant all shards have reached. On the thread the
// barrier picks, with every other shard waiting; over ranks, rank 0 measures every rank's
// shards, which the others send and answer questions about meanwhile (results/ranked_run.h).
void MeasureAt(Run& run, ShardedParts& parts, SimTime p,
               std::vector<ExpectationResult>& expectations) {
  const std::vector<std::unique_ptr<ShardView>> mine = ShardViewsOf(run);
  if (run.links != nullptr && run.links->rank != 0) {
    return OrAbort(run, [&] {
      SendAndServe(run.whole, ViewsByIndex(run, mine, nullptr), nullptr, *run.links);
    });
  }
  RemoteShards remote;
  std::optional<ServingRanks> serving;
  if (run.links != nullptr) {
    OrAbort(run, [&] {
      remote = ReceiveShards(run.whole, RunSeed(run), run.scenarios, *run.links,
                             run.options.spill, nullptr);
    });
    serving.emplace(*run.links);
  }
  const std::vector<const ShardView*> all = ViewsByIndex(run, mine, &remote);
  const auto merged = MergeShards(run.whole, all, run.options.spill);
  const Snapshot now(WholeDirectoryOf(run, parts), all, *merged);
  for (size_t i = 0; i < expectations.size(); ++i) {
    if (run.whole.expectations[i].at == p) {
      expectations[i] = CheckExpectation(now, run.whole.expectations[i]);
    }
  }
}

// Whether the instant can be measured: every shard is running (on every rank) and the fees
// still add up. Over ranks a collective, which every rank makes once per `at:` instant.
bool Measurable(const Run& run, const std::exception_ptr& error) {
  if (run.links != nullptr) {
    return EveryRankOk(*run.links, RankStateOf(run, error)).kind == RankVerdict::kGo;
  }
  // Fees past what can be counted stop the one-thread run before it gets here.
  if (!error && ShardFeesOverflow(run)) throw std::overflow_error("fees past what can be counted");
  return !error;
}

// Runs every shard on a thread of its own, measuring the `at:` expectations where they meet.
// Returns the first error, if any.
std::exception_ptr RunShards(Run& run, ShardedParts& parts,
                             std::vector<ExpectationResult>& expectations) {
  size_t phase = 0;
  std::exception_ptr measure_error;
  // Also called when the last shard still running drops out (a failed shard): then nothing is
  // measured.
  const auto measure = [&]() noexcept {
    if (phase >= run.measured.size()) return;
    const SimTime p = run.measured[phase++];
    const std::exception_ptr error = FirstShardError(run, measure_error);
    if (run.links == nullptr && error) return;
    try {
      if (Measurable(run, error)) MeasureAt(run, parts, p, expectations);
    } catch (...) {
      if (measure_error == nullptr) measure_error = std::current_exception();
    }
  };
#ifdef __GLIBC__
  // One malloc arena for every thread: what one shard frees, another may use, and a run's
  // memory stays the same on any number of threads (10 M SIMs in under 4 GiB).
  mallopt(M_ARENA_MAX, 1);
#endif
  std::barrier barrier(static_cast<std::ptrdiff_t>(run.shards.size()), measure);
  std::vector<std::thread> threads;
  for (size_t k = 0; k < run.shards.size(); ++k) {
    try {
      threads.emplace_back([&run, k, &barrier] { RunShard(run, k, barrier); });
    } catch (const std::system_error&) {
      // No thread for shard k (a limit on threads or memory): it and those after it drop out,
      // the others run to their end, and the run is made again on one thread.
      for (size_t j = k; j < run.shards.size(); ++j) {
        run.shards[j].error = std::current_exception();
        barrier.arrive_and_drop();
      }
      break;
    }
  }
  for (std::thread& t : threads) t.join();
  // The ranks meet at every `at:` instant: one whose shards all failed, or that has none,
  // still takes its part in those it did not reach.
  if (run.links != nullptr) {
    while (phase < run.measured.size()) measure();
  }
#ifdef __GLIBC__
  // What the shards freed as they finished (their event queues) goes back to the system, for
  // the reports to come.
  malloc_trim(0);
#endif
  return FirstShardError(run, measure_error);
}


// Rank 0, or the one process: the run's result, from every shard's view.
RunResult Finish(Run& run, std::unique_ptr<ShardedParts> parts, TimeseriesTable table,
                 std::vector<ExpectationResult> expectations) {
  const Scenario& scenario = run.whole;
  ViewEveryShard(run, *parts, table);
  const std::vector<const ShardView*> all = ViewPointers(parts->views);
  parts->merged = MergeShards(scenario, all, run.options.spill);
  std::vector<Totals> totals(all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    totals[k] = RunsHere(run.links, static_cast<uint32_t>(k)) ? Totals{} : all[k]->Aggregate();
  }
  for (const Shard& s : run.shards) totals[s.index] = s.totals;
  auto end = std::make_unique<Snapshot>(*parts->directory, all, *parts->merged, totals);
  for (size_t i = 0; i < expectations.size(); ++i) {
    if (scenario.expectations[i].at < 0) {
      expectations[i] = CheckExpectation(*end, scenario.expectations[i]);
    }
  }
  if (run.options.trace) {
    std::vector<const ShardTrace*> logs;
    for (const Shard& s : run.shards) logs.push_back(s.trace.get());
    EmitShardTraces(logs, *parts->directory, run.options.trace);
  }
  for (Shard& s : run.shards) {
    parts->scenarios.push_back(std::move(s.scenario));
    parts->worlds.push_back(std::move(s.world));
    parts->censuses.push_back(std::move(s.census));
  }
  for (std::unique_ptr<Scenario>& other : run.others) {
    if (other) parts->scenarios.push_back(std::move(other));
  }
  return RunResult(std::move(parts), std::move(end), std::move(table), std::move(expectations));
}

}  // namespace

ShardedOutcome RunSharded(const Scenario& scenario, const RunOptions& options, ShardPlan plan) {
  Run run{scenario, options, {}, {}, Measured(scenario), {}, nullptr, {}, {}};
  if (options.ranks != nullptr && options.ranks->ranks > 1) run.links = options.ranks;
  MakeRankShards(run, std::move(plan));
  run.pauses = run.measured;
  if (options.timeseries) {
    const std::vector<SimTime> rows = TimeseriesTimes(scenario);
    run.pauses.insert(run.pauses.end(), rows.begin(), rows.end());
  }
  std::sort(run.pauses.begin(), run.pauses.end());
  run.pauses.erase(std::unique(run.pauses.begin(), run.pauses.end()), run.pauses.end());

  auto parts = std::make_unique<ShardedParts>();
  parts->spill = options.spill;
  std::vector<ExpectationResult> expectations(scenario.expectations.size());
  const std::exception_ptr error = RunShards(run, *parts, expectations);
  if (std::optional<ShardedOutcome> ended = AfterShards(run, error)) return std::move(*ended);
  TimeseriesTable table;
  for (Shard& s : run.shards) AddTable(table, s.table);
  if (run.links != nullptr && run.links->rank != 0) {
    const std::vector<std::unique_ptr<ShardView>> mine = ShardViewsOf(run);
    OrAbort(run, [&] {
      SendAndServe(scenario, ViewsByIndex(run, mine, nullptr),
                   options.timeseries ? &table : nullptr, *run.links);
    });
    return {std::nullopt, false};
  }
  return {Finish(run, std::move(parts), std::move(table), std::move(expectations)), false};
}

}  // namespace carriersim
