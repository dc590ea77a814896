// Adding up a world, once: after the run, or at a pause for the expectations measured then.
// Internal to results/: reports read the sums through RunResult.
#ifndef CARRIERSIM_RESULTS_AGGREGATE_H_
#define CARRIERSIM_RESULTS_AGGREGATE_H_

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "simulator/results/totals.h"
#include "simulator/world/world.h"

namespace carriersim {

// Every scope of Totals, from the components as they are now: one pass over the SIMs; the fees
// and status changes from the sums kept as they were recorded.
Totals Aggregate(const World& world);
// Adds the totals of another part of the run (a shard's, `run --threads`). REQUIRES: `into`
// has every group and carrier.
void AddTotals(Totals& into, const Totals& part);

// The scopes that cut across groups, which only expectations on a cell or a plan read: added up
// apart, when one asks, with a pass over the fee ledger and the status history.
struct CellAndPlanTotals {
  std::vector<SimTotals> by_cell;  // the SIMs whose devices camp on the cell
  // The SIMs on each plan now, by (carrier, plan): a SIM that changed plans counts under its
  // current one, with all its fees.
  std::map<std::pair<uint32_t, PlanId>, SimTotals> by_plan;
};
CellAndPlanTotals AggregateByCellAndPlan(const World& world);

// One SIM's own figures as a scope of one (without fees, status changes and forced
// reactivations, which come from the ledger and the history).
SimTotals OfSim(const World& world, SimId sim);
// Whether `sim` (of the world) belongs to an expectation's scope now: its group, carrier, current
// plan, the cells of a cell set, or itself (a scope's SIM is its id in the whole fleet).
bool InScope(const World& world, const ExpectScope& scope, SimId sim);

// Whether a SIM still shows in the carrier's listing at the end: not final, or final for less
// than the status's retention period (SOR-8).
bool ListedAtEnd(const World& world, SimId sim);

// What is scoped to single SIMs beyond their fees (FeeSums::by_sim): fees by category and
// status changes per SIM. Kept apart because it costs up to 56 bytes a SIM (8 for each fee
// category charged, and the counts) and only sims.csv and expectations on one SIM need it.
struct PerSimDetail {
  static constexpr uint8_t kNoColumn = 0xff;
  size_t categories = 0;  // the scenario's fee categories
  // Only the categories the run charged get a column: fee lines are never negative, so a
  // category whose total is 0 is 0 for every SIM, and a fleet charged in 3 of 6 categories keeps
  // 24 bytes a SIM here instead of 48. column[c]: category c's column, or kNoColumn.
  std::array<uint8_t, kMaxFeeCategories> column{};
  size_t columns = 0;
  std::vector<int64_t> fees;  // per SIM, per column
  std::array<int64_t, kMaxFeeCategories> FeesOf(SimId sim) const {
    std::array<int64_t, kMaxFeeCategories> by_category{};
    for (size_t c = 0; c < categories; ++c) {
      if (column[c] != kNoColumn) by_category[c] = fees[sim * columns + column[c]];
    }
    return by_category;
  }
  std::vector<uint32_t> status_changes;
  std::vector<uint32_t> forced_reactivations;
};
// `charged`: every fee of the run (of all its shards), which decides the columns.
PerSimDetail AggregatePerSim(const World& world, const FeeTotals& charged);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_AGGREGATE_H_
