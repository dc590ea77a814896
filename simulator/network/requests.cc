// What the carrier's API lets a customer do to a SIM: verbs, commands, plan changes, settings,
// and terminating the account. Each is checked the way the carrier checks it and answers with an
// Outcome, so that a refusal reads the same in every report and API.
#include <algorithm>
#include <string>

#include "simulator/base/diagnostics.h"
#include "simulator/network/network.h"

namespace carriersim {

Outcome Network::ApplyVerb(SimId sim, VerbId verb_id, SimTime now, std::string_view role) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const VerbDef& verb = profile.verbs[verb_id];
  if (!verb.roles.empty() &&
      std::find(verb.roles.begin(), verb.roles.end(), role) == verb.roles.end()) {
    return Outcome::Refused("role '" + std::string(role) + "' may not " + verb.name +
                            " (allowed: " + QuotedList(verb.roles) + ")",
                            Refusal::kRole);
  }
  const PlanId plan = billing_.plan(sim);
  if (std::find(verb.refused_for_plans.begin(), verb.refused_for_plans.end(), plan) !=
      verb.refused_for_plans.end()) {
    return Outcome::Refused(!verb.refused_message.empty()
                                ? verb.refused_message
                                : profile.plans[plan].name + " does not support " + verb.name,
                            Refusal::kPlan);
  }
  if (verb.protected_by_termination_protection && subs_.Has(sim, kTerminationProtection)) {
    return Outcome::Refused("termination protection is enabled; disable it first",
                            Refusal::kProtected);
  }
  const StatusId current = subs_.status[sim];
  if (profile.statuses[current].transient) {
    return Outcome::Refused("a status change is already in progress", Refusal::kInProgress);
  }
  const StatusId target = verb.to_previous ? subs_.previous[sim] : verb.to;
  // A verb that resets counters or charges a fee (a top-up) acts even where it leads nowhere.
  const bool acts_in_place = VerbResets(sim, verb_id) || VerbHasFees(sim, verb_id);
  if (current == target && !acts_in_place) return Outcome::Unchanged();
  if (!verb.AllowedFrom(current)) {
    return Outcome::Refused(verb.name + " is not allowed from " + profile.statuses[current].name,
                           Refusal::kStatus);
  }
  Account(sim, now);
  ResetForVerb(sim, verb_id);
  if (current == target) {
    if (!UndoIfBelow(sim, now, ChangeCause::kApi)) ArmSubscriptionTimer(sim, now);
  } else if (verb.via) {
    subs_.pending[sim] = target;
    subs_.Set(sim, kPendingReturn, verb.to_previous);
    const bool upstream_down = UpstreamBackAt(sim, now) > now;
    SetStatus(sim, upstream_down && profile.upstream_wait ? *profile.upstream_wait : *verb.via, now,
              ChangeCause::kApi);
  } else {
    SetStatus(sim, target, now, ChangeCause::kApi, verb.to_previous ? Entry::kReturn : Entry::kMove);
  }
  ChargeOneOffFees(sim, verb_id, now);
  return {};
}

Outcome Network::SendCommands(SimId sim, int64_t commands, SimTime now) {
  if (!StableStatusOf(sim).sms) {
    return Outcome::Refused("SMS is not allowed in " + StableStatusOf(sim).name, Refusal::kStatus);
  }
  Account(sim, now);
  const CounterKinds& kinds = KindsOf(sim);
  const uint16_t counting = kinds.commands != 0 ? CountingNow(sim) & kinds.commands : 0;
  for (size_t c = 0; c < kMaxCounters; ++c) {
    if ((counting >> c) & 1) counters_.at(sim, static_cast<CounterId>(c)) += commands;
  }
  subs_.commands_received[sim] += commands;
  devices_.DownlinkSms(sim, now, commands);
  // Fewer commands are left to the next scheduled one, or none.
  if (!FireDueRule(sim, now)) ArmSubscriptionTimer(sim, now);
  return {};
}

