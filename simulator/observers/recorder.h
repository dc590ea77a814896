// The recorder of a run: what happened, for the reports, written by the network and the devices
// as it happens and read once the run is over (or at a pause). Status history (SOR-9), data
// sessions (NET-5), signaling counters overall, per group and per cell (NET-3), attach
// signaling at a fine resolution around the timeline's instants, mass events and recovery
// (NET-4), forced reactivations (SOR-7), and what each timeline action did.
//
// Invariants:
//  1. Records are appended in the order things happened; nothing is ever removed or rewritten,
//     except that a session record is completed when its session closes.
//  2. A counter per group or per cell never exceeds the matching total, and the totals are the
//     sums of the per-group counters.
//  3. The recorder never influences the run: no component reads it to decide anything. (It
//     tells collateral congestion from the congestion of a mass event itself, by the recovery
//     it records.)
#ifndef CARRIERSIM_OBSERVERS_RECORDER_H_
#define CARRIERSIM_OBSERVERS_RECORDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "simulator/nas/messages.h"
#include "simulator/observers/event_windows.h"
#include "simulator/observers/recovery.h"
#include "simulator/observers/session_log.h"
#include "simulator/observers/signaling_metrics.h"
#include "simulator/observers/status_history.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

// A SIM the network force-reactivated because its device kept attaching (SOR-7).
struct ForcedReactivation {
  SimTime time;
  SimId sim;
};

// Where a record was made within its instant, for merging the records of a run's shards in the
// run's order (`run --threads`): at one instant the timeline acts first, action by action, then
// the SIMs of spread actions whose turn it is, action by action; then the devices, by SIM. The
// merge orders records by (time, order word, SIM in the whole fleet).
inline constexpr uint32_t kDeviceOrder = UINT32_MAX;
inline uint32_t TimelineOrder(bool spread_turn, uint32_t action) {
  return (spread_turn ? uint32_t{1} << 31 : 0) | action;
}

class Recorder {
 public:
  // `spill`: where the history and the sessions go past the memory they may keep.
  explicit Recorder(const SimDirectory& directory, const SpillOptions& spill = {});

  // The run is over: each record log whose memory holds more than `bytes` writes it to disk
  // and gives it back, for the reports, which read the records in passes.
  void SpillIfOver(uint64_t bytes);

  // Status history.
  void StatusChanged(SimTime now, SimId sim, StatusId from, StatusId to, ChangeCause cause) {
    history_.changes.push_back(StatusChange{now, sim, from, to, cause});
    if (shard_) [[unlikely]] shard_->history_order.push_back(order_);
    ++history_.by_group[directory_.group(sim)];
    ++history_.by_cause[static_cast<size_t>(cause)];
  }
  void ForcedReactivationOf(SimId sim, SimTime now) {
    forced_.push_back({now, sim});
    if (shard_) [[unlikely]] shard_->forced_order.push_back(order_);
  }

  // Data sessions: opening returns the record, which closing completes.
  uint64_t SessionOpened(SimId sim, SimTime now);
  void SessionClosed(uint64_t record, SimTime now, SessionEnd why);

  // Signaling, as the network saw it. An attach request that reached `cell` at `now`, then its
  // answer at the same instant: accepted, rejected with `cause`, or lost in a core outage.
  void AttachReachedCell(SimId sim, uint32_t cell, SimTime now);
  void AttachAccepted(SimId sim, uint32_t cell);
  void AttachRejected(SimId sim, uint32_t cell, EmmCause cause, SimTime now);
  // Rejected with #22 because the cell was over capacity; collateral unless the device is
  // recovering from a mass event (NET-3).
  void AttachCongested(SimId sim, uint32_t cell, SimTime now);
  void AttachUnanswered(SimId sim, uint32_t cell);
  // An attempt its device made while its cell was down: nobody heard it, the reports count it.
  void AttemptWithoutCell(SimId sim);
  // The network detached the device: "re-attach required", or with `cause`.
  void NetworkDetach(SimId sim, EmmCause cause, bool reattach);
  // Data session requests the network refused while the device stayed attached (SOR-4).
  void PdnRejects(SimId sim, uint64_t requests);

  // Mass events (outages, mass power-ons) and the devices' recovery from them.
  Recovery& recovery() { return recovery_; }
  const Recovery& recovery() const { return recovery_; }

  // Attach signaling at a fine resolution around the timeline's instants (report.html).
  const EventWindows& event_windows() const { return windows_; }

  // What each timeline action did, indexed like Scenario::timeline.
  ActionOutcome& action(size_t index) { return actions_[index]; }

  const StatusHistory& history() const { return history_; }
  const SessionLog& sessions() const { return sessions_; }
  const SignalingMetrics& signaling() const { return signaling_; }
  const std::vector<ForcedReactivation>& forced_reactivations() const { return forced_; }
  const std::vector<ActionOutcome>& actions() const { return actions_; }

