// A run added up at one instant: after the run, or at a pause for the expectations measured
// then. A run is one world, or the worlds of its shards (`run --threads`): a snapshot reads
// either the same way, each part through a ShardView (results/shard_view.h), with SIMs by their
// ids in the whole fleet; what the shards counted apart comes merged (results/shard_merge.h).
// Internal to results/.
#ifndef CARRIERSIM_RESULTS_SNAPSHOT_H_
#define CARRIERSIM_RESULTS_SNAPSHOT_H_

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "simulator/results/aggregate.h"
#include "simulator/results/census.h"
#include "simulator/results/shard_merge.h"
#include "simulator/results/shard_view.h"
#include "simulator/world/world.h"

namespace carriersim {

class LocalShardView;

class Snapshot {
 public:
  // A run on one world. REQUIRES: `census` advanced to the instant of the world.
  Snapshot(const World& world, const StatusCensus& census);
  // The parts of a run (its shards), all at one instant, and what was merged of them then.
  // `directory`: the whole fleet's; `part_totals`: each part's Aggregate, if already added up
  // (each shard's thread does it at the end), else empty.
  Snapshot(const SimDirectory& directory, std::vector<const ShardView*> parts,
           const MergedShards& merged, const std::vector<Totals>& part_totals = {});
  ~Snapshot();

  const Scenario& scenario() const { return directory_.scenario(); }
  const SimDirectory& directory() const { return directory_; }  // the whole fleet's
  const std::vector<const ShardView*>& parts() const { return parts_; }
  // Where SIM `sim` of the whole fleet is: its part, and its id there.
  std::pair<const ShardView*, SimId> Find(SimId sim) const;
  // The status a SIM shows now, and the SIMs of a group in a status.
  StatusId status(SimId sim) const;
  int64_t InGroup(uint32_t group, StatusId status) const;

  const SignalingMetrics& signaling() const;
  const std::vector<MassEvent>& mass_events() const;  // members by whole-fleet id
  const std::vector<ActionOutcome>& actions() const;

  const Totals& totals() const { return totals_; }
  // Added up on first use: most runs never look at a cell or a plan.
  const CellAndPlanTotals& by_cell_and_plan() const;

 private:
  const SimDirectory& directory_;
  std::unique_ptr<LocalShardView> world_;  // a run on one world
  std::vector<const ShardView*> parts_;
  const MergedShards* merged_ = nullptr;  // null: one world
  Totals totals_;
  mutable std::optional<CellAndPlanTotals> by_cell_and_plan_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SNAPSHOT_H_
