#include "reports/fees.h"

#include "simulator/base/calendar.h"

namespace carriersim {

FeeSummary SummarizeFees(const World& world) {
  FeeSummary s;
  s.by_group.resize(world.scenario.groups.size());
  s.by_sim.resize(world.subscribers.size());
  // Consecutive lines nearly always share their month and plan: look each up only on a change
  // (map references stay valid as the maps grow).
  const MonthTable months = MonthTableFor(world.scenario.start);
  int64_t month = -1;
  FeeTotals* month_totals = nullptr;
  std::pair<uint32_t, PlanId> plan{UINT32_MAX, 0};
  FeeTotals* plan_totals = nullptr;
  for (const FeeLine& line : world.ledger.lines) {
    const uint32_t group = world.subscribers.group[line.sim];
    s.all.Add(line);
    if (const int64_t m = months.Index(world.scenario.start + line.time); m != month) {
      month = m;
      month_totals = &s.by_month[m];
    }
    month_totals->Add(line);
    if (const std::pair<uint32_t, PlanId> p{world.scenario.groups[group].carrier, line.plan};
        p != plan) {
      plan = p;
      plan_totals = &s.by_plan[p];
    }
    plan_totals->Add(line);
    s.by_group[group].Add(line);
    s.by_sim[line.sim] += line.micros;
  }
  return s;
}

void AppendAmount(std::string& out, int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  if (negative) out += '-';
  out += std::to_string(abs / 1'000'000);
  char frac[6];
  uint64_t rest = abs % 1'000'000;
  for (int k = 5; k >= 0; --k, rest /= 10) frac[k] = static_cast<char>('0' + rest % 10);
  int digits = 6;
  while (digits > 2 && frac[digits - 1] == '0') --digits;  // cents always, then what matters
  out += '.';
  out.append(frac, static_cast<size_t>(digits));
}

std::string FormatAmount(int64_t micros) {
  std::string out;
  AppendAmount(out, micros);
  return out;
}

void AppendFeeDescription(std::string& out, const World& world, const DateText& dates,
                          const FeeLine& line) {
  const CarrierProfile& profile = world.ProfileOf(line.sim);
  const std::string& plan = profile.plans[line.plan].name;
  const std::string& status = profile.statuses[line.status].name;
  const UnixMillis at = world.scenario.start + line.time;
  out += plan;
  switch (line.category()) {
    case FeeCategory::kBasic:
      out += " basic fee, ";
      if (line.unit() == FeeUnit::kMonth) {
        dates.AppendMonth(out, at);
      } else {
        dates.AppendDate(out, at);
        out += "..";
        dates.AppendDate(out, at + (line.quantity - 1) * kDay);
        out += ", ";
        out += std::to_string(line.quantity);
        out += line.quantity == 1 ? " day" : " days";
      }
      out += ' ';
      out += status;
      return;
    case FeeCategory::kUsage:
      out += " data, ";
      dates.AppendMonth(out, at);
      out += ", ";
      out += FormatDataSize(line.quantity);
      out += " billable";
      return;
    case FeeCategory::kRenewal:
      out += " renewal fee, ";
      dates.AppendDate(out, at);
      return;
    default:
      out += ' ';
      out += FeeCategoryName(line.category());
      out += " fee, ";
      dates.AppendDate(out, at);
      out += ", to ";
      out += status;
      return;
  }
}

}  // namespace carriersim
