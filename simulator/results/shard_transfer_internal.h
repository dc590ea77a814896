// The parts of shipping a shard (results/shard_transfer.h) that the two halves share: what a
// received shard holds, and the first message, which shard_transfer_counts.cc writes and reads.
// Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_TRANSFER_INTERNAL_H_
#define CARRIERSIM_RESULTS_SHARD_TRANSFER_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "simulator/base/spill_file.h"
#include "simulator/base/wire.h"
#include "simulator/billing/ledger.h"
#include "simulator/observers/event_windows.h"
#include "simulator/observers/recorder.h"
#include "simulator/results/shard_transfer.h"

namespace carriersim {

// Never moves once made (ReceivedShard holds it by pointer): the logged rate meters point at
// its rate log, and the ledger's sums at its SIMs' groups.
struct ReceivedShard::State {
  State(const Scenario& scenario, const SpillOptions& spill);
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  SpillOptions spill;                // with the received shard's own name prefix
  std::vector<uint32_t> sim_groups;  // per SIM of the shard: its group (FeeGroups::of_sim)
  SignalingMetrics signaling;
  std::vector<MassEvent> mass_events;
  std::vector<ForcedReactivation> forced;
  std::vector<ActionOutcome> actions;
  std::vector<int64_t> terminate_remaining;
  EventWindows windows;
  std::unique_ptr<Recorder::ShardRecords> shard;  // null: the sender's was a whole run
  uint64_t events = 0;
  uint64_t timeline_events = 0;
  SpillLog<StatusChange> history;
  SessionLog sessions;  // its records named as the shard's own
  FeeLedger ledger;
};

// How many records each log holds that follows the first message, in the order sent.
struct TransferSizes {
  uint64_t forced = 0;
  uint64_t history = 0;
  uint64_t sessions = 0;
  uint64_t ledger = 0;
  // Of a shard of a run (ShardCounts::shard), else 0: one order word per record.
  uint64_t forced_order = 0;
  uint64_t history_order = 0;
  uint64_t session_order = 0;
  uint64_t rate_log = 0;
  // Per mass event: its recovery times and its devices.
  std::vector<uint64_t> event_back;
  std::vector<uint64_t> event_members;
};

// The first message: every count of the shard that grows with its scenario, not its SIMs, and
// the sizes of the logs that follow.
void PutShardCounts(WireWriter& w, const ShardCounts& counts, const PartRecords& records);
// Reads it into `to` (made for `scenario`, which it must match): its mass events are made
// empty, their records to follow. Throws WireError, naming the message `message` ("the counts of
// the shard from rank 1").
TransferSizes GetShardCounts(WireReader& r, const std::string& message, const Scenario& scenario,
                             ReceivedShard::State& to);

// "rank 3", in messages.
std::string RankName(int rank);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_TRANSFER_INTERNAL_H_
