#include "simulator/carrier/profile.h"

#include "simulator/base/diagnostics.h"
#include "simulator/base/named.h"

namespace carriersim {
std::string CarrierProfile::WhyNotAStart(StatusId status) const {
  const StatusDef& s = statuses[status];
  if (!s.final && !s.transient) return "";
  return "a new SIM cannot start in the " + std::string(s.final ? "final" : "transient") +
         " status " + Quoted(s.name);
}

std::optional<StatusId> CarrierProfile::FindStatus(std::string_view n) const {
  return FindByName<StatusId>(statuses, n);
}
std::optional<CounterId> CarrierProfile::FindCounter(std::string_view n) const {
  return FindByName<CounterId>(counters, n);
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
