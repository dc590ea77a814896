// The carrier profile loader, shared by profile_loader.cc (statuses, verbs, carrier-wide rules)
// and plan_loader.cc (plans and their tariffs). Not part of the public surface.
#ifndef CARRIERSIM_CARRIER_PROFILE_LOADER_INTERNAL_H_
#define CARRIERSIM_CARRIER_PROFILE_LOADER_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "simulator/carrier/profile.h"
#include "simulator/base/yaml_reader.h"

namespace carriersim {

class ProfileLoader {
 public:
  ProfileLoader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {}
  std::optional<CarrierProfile> Load(const YAML::Node& root);
  YamlReader& reader() { return reader_; }

 private:
  // profile_loader.cc: statuses
  void ReadStatuses(const Field& statuses);
  void ReadAttach(const Field& f, StatusDef& status);
  void ReadAutomatic(const Field& f, StatusDef& status);
  void CheckStatuses(const std::vector<Field>& attach_fields);
  void CheckStatusRules(const std::vector<Field>& entries);
  std::optional<StatusId> StatusRef(const Field& f);
  uint64_t StatusSet(const Field& f);
  const StatusDef* FinalIn(uint64_t set) const;  // a final status of the set, if any
  // rules_loader.cc: verbs and the network's rules
  void ReadVerbs(const Field& verbs);
  void ResolveVerbPlans();
  void ReadNetwork(const Field& network);
  void ReadUsageLimit(const Field& f);
  void CheckForcedTarget(const Field& f, StatusId id, std::string_view who);
  void ReadStorm(const Field& f);
  void ReadAccount(const Field& f);
  // plan_loader.cc
  void ReadPlans(const Field& plans);
  void ReadBasicFees(const Field& f, PlanDef& plan);
  void ReadTransitions(const Field& f, PlanDef& plan);
  void ReadRenewal(const Field& f, PlanDef& plan);
  void ReadMonthRule(const Field& f, PlanDef& plan);
  void ReadUsage(const Field& f, PlanDef& plan);
  std::optional<Money> Price(const Field& f, PlanDef& plan);

  YamlReader reader_;
  CarrierProfile profile_;
  // Verbs name plans that refuse them before the plans are read: resolved afterwards.
  std::vector<std::vector<Field>> verb_plan_refs_;
  std::vector<bool> plan_currency_set_;
};

// profile_overrides.cc: puts a scenario's overrides over the profile's YAML, key by key.
// Mappings merge; anything else replaces what the profile has (a price may replace 'free', a
// list replaces a list). Keys the profile lacks are added (a fee, an allowance), except new
// names in a collection (plans, statuses, verbs), which are errors. The merged profile is then
// checked as a whole, and messages about overridden values name the scenario's positions.
// `at` is where `profile` is in the profile ("" for the whole, "plans.plan01s" ...).
void MergeOverrides(YamlReader& scenario, YamlReader& profile_reader, YAML::Node profile,
                    const Field& override, const std::string& at);

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_PROFILE_LOADER_INTERNAL_H_
