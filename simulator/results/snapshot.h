// A world added up at one instant: after the run, or at a pause for the expectations measured
// then. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SNAPSHOT_H_
#define CARRIERSIM_RESULTS_SNAPSHOT_H_

#include <optional>

#include "simulator/results/aggregate.h"
#include "simulator/results/census.h"
#include "simulator/world/world.h"

namespace carriersim {

class Snapshot {
 public:
  // REQUIRES: `census` advanced to the instant of the world.
  Snapshot(const World& world, const StatusCensus& census)
      : world_(world), census_(census), totals_(Aggregate(world)) {}

  const World& world() const { return world_; }
  const StatusCensus& census() const { return census_; }
  const Totals& totals() const { return totals_; }
  // A SIM's fees, all categories, from the sums the ledger keeps: read, not copied, as a
  // snapshot is used at its instant (at a pause) or once the run is over.
  int64_t fees_of(SimId sim) const { return world_.ledger().lines.sums().by_sim()[sim]; }
  // Added up on first use: most runs never look at one SIM's categories, a cell or a plan.
  const PerSimDetail& per_sim() const {
    if (!per_sim_) per_sim_ = AggregatePerSim(world_);
    return *per_sim_;
  }
  const CellAndPlanTotals& by_cell_and_plan() const {
    if (!by_cell_and_plan_) by_cell_and_plan_ = AggregateByCellAndPlan(world_);
    return *by_cell_and_plan_;
  }

 private:
  const World& world_;
  const StatusCensus& census_;
  Totals totals_;
  mutable std::optional<PerSimDetail> per_sim_;
  mutable std::optional<CellAndPlanTotals> by_cell_and_plan_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SNAPSHOT_H_
