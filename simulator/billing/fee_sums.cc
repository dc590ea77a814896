#include "simulator/billing/fee_sums.h"

namespace carriersim {

FeeSums::FeeSums(const FeeGroups& groups)
    : groups_(groups),
      months_(MonthTableFor(groups.start)),
      by_sim_(groups.of_sim != nullptr ? groups.of_sim->size() : 0),
      by_group_(groups.count) {}

void FeeSums::Add(const FeeLine& line) {
  if (line.sim >= by_sim_.size()) [[unlikely]] {
    by_sim_.resize(line.sim + size_t{1});  // a ledger made without the run's SIMs (tests)
  }
  by_sim_[line.sim] += line.micros;
  const uint32_t group = groups_.of_sim != nullptr ? (*groups_.of_sim)[line.sim] : 0;
  by_group_[group].Add(line);
  if (const int64_t m = months_.Index(groups_.start + line.time); m != month_) {
    month_ = m;
    month_totals_ = &by_month_[m];
  }
  month_totals_->Add(line);
  if (const std::pair<uint32_t, PlanId> p{group, line.plan}; p != plan_) {
    plan_ = p;
    plan_totals_ = &by_group_and_plan_[p];
  }
  plan_totals_->Add(line);
}

}  // namespace carriersim
