#include "simulator/carrier/profile.h"

namespace carriersim {
namespace {

template <typename Id, typename Def>
std::optional<Id> FindByName(const std::vector<Def>& defs, std::string_view name) {
  for (size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].name == name) return static_cast<Id>(i);
  }
  return std::nullopt;
}

template <typename Def>
std::vector<std::string> Names(const std::vector<Def>& defs) {
  std::vector<std::string> names;
  for (const Def& d : defs) names.push_back(d.name);
  return names;
}

}  // namespace

std::optional<StatusId> CarrierProfile::FindStatus(std::string_view n) const {
  return FindByName<StatusId>(statuses, n);
}
std::optional<VerbId> CarrierProfile::FindVerb(std::string_view n) const {
  return FindByName<VerbId>(verbs, n);
}
std::optional<PlanId> CarrierProfile::FindPlan(std::string_view n) const {
  return FindByName<PlanId>(plans, n);
}
std::vector<std::string> CarrierProfile::StatusNames() const { return Names(statuses); }
std::vector<std::string> CarrierProfile::VerbNames() const { return Names(verbs); }
std::vector<std::string> CarrierProfile::PlanNames() const { return Names(plans); }

}  // namespace carriersim
