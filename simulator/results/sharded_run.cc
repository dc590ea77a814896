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
#include "simulator/results/sampler.h"
#include "simulator/results/snapshot.h"

namespace carriersim {
namespace {

// One event of `run --trace`, as a shard saw it before handling it.
struct TraceRow {
  SimTime time;
  const char* event;
  const char* modem;
  const std::string* status;  // in the shard's scenario
  uint32_t entity;            // 0: the timeline; else the whole fleet's SIM + 1
};

struct Shard {
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<World> world;
  std::unique_ptr<StatusCensus> census;
  std::unique_ptr<TimeseriesSampler> sampler;
  std::unique_ptr<SpillLog<TraceRow>> trace;
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
};

std::vector<SimTime> Measured(const Scenario& scenario) {
  std::vector<SimTime> at;
  for (const Expectation& e : scenario.expectations) {
    if (e.at >= 0) at.push_back(e.at);
  }
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  return at;
}

SpillOptions ShardSpill(const SpillOptions& run, size_t index, size_t shards) {
  SpillOptions spill = run;
  // The shards share the memory one run's records may keep.
  if (spill.memory != kNoSpill) {
    spill.shared_memory = spill.memory;
    spill.memory = std::max<uint64_t>(1, spill.memory / shards);
  }
  spill.name_prefix += ".shard-" + std::to_string(index);
  return spill;
}

void InstallShardTrace(Shard& s, size_t index, const SpillOptions& spill) {
  s.trace = std::make_unique<SpillLog<TraceRow>>(spill, ".trace.spill", "the event trace");
  World& world = *s.world;
  world.set_trace([&world, &s, index](const Event& e) {
    if (e.entity == kTimelineEntity) {
      // Every shard runs the timeline: the first one tells.
      if (index == 0) s.trace->push_back({e.time, EventName(e), "", nullptr, 0});
      return;
    }
    const DeviceId d = DeviceOfEntity(e.entity);
    s.trace->push_back({e.time, EventName(e), ModemStateName(world.devices().modem(d)),
                        &world.directory().ProfileOf(d).statuses[world.network().status(d)].name,
                        world.directory().GlobalSim(d) + 1});
  });
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
void RunShard(Run& run, size_t index, Barrier& barrier) {
  Shard& s = run.shards[index];
  try {
    const SpillOptions spill = ShardSpill(run.options.spill, index, run.shards.size());
    s.world = std::make_unique<World>(*s.scenario, run.options.seed.value_or(run.whole.seed),
                                      spill);
    World& world = *s.world;
    world.set_fast_forward(run.options.fast_forward);
    if (run.options.progress) {
      world.set_progress([&run, &s](SimTime t, uint64_t n) { ReportProgress(run, s, t, n); });
    }
    if (run.options.trace) InstallShardTrace(s, index, spill);
    s.census = std::make_unique<StatusCensus>(world.directory(),
                                              HistoryRecords(world.recorder().history().changes));
    if (run.options.timeseries) s.sampler = std::make_unique<TimeseriesSampler>(*s.scenario);
    for (SimTime p : run.pauses) {
      world.RunUntil(p + 1);
      s.census->AdvanceTo(p);
      if (s.sampler && std::binary_search(s.sampler->times().begin(), s.sampler->times().end(), p)) {
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

// The shards as they are now, each read through a view of its own.
std::vector<std::unique_ptr<ShardView>> Views(const Run& run) {
  std::vector<std::unique_ptr<ShardView>> views;
  for (const Shard& s : run.shards) {
    views.push_back(std::make_unique<LocalShardView>(*s.world, *s.census));
  }
  return views;
}

std::vector<const ShardView*> Pointers(const std::vector<std::unique_ptr<ShardView>>& views) {
  std::vector<const ShardView*> pointers;
  for (const std::unique_ptr<ShardView>& v : views) pointers.push_back(v.get());
  return pointers;
}

// The whole fleet's directory, made when first needed: not while the shards are built, when
// memory peaks.
const SimDirectory& WholeDirectory(const Run& run, ShardedParts& parts) {
  if (!parts.directory) {
    parts.directory = std::make_unique<SimDirectory>(
        run.whole, run.options.seed.value_or(run.whole.seed));
  }
  return *parts.directory;
}

// Whether the shards' fees add up past what can be counted: the one-thread run stops there,
// with the SIM and time of the line that did it.
bool FeesOverflow(const Run& run) {
  int64_t total = 0;
  for (const Shard& s : run.shards) {
    if (__builtin_add_overflow(total, s.world->ledger().lines.total(), &total)) return true;
  }
  return false;
}

// Measures the `at:` expectations of the instant all shards have reached. On the thread the
// barrier picks, with every other shard waiting.
void MeasureAt(Run& run, ShardedParts& parts, SimTime p,
               std::vector<ExpectationResult>& expectations) {
  const std::vector<std::unique_ptr<ShardView>> views = Views(run);
  const auto merged = MergeShards(run.whole, Pointers(views), run.options.spill);
  const Snapshot now(WholeDirectory(run, parts), Pointers(views), *merged);
  for (size_t i = 0; i < expectations.size(); ++i) {
    if (run.whole.expectations[i].at == p) {
      expectations[i] = CheckExpectation(now, run.whole.expectations[i]);
    }
  }
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
    if (phase >= run.measured.size() || measure_error) return;
    const SimTime p = run.measured[phase++];
    for (const Shard& s : run.shards) {
      if (s.error) return;
    }
    try {
      // Fees past what can be counted stop the one-thread run before it gets here.
      if (FeesOverflow(run)) throw std::overflow_error("fees past what can be counted");
      MeasureAt(run, parts, p, expectations);
    } catch (...) {
      measure_error = std::current_exception();
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
#ifdef __GLIBC__
  // What the shards freed as they finished (their event queues) goes back to the system, for
  // the reports to come.
  malloc_trim(0);
#endif
  for (const Shard& s : run.shards) {
    if (s.error) return s.error;
  }
  return measure_error;
}

// The merged trace, in the run's order: by time, then entity (the timeline first).
void EmitTrace(const Run& run, const SimDirectory& directory) {
  std::vector<const SpillLog<TraceRow>*> logs;
  for (const Shard& s : run.shards) logs.push_back(s.trace.get());
  MergeSorted(
      logs,
      [](const TraceRow& a, const TraceRow& b) {
        return a.time != b.time ? a.time < b.time : a.entity < b.entity;
      },
      [&](const TraceRow& row) {
        TraceRecord r;
        r.directory = &directory;
        r.time = row.time;
        r.event = row.event;
        if (row.entity != 0) {
          r.device = true;
          r.sim = row.entity - 1;
          r.modem = row.modem;
          r.status = row.status;
        }
        run.options.trace(r);
      });
}

}  // namespace

std::optional<RunResult> RunSharded(const Scenario& scenario, const RunOptions& options,
                                    ShardPlan plan) {
  const uint32_t count = static_cast<uint32_t>(plan.shards.size());
  Run run{scenario, options, std::vector<Shard>(count), {}, Measured(scenario), {}};
  for (uint32_t k = 0; k < count; ++k) {
    run.shards[k].scenario =
        std::make_unique<Scenario>(ShardScenario(scenario, std::move(plan.shards[k])));
  }
  plan.shards.clear();
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
  if (const std::exception_ptr error = RunShards(run, *parts, expectations)) {
    try {
      std::rethrow_exception(error);
    } catch (const SpillError&) {
      throw;  // the disk's doing: the same on one thread
    } catch (...) {
      return std::nullopt;  // the one-thread run says what went wrong, in its words
    }
  }
  if (FeesOverflow(run)) return std::nullopt;
  WholeDirectory(run, *parts);
  parts->views = Views(run);
  parts->merged = MergeShards(scenario, Pointers(parts->views), options.spill);
  std::vector<Totals> totals;
  for (const Shard& s : run.shards) totals.push_back(s.totals);
  auto end =
      std::make_unique<Snapshot>(*parts->directory, Pointers(parts->views), *parts->merged, totals);
  for (size_t i = 0; i < expectations.size(); ++i) {
    if (scenario.expectations[i].at < 0) {
      expectations[i] = CheckExpectation(*end, scenario.expectations[i]);
    }
  }
  TimeseriesTable table;
  for (Shard& s : run.shards) AddTable(table, s.table);
  if (options.trace) EmitTrace(run, *parts->directory);
  for (Shard& s : run.shards) {
    parts->scenarios.push_back(std::move(s.scenario));
    parts->worlds.push_back(std::move(s.world));
    parts->censuses.push_back(std::move(s.census));
  }
  return RunResult(std::move(parts), std::move(end), std::move(table), std::move(expectations));
}

}  // namespace carriersim
