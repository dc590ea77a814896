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

// rules_cycles.cc: one automatic move, rule `rule` moving a SIM out of status `from`, and the
// moves that may follow it.
struct RuleStep {
  size_t rule;
  StatusId from;
};
struct RuleArc {
  size_t to;      // index of the next step
  bool restarts;  // the next step's counter restarts on the way: it takes time again
};
using RuleArcs = std::vector<std::vector<RuleArc>>;

class ProfileLoader {
 public:
  ProfileLoader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {}
  std::optional<CarrierProfile> Load(const YAML::Node& root);
  YamlReader& reader() { return reader_; }

 private:
  // profile_loader.cc: statuses
  void ReadStatuses(const Field& statuses);
  void ReadAttach(const Field& f, StatusDef& status);
  void CheckStatusRules(const std::vector<Field>& entries);
  std::optional<StatusId> StatusRef(const Field& f);
  uint64_t StatusSet(const Field& f);
  const StatusDef* FinalIn(uint64_t set) const;  // a final status of the set, if any
  // Keys of the profile format before counters and rules: each an error saying what replaced it.
  void Replaced(const Field& f, std::string_view by);
  // rules_loader.cc: verbs, the network's settings, account termination
  void ReadVerbs(const Field& verbs);
  void ResolveVerbPlans();
  void ReadNetwork(const Field& network);
  void ReadAccount(const Field& f);
  // api_loader.cc: how the live emulator shows the carrier
  void ReadApi(const Field& api);
  // counters_loader.cc: counters and rules
  void ReadCounters(const Field& counters);
  void ReadCounterReset(const Field& f, CounterDef& counter);
  std::optional<CounterId> CounterRef(const Field& f);
  void ReadRules(const Field& rules);
  bool ReadRuleTarget(const Field& to, RuleDef& rule);
  void ReadRuleOptions(const Field& in, const Field& test_mode, const Field& cause,
                       const Field& lasts, RuleDef& rule);
  void ResolveRuleThresholds();
  void ResolvePlanThreshold(const Field& reaches, const std::string& name, size_t rule);
  void CheckPlanValuesRead();
  std::optional<Threshold> ParseThreshold(const Field& f, const std::string& text,
                                          const CounterDef& counter);
  // rules_check.cc: rules against statuses, once everything is read
  void CheckRules();
  void CheckRule(const RuleDef& rule, const Field& where);
  void CheckWaysOut();
  // rules_cycles.cc: loops of automatic moves that take no time, or hardly any
  void CheckCycles();
  void CheckCycleWaits(const std::vector<RuleStep>& steps, const RuleArcs& arcs);
  // plan_loader.cc: plans, their values and basic and usage fees
  void ReadPlans(const Field& plans);
  void ReadPlanValues(const Field& f);
  void ReadBasicFees(const Field& f, PlanDef& plan);
  void ReadMonthRule(const Field& f, PlanDef& plan);
  void ReadUsage(const Field& f, PlanDef& plan);
  std::optional<Money> Price(const Field& f, PlanDef& plan);
  // fee_loader.cc: transition, one-off and renewal fees, and their categories
  void ReadTransitions(const Field& f, PlanDef& plan);
  void ReadOneOffFees(const Field& f, PlanDef& plan);
  void ReadRenewal(const Field& f, PlanDef& plan);
  std::optional<FeeCategory> CategoryOf(const Field& f, const std::string& name);
  std::optional<CounterId> TimeCounterRef(const Field& f, std::string_view what);

  YamlReader reader_;
  CarrierProfile profile_;
  // Verbs name plans that refuse them before the plans are read: resolved afterwards.
  std::vector<std::vector<Field>> verb_plan_refs_;
  std::vector<bool> plan_currency_set_;
  // Per plan, per name of profile_.plan_values: where the plan gives it (or absent).
  std::vector<std::vector<Field>> plan_value_fields_;
  std::vector<Field> status_fields_;  // per status, for messages
  std::vector<Field> rule_fields_;   // per rule, for messages
  std::vector<Field> rule_reaches_;  // per rule: its threshold as written
};

// profile_overrides.cc: puts a scenario's overrides over the profile's YAML, key by key.
// Mappings merge; anything else replaces what the profile has (a price may replace 'free', a
// list replaces a list). Keys the profile lacks are added (a fee, an allowance), except new
// names in a collection (plans, statuses, verbs, counters, rules), which are errors with a
// did-you-mean, and new fees that do not say when they apply (a misspelt fee's name). A value the
// profile shares (an alias, a merge key) changes only where the override names it. The merged
// profile is then checked as a whole, and messages about overridden values name the scenario's
// positions.
void MergeOverrides(YamlReader& scenario, YamlReader& profile_reader, YAML::Node profile,
                    const Field& override);

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_PROFILE_LOADER_INTERNAL_H_
