// What the reports and the expectations read of one part of a run: the world of a run on one
// thread, or one shard's (`run --threads`, results/sharded_run.h). Snapshot, RunResult and the
// merge of the shards read a part through this and nothing else.
//
// Why an interface: a part may live in another process (the ranks of `mpirun ... run`), where
// it can only answer questions sent over a wire. So every question here is asked of a whole
// part at once (the values of an expectation for all the part's SIMs, not one SIM after
// another) and is answered with plain values, and the work that reads a part's SIMs one by one
// is done where the part is. LocalShardView (results/local_shard_view.h) answers from a world
// in this process. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_VIEW_H_
#define CARRIERSIM_RESULTS_SHARD_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/billing/ledger.h"
#include "simulator/nas/messages.h"
#include "simulator/observers/recorder.h"
#include "simulator/results/aggregate.h"
#include "simulator/results/expectations.h"
#include "simulator/results/run_result.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

// One SIM's value of a metric; the SIM by its id in the whole fleet.
struct SimValue {
  SimId sim;
  int64_t value;
};

// What a part saw of one mass event, for recovery.pNN: its devices the event hit in an
// expectation's scope, and the times those were back (in no particular order).
struct RecoveryPart {
  uint64_t affected = 0;
  std::vector<SimTime> back;
};

// What a part counted that the merge of the shards adds up (results/shard_merge.h).
struct ShardCounts {
  const SimDirectory* directory;  // the part's: its SIMs in the whole fleet
  const SignalingMetrics* signaling;
  const std::vector<MassEvent>* mass_events;  // devices by the part's ids
  const std::vector<ForcedReactivation>* forced;
  const std::vector<ActionOutcome>* actions;  // indexed like Scenario::timeline
  const std::vector<int64_t>* terminate_remaining;  // Network::terminate_remaining
  const EventWindows* windows;
  const Recorder::ShardRecords* shard;  // the order words and rate log of a shard; else null
  uint64_t events;                      // the engine's
  uint64_t timeline_events;             // of them, the timeline's
};

// Where a part's big records are (results/run_records.h). The order logs are null for a world
// that is a whole run.
struct PartRecords {
  const SpillLog<StatusChange>* history;
  const SpillLog<uint32_t>* history_order;
  const SessionRecords* sessions;
  const SpillLog<uint32_t>* session_order;
  const FeeLedger* ledger;
};

class ShardView {
 public:
  virtual ~ShardView() = default;

  // The part's SIMs, numbered from 0, and who each is in the whole fleet.
  virtual const SimDirectory& directory() const = 0;

  // Sums (results/aggregate.h), as the part is now.
  virtual Totals Aggregate() const = 0;
  virtual CellAndPlanTotals ByCellAndPlan() const = 0;
  // SIM `sim` of the part as a scope of one, with its fees by category, status changes and
  // forced reactivations. `charged`: every fee of the run, of all its parts (which categories
  // were charged at all).
  virtual SimTotals OneSim(SimId sim, const FeeTotals& charged) const = 0;
  // sims.csv's row of SIM `sim` of the part, without its group (the caller knows it), and
  // without its fees by category unless `categories`.
  virtual SimRow Row(SimId sim, bool categories, const FeeTotals& charged) const = 0;
  // What SIM `sim`'s device sent in [from, to).
  virtual TrafficTally Usage(SimId sim, SimTime from, SimTime to) const = 0;

  // SIMs per status, as of the part's census.
  virtual StatusId Status(SimId sim) const = 0;
  virtual int64_t InGroup(uint32_t group, StatusId status) const = 0;

  // Expectations, measured where the SIMs are (results/measure.cc adds the parts up). `e` is
  // always one of the whole scenario's (Scenario::expectations), which a remote part has too:
  // SIMs of the scope whose status is the one the expectation names (sims.STATUS);
  virtual int64_t CountInStatus(const Expectation& e) const = 0;
  // the fees or status changes of the scope's SIMs that pass the expectation's keys;
  virtual int64_t NarrowedRecords(const Expectation& e) const = 0;
  // each SIM's value of the metric, for the SIMs of the scope, by ascending id (no `action:`);
  virtual std::vector<SimValue> Values(const Expectation& e) const = 0;
  // what each device of the scope hit by the expectation's action spent recovering, event by
  // event; the energy metrics with `action:`;
  virtual std::vector<SimValue> EventEnergy(const Expectation& e) const = 0;
  // per mass event of the run (the same in every part), the scope's devices it hit here.
  virtual std::vector<RecoveryPart> Recovery(const Expectation& e) const = 0;

  // What the shards' merge and the readers of the records take.
  virtual ShardCounts Counts() const = 0;
  virtual PartRecords Records() const = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_VIEW_H_
