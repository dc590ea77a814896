// What a shard of a run on another rank (`mpirun ... run`) produced, shipped to the rank that
// writes the reports once the run is over: everything its ShardView's Counts() and Records()
// point to (results/shard_view.h), but its directory, which the receiver builds from the shard's
// scenario. Questions about single SIMs go by RPC instead; this is the bulk, sent once.
//
// What grows with the scenario's text (its groups, cells and timeline actions: the signaling
// counters, the mass events' figures, the actions' outcomes, the event windows) goes in a first
// message. What grows with the SIMs or the run's length (the record logs, the forced
// reactivations, each mass event's devices and recovery times) follows in chunks of at most
// kTransferChunkBytes each, read through the logs' own readers: a log that is mostly on disk is
// never loaded whole, on either side. The receiver puts every log in a SpillLog or FeeLedger of
// its own, which spills past its memory to files of its own, as the shard's logs did.
//
// Every message is checked as it is read: one that is short, long or malformed, a chunk that is
// not whole records, a SIM, meter or action out of range, or more records than announced throw
// WireError (base/wire.h) naming the part of the shard it held. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_TRANSFER_H_
#define CARRIERSIM_RESULTS_SHARD_TRANSFER_H_

#include <cstdint>
#include <memory>

#include "simulator/base/rank_links.h"
#include "simulator/base/spill_file.h"
#include "simulator/results/shard_view.h"
#include "simulator/scenario/model.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

// The most bytes of records one message carries: large enough that a header per message costs
// nothing, small enough that neither rank holds more than this of a log in memory beyond the
// log's own.
inline constexpr uint64_t kTransferChunkBytes = uint64_t{16} << 20;

// Sends `shard` (finished: its logs settled or not, read as they are) to rank `to`. Ranks `to`
// must call ReceiveShard for it, with the same shard's scenario. `chunk_bytes`: tests lower it to
// make several chunks of small logs.
void SendShard(const ShardView& shard, const RankLinks& links, int to,
               uint64_t chunk_bytes = kTransferChunkBytes);

// A shard as another rank sent it: its counts and its record logs, owned here. Movable; what
// Counts() and Records() point to stays where it is.
class ReceivedShard {
 public:
  struct State;  // shard_transfer_internal.h
  explicit ReceivedShard(std::unique_ptr<State> state);
  ReceivedShard(ReceivedShard&&) noexcept;
  ReceivedShard& operator=(ReceivedShard&&) noexcept;
  ~ReceivedShard();

  // As the sender's ShardView answered them, with `directory` (the shard's, built here from its
  // scenario) in place of the sender's. Logged rate meters point at the received rate log.
  ShardCounts Counts(const SimDirectory& directory) const;
  PartRecords Records() const;

 private:
  std::unique_ptr<State> state_;
};

// Receives what SendShard sent from rank `from`. `shard_scenario`: the scenario of that shard
// (ShardScenario), which sizes and checks what arrives; only read here. `spill`: where the
// received logs go past their memory, each file's name prefixed with ".rank-shard-<from>" (the
// caller shares out the memory between shards, as results/sharded_run.cc does).
ReceivedShard ReceiveShard(const Scenario& shard_scenario, const RankLinks& links, int from,
                           const SpillOptions& spill);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_TRANSFER_H_
