// One rank's part in a run spread over the ranks of an MPI job (`mpirun -np K carriersim-mpi
// run`), on top of the run cut into shards (results/sharded_run.h): the plan cuts the fleet
// into shards for K ranks of T threads, every rank makes the same plan, and shard k runs on
// rank k mod K. The shards run independently as they do on threads; the ranks meet where the
// threads meet, at each `at:` of an expectation and at the end:
//
//  1. every rank says whether its shards are still running, and the fees they charged (a
//     collective); a rank whose shard failed makes the run fail everywhere: rank 0 then makes it
//     again on one thread, for the error in the words of a run on one thread, as threads do;
//  2. the other ranks send rank 0 what their shards made so far (results/shard_transfer.h), then
//     answer its questions about them (ServeShards) until it is done;
//  3. rank 0 reads every shard, its own and the others', through ShardViews, in the plan's
//     order: what it measures and writes is what one process would.
//
// At the end, rank 0 is done when its reports are written: the RunResult holds a ServingRanks,
// whose end lets the other ranks go. Internal to results/.
#ifndef CARRIERSIM_RESULTS_RANKED_RUN_H_
#define CARRIERSIM_RESULTS_RANKED_RUN_H_

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "simulator/base/rank_links.h"
#include "simulator/results/remote_shard_view.h"
#include "simulator/results/shard_transfer.h"
#include "simulator/results/timeseries.h"

namespace carriersim {

// Whether shard `shard` of the plan runs on this rank.
inline bool RunsHere(const RankLinks* links, uint32_t shard) {
  return links == nullptr || static_cast<int>(shard % static_cast<uint32_t>(links->ranks)) ==
                                 links->rank;
}

// Where shard `index` of `shards` keeps its records past their memory: its own files, and its
// share of the memory the run's records may keep (a shard run here, or received from a rank).
SpillOptions ShardSpill(const SpillOptions& run, size_t index, size_t shards);

// Step 1, a collective: whether every rank's shards ran without error and the fees of all of
// them still add up. A shard's error is one the run on one thread would meet too, in its own
// words (a SIM looping at one instant, fees past what can be counted), or it is `fatal`: the
// disk, memory, or a message between ranks, which running again would not explain.
struct RankState {
  bool ok = true;
  bool fatal = false;  // with `error` saying what
  std::string error;
  bool fees_overflow = false;
  int64_t fees = 0;  // this rank's shards' total
};
struct RankVerdict {
  enum Kind { kGo, kRunAgain, kFatal } kind = kGo;
  int rank = 0;  // kFatal: the first rank whose error it was
  std::string error;
};
RankVerdict EveryRankOk(const RankLinks& links, const RankState& mine);
// Whether `error` (a shard's) is one running again on one thread puts in its words.
bool RunAgainFor(const std::exception_ptr& error);

// On rank 0, until it goes: the other ranks answer questions about their shards. Its end (or
// End()) lets them go on; never throws. Made once every other rank's shards are received: before
// that, one may still be sending, and a rank 0 that fails must abort the job instead.
class ServingRanks {
 public:
  explicit ServingRanks(const RankLinks& links) : links_(&links) {}
  ServingRanks(const ServingRanks&) = delete;
  ServingRanks& operator=(const ServingRanks&) = delete;
  ~ServingRanks() { End(); }
  void End() noexcept;

 private:
  const RankLinks* links_;
};

// Rank 0: the shards the other ranks hold, as they sent them.
struct RemoteShards {
  std::vector<std::unique_ptr<SimDirectory>> directories;
  std::vector<ReceivedShard> received;
  std::vector<std::unique_ptr<ShardView>> views;  // RemoteShardViews
  std::vector<uint32_t> index;                    // each one's in the plan
};

// Step 2, on rank 0: receives the shards of every other rank, in the plan's order, and if
// `table` is not null, each rank's table of timeseries.csv, added into it. `scenarios[k]`: shard
// k's scenario (null for rank 0's own). The views ask their rank with `links`; the logs received
// go past their memory to `spill`'s folder.
RemoteShards ReceiveShards(const Scenario& whole, uint64_t seed,
                           const std::vector<const Scenario*>& scenarios, const RankLinks& links,
                           const SpillOptions& spill, TimeseriesTable* table);
// Step 2, on the other ranks: sends this rank's shards (`mine`, in the plan's order) and, if
// `table`, its timeseries table, then answers questions until rank 0 is done. `shards[k]`: shard
// k of the plan if this rank runs it, else null.
void SendAndServe(const Scenario& whole, const std::vector<const ShardView*>& shards,
                  const TimeseriesTable* table, const RankLinks& links);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_RANKED_RUN_H_