  // A shard of a run (Scenario::shard): each record's order word (kDeviceOrder, TimelineOrder),
  // in the order of the records, and the windows of the rate meters whose events several
  // shards count: the network's (meter 0, per second, and 1, per minute) and those of cells
  // without a capacity (2 + 2 x cell, per second, and 3 + 2 x cell).
  struct ShardRecords {
    SpillLog<uint32_t> history_order;
    SpillLog<uint32_t> session_order;
    std::vector<uint32_t> forced_order;
    SpillLog<WindowCount> rate_log;
  };
  // Empty shard records whose logs spill as a shard's do: the recorder's own, and those a rank
  // receives from another (results/shard_transfer.h).
  static ShardRecords NewShardRecords(const SpillOptions& spill);
  // The word of what is being handled now (the world and the timeline set it).
  void set_order(uint32_t word) { order_ = word; }
  const ShardRecords* shard() const { return shard_.get(); }

 private:
  SignalingCounters& GroupOf(SimId sim) { return signaling_.by_group[directory_.group(sim)]; }

  const SimDirectory& directory_;
  StatusHistory history_;
  SessionLog sessions_;
  SignalingMetrics signaling_;
  Recovery recovery_;
  EventWindows windows_;
  std::vector<ForcedReactivation> forced_;
  std::vector<ActionOutcome> actions_;
  std::unique_ptr<ShardRecords> shard_;  // null: the run is not sharded
  uint32_t order_ = kDeviceOrder;
};

// The counters and the session log, inline: the network and the devices call them on nearly
// every event.

inline uint64_t Recorder::SessionOpened(SimId sim, SimTime now) {
  ++signaling_.total.sessions_opened;
  ++GroupOf(sim).sessions_opened;
  sessions_.records.push_back(SessionRecord{sim, SessionEnd::kOpen, now, kNever});
  if (shard_) [[unlikely]] shard_->session_order.push_back(order_);
  return sessions_.records.size() - 1;
}

inline void Recorder::SessionClosed(uint64_t record, SimTime now, SessionEnd why) {
  sessions_.records.Update(record, SessionClose{why, now});
}

inline void Recorder::AttachReachedCell(SimId sim, uint32_t cell, SimTime now) {
  ++signaling_.total.attach_attempts;
  ++GroupOf(sim).attach_attempts;
  CellStats& s = signaling_.by_cell[cell];
  ++s.attempts;
  s.per_second.Add(now, kSecond);
  s.per_minute.Add(now, kMinute);
  signaling_.per_second.Add(now, kSecond);
  signaling_.per_minute.Add(now, kMinute);
  windows_.Attempt(now, directory_.group(sim));
}

inline void Recorder::AttachAccepted(SimId sim, uint32_t cell) {
  ++signaling_.total.attach_accepts;
  ++GroupOf(sim).attach_accepts;
  ++signaling_.by_cell[cell].accepts;
}

inline void Recorder::AttachRejected(SimId sim, uint32_t cell, EmmCause cause, SimTime now) {
  ++signaling_.total.rejects_by_cause[cause];
  ++GroupOf(sim).rejects_by_cause[cause];
  ++signaling_.by_cell[cell].rejects_by_cause[cause];
  if (WindowBin* bin = windows_.BinAt(now)) {
    ++bin->rejects;
    if (cause == kCauseCongestion) ++bin->congestion;
  }
}

inline void Recorder::AttachCongested(SimId sim, uint32_t cell, SimTime now) {
  AttachRejected(sim, cell, kCauseCongestion, now);
  if (recovery_.recovering(sim)) return;
  ++signaling_.by_cell[cell].collateral;
  ++signaling_.total.collateral_congestion;
  ++GroupOf(sim).collateral_congestion;
}

inline void Recorder::AttachUnanswered(SimId sim, uint32_t cell) {
  ++signaling_.by_cell[cell].unanswered;
  ++signaling_.total.unanswered;
  ++GroupOf(sim).unanswered;
}

inline void Recorder::AttemptWithoutCell(SimId sim) {
  ++signaling_.total.attempts_without_cell;
  ++GroupOf(sim).attempts_without_cell;
}

inline void Recorder::NetworkDetach(SimId sim, EmmCause cause, bool reattach) {
  for (SignalingCounters* c : {&signaling_.total, &GroupOf(sim)}) {
    ++c->network_detaches;
    if (!reattach) ++c->detaches_by_cause[cause];
  }
}

inline void Recorder::PdnRejects(SimId sim, uint64_t requests) {
  signaling_.total.pdn_rejects += requests;
  GroupOf(sim).pdn_rejects += requests;
}

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECORDER_H_
