// What the shards of a run (`run --threads`, results/sharded_run.h) counted apart, added up into
// what the run as a whole counted: the signaling counters and the busiest windows, the mass
// events and their recovery, the forced reactivations, each timeline action's outcome, the event
// windows, and the accounts terminated. Each shard counts its own SIMs' doings; the timeline's
// own doings (a cell restored, the core restored) every shard counts alike, and are taken once.
// The big records (history, sessions, ledger) are not copied: results/run_records.h reads them
// merged. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_MERGE_H_
#define CARRIERSIM_RESULTS_SHARD_MERGE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "simulator/base/spill_file.h"
#include "simulator/observers/event_windows.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/model.h"

namespace carriersim {

class ShardView;

struct MergedShards {
  explicit MergedShards(const Scenario& whole)
      : signaling(whole.groups.size(), whole.cells.size()), windows(whole) {}

  SignalingMetrics signaling;
  std::vector<MassEvent> mass_events;       // SIMs by whole-fleet id
  std::vector<ForcedReactivation> forced;  // in the run's order, whole-fleet ids
  std::vector<ActionOutcome> actions;
  EventWindows windows;
  std::vector<SimTime> account_terminated;  // per carrier: when, or kNever
  uint64_t events = 0;                      // the engine's, as one world would have counted
};

// The shards' counts as one run's, as they are now (after the run, or at a pause where every
// shard has reached the same instant). `whole`: the scenario of the whole fleet; `spill`: where
// the merged mass events' records go past memory.
std::unique_ptr<MergedShards> MergeShards(const Scenario& whole,
                                          const std::vector<const ShardView*>& shards,
                                          const SpillOptions& spill);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_MERGE_H_
