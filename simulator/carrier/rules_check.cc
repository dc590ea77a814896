// Checks of a profile's rules against its statuses, once everything is read: no rule takes a SIM
// out of a final status, every transient status has a way out, and moves on attach stay simple.
#include <algorithm>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

void ProfileLoader::CheckRules() {
  for (size_t r = 0; r < profile_.rules.size() && r < rule_fields_.size(); ++r) {
    RuleDef& rule = profile_.rules[r];
    if (rule.in == ~uint64_t{0}) {  // its statuses or its target were misspelt, and are reported
      rule.in = 0;
      continue;
    }
    CheckRule(rule, rule_fields_[r]);
  }
  // After every rule's own checks, which mark the statuses that move on attach.
  for (size_t r = 0; r < profile_.rules.size() && r < rule_fields_.size(); ++r) {
    const RuleDef& rule = profile_.rules[r];
    if (rule.on != RuleDef::On::kAttach || rule.to_kind != RuleDef::To::kStatus) continue;
    if (rule.in == 0 || rule.to >= profile_.statuses.size()) continue;  // reported already
    const bool in_transient = std::any_of(
        profile_.statuses.begin(), profile_.statuses.end(), [&](const StatusDef& s) {
          return s.transient && InSet(rule.in, static_cast<StatusId>(&s - profile_.statuses.data()));
        });
    if (!in_transient && profile_.statuses[rule.to].moves_on_attach) {
      reader_.Error(rule_fields_[r], "a rule on attach leads to " +
                                         Quoted(profile_.statuses[rule.to].name) +
                                         ", which moves on attach too: one attach makes one move");
    }
  }
  CheckWaysOut();
  CheckCycles();
}

// One rule on its own terms: where it applies, where it leads, how long it lasts.
void ProfileLoader::CheckRule(const RuleDef& rule, const Field& where) {
  const std::vector<StatusDef>& statuses = profile_.statuses;
  if (rule.in == 0) reader_.Error(where, "the rule applies in no status");
  if (const StatusDef* final = FinalIn(rule.in)) {
    reader_.Error(where, "a rule cannot move a SIM out of the final status " + Quoted(final->name) +
                             ": nothing leaves a final status");
  }
  const bool to_status = rule.to_kind == RuleDef::To::kStatus;
  // A change in progress may pass on to another transient status (KORE: scheduled, then
  // updating once upstream is back); nothing else starts one but a verb's 'via'.
  const bool to_change = rule.to_kind == RuleDef::To::kRequested ||
                         (to_status && statuses[rule.to].transient);
  for (size_t s = 0; to_change && s < statuses.size(); ++s) {
    if (!InSet(rule.in, static_cast<StatusId>(s)) || statuses[s].transient) continue;
    reader_.Error(where, rule.to_kind == RuleDef::To::kRequested
                             ? "only a transient status goes to the 'requested' status, not " +
                                   Quoted(statuses[s].name)
                             : "a rule cannot move a SIM from " + Quoted(statuses[s].name) +
                                   " to the transient status " + Quoted(statuses[rule.to].name) +
                                   ": only a verb's 'via' starts a change, with the status it "
                                   "leads to");
    break;
  }
  if (to_status && rule.in == (uint64_t{1} << rule.to)) {
    reader_.Error(where, "the rule moves a SIM to the status it is in");
  }
  if (rule.lasts_while_reached && rule.on == RuleDef::On::kThreshold &&
      rule.counter < profile_.counters.size() && rule.threshold.kind == Threshold::Kind::kFixed) {
    const CounterDef& counter = profile_.counters[rule.counter];
    if (counter.reset == CounterDef::Reset::kNever || counter.reset == CounterDef::Reset::kStay) {
      reader_.Error(where, "the move would last for ever: counter " + Quoted(counter.name) +
                               " never falls below a fixed threshold (reset it each month or "
                               "by verbs, or compare it with the SIM's usage limit)");
    }
  }
  const bool attach = rule.on == RuleDef::On::kAttach;
  if (to_status && statuses[rule.to].final && (attach || rule.lasts_while_reached)) {
    reader_.Error(where, std::string(attach ? "an attach" : "a move that lasts while reached") +
                             " cannot lead to the final status " + Quoted(statuses[rule.to].name));
  }
  if (attach && !to_status) {
    reader_.Error(where, "a rule on attach leads to a status by name");
  }
  for (size_t s = 0; attach && s < statuses.size(); ++s) {
    if (!InSet(rule.in, static_cast<StatusId>(s))) continue;
    if (statuses[s].transient) {
      reader_.Error(where, "the transient status " + Quoted(statuses[s].name) +
                               " answers attaches as the status before it did: no rule on "
                               "attach applies in it");
    }
    profile_.statuses[s].moves_on_attach = true;
  }
}

// A transient status needs a way out: a rule after a time in it, or when upstream is back.
void ProfileLoader::CheckWaysOut() {
  const std::vector<StatusDef>& statuses = profile_.statuses;
  for (size_t s = 0; s < statuses.size() && s < status_fields_.size(); ++s) {
    if (!statuses[s].transient) continue;
    const bool way_out =
        std::any_of(profile_.rules.begin(), profile_.rules.end(), [&](const RuleDef& rule) {
          if (!InSet(rule.in, static_cast<StatusId>(s))) return false;
          if (rule.on == RuleDef::On::kUpstreamBack) return true;
          return rule.on == RuleDef::On::kThreshold && rule.counter < profile_.counters.size() &&
                 profile_.counters[rule.counter].counts == CounterDef::Counts::kTime;
        });
    if (!way_out) {
      reader_.Error(status_fields_[s],
                    "transient status " + Quoted(statuses[s].name) +
                        " needs a way out: a rule after a time in it, such as { when: "
                        "COUNTER, reaches: 30s, to: requested }, or { on: upstream-back }");
    }
  }
}

}  // namespace carriersim
