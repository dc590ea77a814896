#include "simulator/carrier/tariff.h"

namespace carriersim {

std::string_view FeeCategoryName(FeeCategory category) {
  switch (category) {
    case FeeCategory::kBasic:
      return "basic";
    case FeeCategory::kUsage:
      return "usage";
    case FeeCategory::kReactivation:
      return "reactivation";
    case FeeCategory::kRenewal:
      return "renewal";
    case FeeCategory::kSuspension:
      return "suspension";
    case FeeCategory::kOther:
      return "other";
  }
  return "other";
}

std::vector<std::string> StandardFeeCategories() {
  std::vector<std::string> names;
  for (int c = 0; c < kStandardFeeCategories; ++c) {
    names.emplace_back(FeeCategoryName(static_cast<FeeCategory>(c)));
  }
  return names;
}

std::string_view FeeCategoryName(const std::vector<std::string>& names, FeeCategory category) {
  const size_t c = static_cast<size_t>(category);
  return c < names.size() ? std::string_view(names[c]) : FeeCategoryName(category);
}

}  // namespace carriersim
