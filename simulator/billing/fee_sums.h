// The fee lines added up as they are charged: the totals every report shows (by group, carrier,
// plan, month and SIM) come from these running sums, never from the lines again, which in a long
// run are mostly on disk (ledger.h). Only what is scoped finer (a SIM's fees by category, a
// cell's) takes a pass over the lines, when asked for.
#ifndef CARRIERSIM_BILLING_FEE_SUMS_H_
#define CARRIERSIM_BILLING_FEE_SUMS_H_

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/base/sim_time.h"
#include "simulator/billing/fee_line.h"
#include "simulator/carrier/ids.h"
#include "simulator/carrier/tariff.h"

namespace carriersim {

// Fees in micro-units of the scenario's currency: exact sums of ledger lines.
struct FeeTotals {
  int64_t total = 0;
  std::array<int64_t, kMaxFeeCategories> by_category{};  // Scenario::fee_categories

  void Add(const FeeLine& line) {
    total += line.micros;
    by_category[static_cast<size_t>(line.category())] += line.micros;
  }
  void Add(const FeeTotals& other) {
    total += other.total;
    for (size_t c = 0; c < by_category.size(); ++c) by_category[c] += other.by_category[c];
  }
};

// SIMs are known by number and grouped by the run (its scenario's groups): billing knows no
// scenario, so the run hands it each SIM's group.
struct FeeGroups {
  UnixMillis start = 0;                           // simulated time 0, for the calendar months
  const std::vector<uint32_t>* of_sim = nullptr;  // each SIM's group; null: all in group 0
  size_t count = 1;                               // groups
};

class FeeSums {
 public:
  explicit FeeSums(const FeeGroups& groups = {});
  FeeSums(FeeSums&&) noexcept = default;
  FeeSums& operator=(FeeSums&&) noexcept = default;
  FeeSums(const FeeSums&) = delete;
  FeeSums& operator=(const FeeSums&) = delete;

  // REQUIRES: the line's amount is not negative, and every sum stays within int64 (FeeLedger
  // checks their total).
  void Add(const FeeLine& line);

  const std::vector<int64_t>& by_sim() const { return by_sim_; }  // all categories
  const std::vector<FeeTotals>& by_group() const { return by_group_; }
  // By the plan that charged the line, within the SIM's group: (group, plan).
  const std::map<std::pair<uint32_t, PlanId>, FeeTotals>& by_group_and_plan() const {
    return by_group_and_plan_;
  }
  // By the calendar month the line is for (month index since 1970): the invoices.
  const std::map<int64_t, FeeTotals>& by_month() const { return by_month_; }

 private:
  FeeGroups groups_;
  MonthTable months_;
  std::vector<int64_t> by_sim_;
  std::vector<FeeTotals> by_group_;
  std::map<std::pair<uint32_t, PlanId>, FeeTotals> by_group_and_plan_;
  std::map<int64_t, FeeTotals> by_month_;
  // Consecutive lines nearly always share their month, group and plan: each map is searched
  // only on a change (references into a map stay valid as it grows, and when it moves).
  int64_t month_ = INT64_MIN;
  FeeTotals* month_totals_ = nullptr;
  std::pair<uint32_t, PlanId> plan_{UINT32_MAX, 0};
  FeeTotals* plan_totals_ = nullptr;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BILLING_FEE_SUMS_H_
