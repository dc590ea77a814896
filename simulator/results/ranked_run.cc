#include "simulator/results/ranked_run.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <system_error>

#include "simulator/base/no_progress.h"
#include "simulator/base/wire.h"
#include "simulator/results/sampler.h"
#include "simulator/results/view_wire.h"

namespace carriersim {

RankVerdict EveryRankOk(const RankLinks& links, const RankState& mine) {
  WireWriter w;
  w.Put(mine.ok);
  w.Put(mine.fatal);
  w.PutString(mine.error);
  w.Put(mine.fees_overflow);
  w.Put(mine.fees);
  const std::vector<std::string> all = links.all_gather(w.Take());
  RankVerdict verdict;
  int64_t fees = 0;
  for (size_t rank = 0; rank < all.size(); ++rank) {
    WireReader r(all[rank], "rank " + std::to_string(rank) + "'s state");
    const bool ok = r.GetBool();
    const bool fatal = r.GetBool();
    std::string error = r.GetString();
    const bool overflow = r.GetBool();
    const int64_t its_fees = r.GetI64();
    r.ExpectEnd();
    if (fatal && verdict.kind != RankVerdict::kFatal) {
      verdict = {RankVerdict::kFatal, static_cast<int>(rank), std::move(error)};
    }
    // Fees past what can be counted stop the run on one thread: it says where.
    if ((!ok || overflow || __builtin_add_overflow(fees, its_fees, &fees)) &&
        verdict.kind == RankVerdict::kGo) {
      verdict.kind = RankVerdict::kRunAgain;
    }
  }
  return verdict;
}

bool RunAgainFor(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const NoProgressError&) {
    return true;
  } catch (const std::overflow_error&) {  // FeeOverflow, and fees past int64 at a pause
    return true;
  } catch (const std::system_error&) {  // no thread for a shard: one thread does
    return true;
  } catch (...) {
    return false;
  }
}

void ServingRanks::End() noexcept {
  if (links_ == nullptr) return;
  const RankLinks& links = *links_;
  links_ = nullptr;
  try {
    EndServing(links);
  } catch (...) {
    // A send that fails: the rank is gone, and MPI ends the job (loopback ranks stop).
  }
}

namespace {

// Adds a rank's table into `into`, which another rank's table began: of the same scenario, the
// two have the same rows and columns, or the message was not what it should be.
void AddRankTable(TimeseriesTable& into, const TimeseriesTable& part, int rank) {
  if (part.times.empty()) return;  // a rank without shards
  if (!into.times.empty()) {
    bool same = into.times == part.times && into.status_names == part.status_names;
    for (size_t row = 0; same && row < into.times.size(); ++row) {
      same = into.sims[row].size() == part.sims[row].size() &&
             into.cells[row].size() == part.cells[row].size();
    }
    if (!same) {
      throw WireError("rank " + std::to_string(rank) +
                      "'s timeseries table is not of the run's rows and columns");
    }
  }
  AddTable(into, part);
}

}  // namespace

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

RemoteShards ReceiveShards(const Scenario& whole, uint64_t seed,
                           const std::vector<const Scenario*>& scenarios, const RankLinks& links,
                           const SpillOptions& spill, TimeseriesTable* table) {
  RemoteShards remote;
  const auto shards = static_cast<uint32_t>(scenarios.size());
  for (int rank = 1; rank < links.ranks; ++rank) {
    for (uint32_t k = 0; k < shards; ++k) {
      if (static_cast<int>(k % links.ranks) == rank) {
        const Scenario& scenario = *scenarios[k];
        remote.directories.push_back(std::make_unique<SimDirectory>(scenario, seed));
        remote.received.push_back(
            ReceiveShard(scenario, links, rank, ShardSpill(spill, k, shards)));
        remote.index.push_back(k);
      }
    }
    if (table != nullptr) {
      const std::string bytes = links.receive(rank);
      WireReader r(bytes, "rank " + std::to_string(rank) + "'s timeseries table");
      const TimeseriesTable part = GetTable(r);
      r.ExpectEnd();
      AddRankTable(*table, part, rank);
    }
  }
  for (size_t i = 0; i < remote.received.size(); ++i) {
    const uint32_t k = remote.index[i];
    const SimDirectory& directory = *remote.directories[i];
    remote.views.push_back(std::make_unique<RemoteShardView>(
        whole, directory, k, static_cast<int>(k % links.ranks), links,
        remote.received[i].Counts(directory), remote.received[i].Records()));
  }
  return remote;
}

void SendAndServe(const Scenario& whole, const std::vector<const ShardView*>& shards,
                  const TimeseriesTable* table, const RankLinks& links) {
  for (const ShardView* shard : shards) {
    if (shard != nullptr) SendShard(*shard, links, 0);
  }
  if (table != nullptr) {
    WireWriter w;
    PutTable(w, *table);
    links.send(0, w.Take());
  }
  ServeShards(whole, shards, links);
}

}  // namespace carriersim
