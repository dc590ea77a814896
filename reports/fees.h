// The ledger summed up: totals per category, per calendar month (invoices), per plan and per
// group, all exact in micro-units. Every total is the sum of the lines it covers.
#ifndef CARRIERSIM_REPORTS_FEES_H_
#define CARRIERSIM_REPORTS_FEES_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/world/world.h"

namespace carriersim {

struct FeeTotals {
  int64_t total = 0;
  std::array<int64_t, kFeeCategoryCount> by_category{};
  void Add(const FeeLine& line) {
    total += line.micros;
    by_category[static_cast<int>(line.category())] += line.micros;
  }
};

struct FeeSummary {
  FeeTotals all;
  std::map<int64_t, FeeTotals> by_month;                     // month index -> invoice
  std::map<std::pair<uint32_t, PlanId>, FeeTotals> by_plan;  // (carrier, plan)
  std::vector<FeeTotals> by_group;
  std::vector<int64_t> by_sim;
};

FeeSummary SummarizeFees(const World& world);

// Micro-units as a decimal: 1234567 -> "1.234567", 600000 -> "0.60", -5 -> "-0.000005".
std::string FormatAmount(int64_t micros);
void AppendAmount(std::string& out, int64_t micros);

// A line in words: "plan01s basic fee, 2026-03-01..2026-03-14, 14 days active".
void AppendFeeDescription(std::string& out, const World& world, const DateText& dates,
                          const FeeLine& line);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_FEES_H_
