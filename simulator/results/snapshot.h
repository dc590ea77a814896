// A run added up at one instant: after the run, or at a pause for the expectations measured
// then. A run is one world, or the worlds of its shards (`run --threads`): a snapshot reads
// either the same way, with SIMs by their ids in the whole fleet; each part's own records and
// sums are read where they are, and what the shards counted apart comes merged
// (results/shard_merge.h). Internal to results/.
#ifndef CARRIERSIM_RESULTS_SNAPSHOT_H_
#define CARRIERSIM_RESULTS_SNAPSHOT_H_

#include <optional>
#include <utility>
#include <vector>

#include "simulator/results/aggregate.h"
#include "simulator/results/census.h"
#include "simulator/results/shard_merge.h"
#include "simulator/world/world.h"

namespace carriersim {

class Snapshot {
 public:
  // A world (the whole fleet's, or one shard's) and its census at the snapshot's instant.
  struct Part {
    const World* world;
    const StatusCensus* census;
  };
  // REQUIRES: `census` advanced to the instant of the world.
  Snapshot(const World& world, const StatusCensus& census);
  // The shards of a run, all at one instant, and what was merged of them then. `directory`:
  // the whole fleet's; `part_totals`: each part's Aggregate, if already added up (each shard's
  // thread does it at the end), else empty.
  Snapshot(const SimDirectory& directory, std::vector<Part> parts, const MergedShards& merged,
           const std::vector<Totals>& part_totals = {});

  const Scenario& scenario() const { return directory_.scenario(); }
  const SimDirectory& directory() const { return directory_; }  // the whole fleet's
  const std::vector<Part>& parts() const { return parts_; }
  // Where SIM `sim` of the whole fleet is: its part, and its id there.
  std::pair<const Part*, SimId> Find(SimId sim) const;
  // The status a SIM shows now, and the SIMs of a group in a status.
  StatusId status(SimId sim) const;
  int64_t InGroup(uint32_t group, StatusId status) const;

  const SignalingMetrics& signaling() const;
  const std::vector<MassEvent>& mass_events() const;  // members by whole-fleet id
  const std::vector<ActionOutcome>& actions() const;

  const Totals& totals() const { return totals_; }
  // A SIM's fees, all categories, from the sums the ledger keeps.
  int64_t fees_of(SimId sim) const;
  // Added up on first use: most runs never look at one SIM's categories, a cell or a plan.
  // A SIM's fees by category, status changes and forced reactivations: its part's detail, and
  // its id there.
  std::pair<const PerSimDetail*, SimId> DetailOf(SimId sim) const;
  const CellAndPlanTotals& by_cell_and_plan() const;

 private:
  const SimDirectory& directory_;
  std::vector<Part> parts_;
  const MergedShards* merged_ = nullptr;  // null: one world
  Totals totals_;
  mutable std::vector<PerSimDetail> details_;  // per part
  mutable std::optional<CellAndPlanTotals> by_cell_and_plan_;
};

// Whether a SIM of the whole fleet is in an expectation's scope now.
bool InScope(const Snapshot& now, const ExpectScope& scope, SimId sim);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SNAPSHOT_H_
