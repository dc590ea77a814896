#include "simulator/carrier/profile.h"

#include "simulator/base/named.h"

namespace carriersim {
std::optional<StatusId> CarrierProfile::FindStatus(std::string_view n) const {
  return FindByName<StatusId>(statuses, n);
}
std::optional<VerbId> CarrierProfile::FindVerb(std::string_view n) const {
  return FindByName<VerbId>(verbs, n);
}
std::optional<PlanId> CarrierProfile::FindPlan(std::string_view n) const {
  return FindByName<PlanId>(plans, n);
}
std::vector<std::string> CarrierProfile::StatusNames() const { return NamesOf(statuses); }
std::vector<std::string> CarrierProfile::VerbNames() const { return NamesOf(verbs); }
std::vector<std::string> CarrierProfile::PlanNames() const { return NamesOf(plans); }

}  // namespace carriersim
