#include "simulator/carrier/profile.h"

#include <algorithm>

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
std::string CarrierProfile::ApiStatusName(StatusId status) const {
  for (const auto& [id, word] : api.status_names) {
    if (id == status) return word;
  }
  return statuses[status].name;
}

std::optional<VerbId> CarrierProfile::ApiVerb(std::string_view word) const {
  for (const auto& [w, id] : api.verbs) {
    if (w == word) return id;
  }
  if (auto verb = FindVerb(word)) return verb;
  std::string dashed(word);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return FindVerb(dashed);
}

std::vector<std::string> CarrierProfile::StatusNames() const { return NamesOf(statuses); }
std::vector<std::string> CarrierProfile::VerbNames() const { return NamesOf(verbs); }
std::vector<std::string> CarrierProfile::PlanNames() const { return NamesOf(plans); }

}  // namespace carriersim
