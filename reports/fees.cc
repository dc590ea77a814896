#include "reports/fees.h"

#include "simulator/base/units.h"

namespace carriersim {

void AppendFeeDescription(std::string& out, const SimDirectory& directory, const DateText& dates,
                          const FeeLine& line) {
  const CarrierProfile& profile = directory.ProfileOf(line.sim);
  const std::string& plan = profile.plans[line.plan].name;
  const std::string& status = profile.statuses[line.status].name;
  const UnixMillis at = directory.scenario().start + line.time;
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
      // A transition fee says where the SIM went; a one-off fee of the profile's own (an
      // activation, a top-up) the status it was charged in.
      out += ' ';
      out += FeeCategoryName(directory.scenario().fee_categories, line.category());
      out += " fee, ";
      dates.AppendDate(out, at);
      out += static_cast<int>(line.category()) < kStandardFeeCategories ? ", to " : ", in ";
      out += status;
      return;
  }
}

}  // namespace carriersim
