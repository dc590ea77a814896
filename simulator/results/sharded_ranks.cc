// Spreading a run's shards over ranks and reading every shard when it is over: the parts of a
// run cut into shards that know of ranks (sharded_run_internal.h; results/ranked_run.h says how
// the ranks meet).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "simulator/base/spill_file.h"
#include "simulator/results/local_shard_view.h"
#include "simulator/results/sharded_run_internal.h"

namespace carriersim {

std::vector<std::unique_ptr<ShardView>> ShardViewsOf(const Run& run) {
  std::vector<std::unique_ptr<ShardView>> views;
  for (const Shard& s : run.shards) {
    views.push_back(std::make_unique<LocalShardView>(*s.world, *s.census));
  }
  return views;
}

std::vector<const ShardView*> ViewPointers(const std::vector<std::unique_ptr<ShardView>>& views) {
  std::vector<const ShardView*> pointers;
  for (const std::unique_ptr<ShardView>& v : views) pointers.push_back(v.get());
  return pointers;
}

const SimDirectory& WholeDirectoryOf(const Run& run, ShardedParts& parts) {
  if (!parts.directory) {
    parts.directory = std::make_unique<SimDirectory>(
        run.whole, run.options.seed.value_or(run.whole.seed));
  }
  return *parts.directory;
}

RankState RankStateOf(const Run& run, const std::exception_ptr& error) {
  RankState state;
  state.ok = error == nullptr;
  if (error != nullptr && !RunAgainFor(error)) {
    state.fatal = true;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      state.error = e.what();
    } catch (...) {
      state.error = "an unknown error";
    }
  }
  for (const Shard& s : run.shards) {
    if (s.world == nullptr) continue;  // failed before it began: `ok` says so
    state.fees_overflow = state.fees_overflow ||
                          __builtin_add_overflow(state.fees, s.world->ledger().lines.total(),
                                                 &state.fees);
  }
  return state;
}

bool ShardFeesOverflow(const Run& run) { return RankStateOf(run, nullptr).fees_overflow; }

std::exception_ptr FirstShardError(const Run& run, const std::exception_ptr& measure_error) {
  for (const Shard& s : run.shards) {
    if (s.error) return s.error;
  }
  return measure_error;
}

std::vector<const ShardView*> ViewsByIndex(const Run& run,
                                           const std::vector<std::unique_ptr<ShardView>>& mine,
                                           const RemoteShards* remote) {
  std::vector<const ShardView*> all(run.scenarios.size(), nullptr);
  for (size_t i = 0; i < run.shards.size(); ++i) all[run.shards[i].index] = mine[i].get();
  if (remote != nullptr) {
    for (size_t i = 0; i < remote->views.size(); ++i) {
      all[remote->index[i]] = remote->views[i].get();
    }
  }
  return all;
}

uint64_t RunSeed(const Run& run) { return run.options.seed.value_or(run.whole.seed); }

void MakeRankShards(Run& run, ShardPlan plan) {
  const auto count = static_cast<uint32_t>(plan.shards.size());
  uint32_t here = 0;
  for (uint32_t k = 0; k < count; ++k) here += RunsHere(run.links, k);
  run.shards = std::vector<Shard>(here);
  run.scenarios.assign(count, nullptr);
  run.others.resize(count);
  for (uint32_t k = 0, next = 0; k < count; ++k) {
    if (RunsHere(run.links, k)) {
      Shard& s = run.shards[next++];
      s.index = k;
      s.scenario = std::make_unique<Scenario>(ShardScenario(run.whole, std::move(plan.shards[k])));
      run.scenarios[k] = s.scenario.get();
    } else if (run.links->rank == 0) {
      run.others[k] =
          std::make_unique<Scenario>(ShardScenario(run.whole, std::move(plan.shards[k])));
      run.scenarios[k] = run.others[k].get();
    }
  }
}

void ViewEveryShard(Run& run, ShardedParts& parts, TimeseriesTable& table) {
  std::vector<std::unique_ptr<ShardView>> mine = ShardViewsOf(run);
  RemoteShards remote;
  OrAbort(run, [&] {
    WholeDirectoryOf(run, parts);
    if (run.links == nullptr) return;
    remote = ReceiveShards(run.whole, RunSeed(run), run.scenarios, *run.links, run.options.spill,
                           run.options.timeseries ? &table : nullptr);
  });
  if (run.links != nullptr) parts.serving = std::make_unique<ServingRanks>(*run.links);
  parts.views.resize(run.scenarios.size());
  for (size_t i = 0; i < run.shards.size(); ++i) {
    parts.views[run.shards[i].index] = std::move(mine[i]);
  }
  for (size_t i = 0; i < remote.views.size(); ++i) {
    parts.views[remote.index[i]] = std::move(remote.views[i]);
  }
  parts.received = std::move(remote.received);
  parts.remote_directories = std::move(remote.directories);
}

std::optional<ShardedOutcome> AfterShards(const Run& run, const std::exception_ptr& error) {
  if (run.links == nullptr) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const SpillError&) {
        throw;  // the disk's doing: the same on one thread
      } catch (...) {
        return ShardedOutcome{std::nullopt, true};  // the one-thread run says it in its words
      }
    }
    if (ShardFeesOverflow(run)) return ShardedOutcome{std::nullopt, true};
    return std::nullopt;
  }
  // Every rank learns how every other's shards ended, and all do alike.
  const RankVerdict verdict = EveryRankOk(*run.links, RankStateOf(run, error));
  if (verdict.kind == RankVerdict::kGo) return std::nullopt;
  if (verdict.kind == RankVerdict::kRunAgain) return ShardedOutcome{std::nullopt, true};
  if (run.links->rank != 0) return ShardedOutcome{std::nullopt, false};
  if (error && !RunAgainFor(error)) std::rethrow_exception(error);  // rank 0's own
  throw std::runtime_error("rank " + std::to_string(verdict.rank) + ": " + verdict.error);
}

}  // namespace carriersim