Outcome Network::ChangePlan(SimId sim, PlanId plan, SimTime now) {
  if (StableStatusOf(sim).final) {
    return Outcome::Refused("the SIM is " + StableStatusOf(sim).name, Refusal::kStatus);
  }
  const PlanId old = billing_.plan(sim);
  if (old == plan) return Outcome::Unchanged();
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  // The SIM's status, and the one a change in progress leads to: the new plan must allow both.
  const bool changing = profile.statuses[subs_.status[sim]].transient;
  for (const StatusId status :
       {subs_.stable[sim], changing ? subs_.pending[sim] : subs_.stable[sim]}) {
    if (!InSet(profile.plans[plan].refused_statuses, status)) continue;
    // In the words of the verb that refuses the plan this status, where it has some.
    for (const VerbDef& verb : profile.verbs) {
      if (!verb.to_previous && verb.to == status && !verb.refused_message.empty()) {
        return Outcome::Refused(verb.refused_message, Refusal::kPlan);
      }
    }
    return Outcome::Refused(
        profile.plans[plan].name + " does not support " + profile.statuses[status].name,
        Refusal::kPlan);
  }
  Account(sim, now);  // usage so far is billed under the old plan
  const Tariff& old_tariff = profile.plans[old].tariff;
  const Tariff& new_tariff = profile.plans[plan].tariff;
  billing_.ChangePlan(sim, old_tariff, plan, new_tariff, subs_.stable[sim],
                      FreeSince(sim, old_tariff, subs_.stable[sim], subs_.stable_since[sim], now),
                      now, RenewalSince(sim, new_tariff, now));
  // Thresholds that are the plan's change with it (a 500 MB plan after a 1 GB one).
  if (KindsOf(sim).plan_thresholds && !FireDueRule(sim, now) &&
      !UndoIfBelow(sim, now, ChangeCause::kApi)) {
    ArmSubscriptionTimer(sim, now);
  }
  return {};
}

Outcome Network::SetTestMode(SimId sim, bool enabled) {
  if (subs_.Has(sim, kTestMode) == enabled) return Outcome::Unchanged();
  subs_.Set(sim, kTestMode, enabled);
  return {};
}

Outcome Network::SetTerminationProtection(SimId sim, bool enabled) {
  if (subs_.Has(sim, kTerminationProtection) == enabled) return Outcome::Unchanged();
  subs_.Set(sim, kTerminationProtection, enabled);
  return {};
}

Outcome Network::SetUsageLimit(SimId sim, int64_t bytes, SimTime now) {
  if (subs_.usage_limit[sim] == bytes) return Outcome::Unchanged();
  Account(sim, now);
  subs_.usage_limit[sim] = bytes;
  // Raising or removing the limit lets a SIM it stopped use data again (HOL-5).
  if (!UndoIfBelow(sim, now, ChangeCause::kApi)) ArmSubscriptionTimer(sim, now);
  return {};
}

Outcome Network::TerminateAccount(uint32_t carrier, SimTime now) {
  const CarrierProfile& profile = scenario_.carriers[carrier].profile;
  if (profile.account_termination_requires == 0) {
    return Outcome::Refused("carrier profile " + profile.name + " has no account termination");
  }
  if (account_terminated_[carrier] != kNever) return Outcome::Unchanged();
  int64_t remaining = 0;
  for (SimId sim = 0; sim < subs_.size(); ++sim) {
    if (directory_.GroupOf(sim).carrier == carrier &&
        !InSet(profile.account_termination_requires, subs_.stable[sim])) {
      ++remaining;
    }
  }
  // A shard sees some of the account's SIMs: the run decides from every shard's count once it
  // is over (results/shard_merge.h). Nothing in the run reads whether an account ended.
  if (scenario_.shard.active()) {
    terminate_remaining_.push_back(remaining);
    return {};
  }
  if (remaining > 0) {
    return Outcome::Refused(std::to_string(remaining) + " SIMs must be terminated first",
                            Refusal::kStatus);
  }
  account_terminated_[carrier] = now;
  return {};
}

}  // namespace carriersim
