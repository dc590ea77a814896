// A part of a run held in this process: a ShardView (results/shard_view.h) that answers from
// a world and its census, as they are when asked. Made for one instant (the end of the run, or
// a pause), since it keeps what it added up once. Internal to results/.
#ifndef CARRIERSIM_RESULTS_LOCAL_SHARD_VIEW_H_
#define CARRIERSIM_RESULTS_LOCAL_SHARD_VIEW_H_

#include <optional>

#include "simulator/results/census.h"
#include "simulator/results/shard_view.h"
#include "simulator/world/world.h"

namespace carriersim {

class LocalShardView final : public ShardView {
 public:
  // REQUIRES: `census` advanced to the instant of the world; both outlive the view.
  LocalShardView(const World& world, const StatusCensus& census)
      : world_(world), census_(census) {}

  const SimDirectory& directory() const override { return world_.directory(); }
  Totals Aggregate() const override;
  CellAndPlanTotals ByCellAndPlan() const override;
  SimTotals OneSim(SimId sim, const FeeTotals& charged) const override;
  SimRow Row(SimId sim, bool categories, const FeeTotals& charged) const override;
  TrafficTally Usage(SimId sim, SimTime from, SimTime to) const override;
  StatusId Status(SimId sim) const override { return census_.status(sim); }
  int64_t InGroup(uint32_t group, StatusId status) const override {
    return census_.InGroup(group, status);
  }
  int64_t CountInStatus(const Expectation& e) const override;
  int64_t NarrowedRecords(const Expectation& e) const override;
  std::vector<SimValue> Values(const Expectation& e) const override;
  std::vector<SimValue> EventEnergy(const Expectation& e) const override;
  std::vector<RecoveryPart> Recovery(const Expectation& e) const override;
  ShardCounts Counts() const override;
  PartRecords Records() const override;

 private:
  // Fees by category, status changes and forced reactivations per SIM: added up on first use,
  // since only sims.csv and expectations on one SIM read them (up to 56 bytes a SIM).
  const PerSimDetail& Detail(const FeeTotals& charged) const;

  const World& world_;
  const StatusCensus& census_;
  mutable std::optional<PerSimDetail> detail_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_LOCAL_SHARD_VIEW_H_
