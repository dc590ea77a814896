#include "reports/fees.h"

#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

std::string MonthText(UnixMillis t) { return FormatDate(t).substr(0, 7); }

}  // namespace

FeeSummary SummarizeFees(const World& world) {
  FeeSummary s;
  s.by_group.resize(world.scenario.groups.size());
  s.by_sim.resize(world.subscribers.size());
  for (const FeeLine& line : world.ledger.lines) {
    const uint32_t group = world.subscribers.group[line.sim];
    s.all.Add(line);
    s.by_month[MonthIndex(world.scenario.start + line.time)].Add(line);
    s.by_plan[{world.scenario.groups[group].carrier, line.plan}].Add(line);
    s.by_group[group].Add(line);
    s.by_sim[line.sim] += line.micros;
  }
  return s;
}

std::string FormatAmount(int64_t micros) {
  Money money{micros, {}};
  const std::string text = FormatMoney(money);
  return text.substr(0, text.rfind(' '));
}

std::string DescribeFeeLine(const World& world, const FeeLine& line) {
  const CarrierProfile& profile = world.ProfileOf(line.sim);
  const std::string& plan = profile.plans[line.plan].name;
  const std::string& status = profile.statuses[line.status].name;
  const UnixMillis at = world.scenario.start + line.time;
  switch (line.category()) {
    case FeeCategory::kBasic:
      if (line.unit() == FeeUnit::kMonth) {
        return plan + " basic fee, " + MonthText(at) + ", " + status;
      } else {
        const std::string days = line.quantity == 1 ? " day " : " days ";
        return plan + " basic fee, " + FormatDate(at) + ".." +
               FormatDate(at + (line.quantity - 1) * kDay) + ", " + std::to_string(line.quantity) +
               days + status;
      }
    case FeeCategory::kUsage:
      return plan + " data, " + MonthText(at) + ", " + FormatDataSize(line.quantity) + " billable";
    case FeeCategory::kRenewal:
      return plan + " renewal fee, " + FormatDate(at);
    default:
      return plan + " " + std::string(FeeCategoryName(line.category())) + " fee, " +
             FormatDate(at) + ", to " + status;
  }
}

}  // namespace carriersim
