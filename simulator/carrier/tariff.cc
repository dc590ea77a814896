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

}  // namespace carriersim
