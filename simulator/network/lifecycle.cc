#include "simulator/network/lifecycle.h"

#include <algorithm>

#include "simulator/base/calendar.h"
#include "simulator/base/diagnostics.h"
#include "devices/traffic.h"
#include "simulator/network/core_network.h"

namespace carriersim {
namespace {

SimTime AfterSpan(const World& world, SimTime from, const CalendarSpan& span) {
  return AddSpan(world.scenario.start + from, span) - world.scenario.start;
}

// When the SIM's data in the current session takes `counted` up to `threshold`: the send that
// crosses it, plus 1 ms so that usage counted up to then includes that send. kNever when offline
// or when no send before the end of the run crosses it.
SimTime CrossingTime(const World& world, SimId sim, int64_t counted, int64_t threshold,
                     SimTime bound = kNever) {
  const Subscribers& subs = world.subscribers;
  const TrafficSpec& traffic = world.DeviceSpecOf(sim).traffic;
  if (!subs.online[sim] || !traffic.sends()) return kNever;
  if (counted >= threshold) return subs.session_start[sim];
  const SimTime anchor = world.fleet.traffic_anchor[sim];
  int64_t k = SendsBefore(anchor, traffic.every, subs.session_start[sim]);
  if (traffic.uplink.fixed() && traffic.downlink.fixed()) {
    const int64_t per_send = traffic.uplink.bytes + traffic.downlink.bytes;
    const int64_t sends = (threshold - counted + per_send - 1) / per_send;
    return anchor + (k + sends - 1) * traffic.every + 1;
  }
  // Drawn sizes: send by send, up to `bound` (something else is due by then: the timer will be
  // armed again) and the end of the run.
  const SizeKeys keys = MakeSizeKeys(world.seed, world.DeviceKey(sim));
  const SimTime stop = std::min(bound, world.scenario.duration);
  for (SimTime at = anchor + k * traffic.every; at < stop; at += traffic.every, ++k) {
    counted += SendSize(traffic.uplink, keys.uplink, k) + SendSize(traffic.downlink, keys.downlink, k);
    if (counted >= threshold) return at + 1;
  }
  return kNever;
}

// When the commands received in the stable status reach `threshold`, by the device's command
// schedule (plus 1 ms, as for data). kNever without a schedule or SMS.
SimTime CommandsDue(const World& world, SimId sim, int64_t threshold) {
  const Subscribers& subs = world.subscribers;
  const SimTime every = world.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0 || !world.StableStatusOf(sim).sms) return kNever;
  const int64_t needed = threshold - subs.commands[sim];
  if (needed <= 0) return subs.stable_since[sim];
  const SimTime anchor = CommandAnchor(world, sim);
  const int64_t first = SendsBefore(anchor, every, subs.stable_since[sim]);
  return anchor + (first + needed - 1) * every + 1;
}

// The automatic transition due now, if any.
std::optional<std::pair<StatusId, ChangeCause>> DueTransition(World& world, SimId sim,
                                                              SimTime now) {
  Subscribers& subs = world.subscribers;
  const StatusDef& status = world.ProfileOf(sim).statuses[subs.status[sim]];
  for (const AutoTransition& t : status.automatic) {
    bool due = false;
    switch (t.trigger) {
      case AutoTransition::Trigger::kTime:
        due = AfterSpan(world, subs.entered[sim], t.time) <= now;
        break;
      case AutoTransition::Trigger::kData:
        due = subs.status_bytes[sim] >= t.bytes;
        break;
      case AutoTransition::Trigger::kCommands:
        due = subs.commands[sim] + ScheduledCommands(world, sim, now) >= t.commands;
        break;
    }
    if (due) {
      const ChangeCause cause =
          t.trigger == AutoTransition::Trigger::kTime ? ChangeCause::kTimer : ChangeCause::kNetwork;
      return std::make_pair(t.to_requested ? subs.pending[sim] : t.to, cause);
    }
  }
  return std::nullopt;
}

bool OverUsageLimit(const World& world, SimId sim, SimTime now) {
  const Subscribers& subs = world.subscribers;
  return subs.usage_limit[sim] > 0 && !subs.Has(sim, kLimitPaused) &&
         world.StableStatusOf(sim).data &&
         subs.usage_month[sim] == MonthIndex(world.scenario.start + now) &&
         subs.month_bytes[sim] >= subs.usage_limit[sim];
}

// Back to where the limit found the SIM. The flag is cleared whenever anything else moves it
// out of the limit's status (SetStatus), so here it is still there.
void ResumeFromLimit(World& world, SimId sim, SimTime now, ChangeCause cause) {
  world.subscribers.Set(sim, kLimitPaused, false);
  SetStatus(world, sim, world.subscribers.previous[sim], now, cause);
}

}  // namespace

Outcome ApplyVerb(World& world, SimId sim, VerbId verb_id, SimTime now, std::string_view role) {
  const CarrierProfile& profile = world.ProfileOf(sim);
  const VerbDef& verb = profile.verbs[verb_id];
  Subscribers& subs = world.subscribers;
  if (!verb.roles.empty() &&
      std::find(verb.roles.begin(), verb.roles.end(), role) == verb.roles.end()) {
    return Outcome::Refused("role '" + std::string(role) + "' may not " + verb.name +
                            " (allowed: " + QuotedList(verb.roles) + ")");
  }
  const PlanId plan = world.billing.plan(sim);
  if (std::find(verb.refused_for_plans.begin(), verb.refused_for_plans.end(), plan) !=
      verb.refused_for_plans.end()) {
    return Outcome::Refused(!verb.refused_message.empty()
                                ? verb.refused_message
                                : profile.plans[plan].name + " does not support " + verb.name);
  }
  if (verb.protected_by_termination_protection && subs.Has(sim, kTerminationProtection)) {
    return Outcome::Refused("termination protection is enabled; disable it first");
  }
  const StatusId current = subs.status[sim];
  if (profile.statuses[current].transient) {
    return Outcome::Refused("a status change is already in progress");
  }
  const StatusId target = verb.to_previous ? subs.previous[sim] : verb.to;
  if (current == target) return {VerbResult::kUnchanged, ""};
  if (!verb.AllowedFrom(current)) {
    return Outcome::Refused(verb.name + " is not allowed from " + profile.statuses[current].name);
  }
  if (verb.via) {
    subs.pending[sim] = target;
    const bool upstream_down = UpstreamBackAt(world.CarrierOf(sim), now) > now;
    SetStatus(world, sim,
              upstream_down && profile.upstream_wait ? *profile.upstream_wait : *verb.via, now,
              ChangeCause::kApi);
  } else {
    SetStatus(world, sim, target, now, ChangeCause::kApi);
  }
  return {};
}

void ArmSubscriptionTimer(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  const CarrierProfile& profile = world.ProfileOf(sim);
  const StatusDef& status = profile.statuses[subs.status[sim]];
  SimTime due = kNever;
  if (status.waits_for_upstream) due = UpstreamBackAt(world.CarrierOf(sim), now);
  for (const AutoTransition& t : status.automatic) {
    if (t.trigger == AutoTransition::Trigger::kTime) {
      due = std::min(due, AfterSpan(world, subs.entered[sim], t.time));
    } else if (t.trigger == AutoTransition::Trigger::kData) {
      due = std::min(due, CrossingTime(world, sim, subs.status_bytes[sim], t.bytes, due));
    } else if (t.trigger == AutoTransition::Trigger::kCommands) {
      due = std::min(due, CommandsDue(world, sim, t.commands));
    }
  }
  if (subs.usage_limit[sim] > 0 && profile.usage_limit.enabled) {
    const UnixMillis start = world.scenario.start;
    const SimTime month_end = world.months.NextStart(start + now) - start;
    if (subs.Has(sim, kLimitPaused)) {
      if (profile.usage_limit.resume_next_month) due = std::min(due, month_end);
    } else if (world.StableStatusOf(sim).data) {
      const bool this_month = subs.usage_month[sim] == world.months.Index(start + now);
      const int64_t counted = this_month ? subs.month_bytes[sim] : 0;
      // Checked again when the month ends, since the count starts afresh then.
      due = std::min(due, month_end);
      due = std::min(due, CrossingTime(world, sim, counted, subs.usage_limit[sim], due));
    }
  }
  const EntityId entity = EntityOfDevice(sim);
  if (due == kNever) {
    world.queue.CancelTimer(entity, kSubscriptionTimer);
  } else {
    world.queue.SetTimer(std::max(due, now), entity, kSubscriptionTimer);
  }
}

void OnSubscriptionTimer(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  const CarrierProfile& profile = world.ProfileOf(sim);
  const StatusDef& status = profile.statuses[subs.status[sim]];
  if (status.waits_for_upstream && UpstreamBackAt(world.CarrierOf(sim), now) == now) {
    SetStatus(world, sim, status.outage_then, now, ChangeCause::kNetwork);
    return;
  }
  AccrueUsage(world, sim, now);
  if (auto due = DueTransition(world, sim, now)) {
    SetStatus(world, sim, due->first, now, due->second);
    return;
  }
  if (OverUsageLimit(world, sim, now)) {
    subs.Set(sim, kLimitPaused, true);
    SetStatus(world, sim, profile.usage_limit.to, now, ChangeCause::kNetwork);
    return;
  }
  if (subs.Has(sim, kLimitPaused) && profile.usage_limit.resume_next_month &&
      subs.usage_month[sim] != MonthIndex(world.scenario.start + now)) {
    ResumeFromLimit(world, sim, now, ChangeCause::kTimer);
    return;
  }
  ArmSubscriptionTimer(world, sim, now);
}

Outcome SendCommands(World& world, SimId sim, int64_t commands, SimTime now) {
  if (!world.StableStatusOf(sim).sms) {
    return Outcome::Refused("SMS is not allowed in " + world.StableStatusOf(sim).name);
  }
  world.subscribers.commands[sim] += static_cast<int32_t>(commands);
  world.subscribers.commands_received[sim] += commands;
  if (auto due = DueTransition(world, sim, now))
    SetStatus(world, sim, due->first, now, due->second);
  return {};
}

Outcome ChangePlan(World& world, SimId sim, PlanId plan, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (world.StableStatusOf(sim).final) {
    return Outcome::Refused("the SIM is " + world.StableStatusOf(sim).name);
  }
  const PlanId old = world.billing.plan(sim);
  if (old == plan) return {VerbResult::kUnchanged, ""};
  const CarrierProfile& profile = world.ProfileOf(sim);
  // The SIM's status, and the one a change in progress leads to: the new plan must allow both.
  const bool changing = profile.statuses[subs.status[sim]].transient;
  for (const StatusId status :
       {subs.stable[sim], changing ? subs.pending[sim] : subs.stable[sim]}) {
    if (!InSet(profile.plans[plan].refused_statuses, status)) continue;
    // In the words of the verb that refuses the plan this status, where it has some.
    for (const VerbDef& verb : profile.verbs) {
      if (!verb.to_previous && verb.to == status && !verb.refused_message.empty()) {
        return Outcome::Refused(verb.refused_message);
      }
    }
    return Outcome::Refused(profile.plans[plan].name + " does not support " +
                            profile.statuses[status].name);
  }
  AccrueUsage(world, sim, now);  // usage so far is billed under the old plan
  world.billing.ChangePlan(sim, profile.plans[old].tariff, plan, profile.plans[plan].tariff,
                           subs.stable[sim], subs.stable_since[sim], now);
  return {};
}

Outcome SetTestMode(World& world, SimId sim, bool enabled) {
  if (world.subscribers.Has(sim, kTestMode) == enabled) return {VerbResult::kUnchanged, ""};
  world.subscribers.Set(sim, kTestMode, enabled);
  return {};
}

Outcome SetTerminationProtection(World& world, SimId sim, bool enabled) {
  if (world.subscribers.Has(sim, kTerminationProtection) == enabled) {
    return {VerbResult::kUnchanged, ""};
  }
  world.subscribers.Set(sim, kTerminationProtection, enabled);
  return {};
}

Outcome SetUsageLimit(World& world, SimId sim, int64_t bytes, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (subs.usage_limit[sim] == bytes) return {VerbResult::kUnchanged, ""};
  AccrueUsage(world, sim, now);
  subs.usage_limit[sim] = bytes;
  // Raising or removing the limit lets a SIM it stopped use data again (HOL-5).
  const bool this_month = subs.usage_month[sim] == MonthIndex(world.scenario.start + now);
  if (subs.Has(sim, kLimitPaused) && (bytes == 0 || !this_month || subs.month_bytes[sim] < bytes)) {
    ResumeFromLimit(world, sim, now, ChangeCause::kApi);
  } else {
    ArmSubscriptionTimer(world, sim, now);
  }
  return {};
}

Outcome TerminateAccount(World& world, uint32_t carrier, SimTime now) {
  const CarrierProfile& profile = world.scenario.carriers[carrier].profile;
  if (profile.account_termination_requires == 0) {
    return Outcome::Refused("carrier profile " + profile.name + " has no account termination");
  }
  if (world.account_terminated[carrier] != kNever) return {VerbResult::kUnchanged, ""};
  int64_t remaining = 0;
  for (SimId sim = 0; sim < world.subscribers.size(); ++sim) {
    if (world.GroupOf(sim).carrier == carrier &&
        !InSet(profile.account_termination_requires, world.subscribers.stable[sim])) {
      ++remaining;
    }
  }
  if (remaining > 0) {
    return Outcome::Refused(std::to_string(remaining) + " SIMs must be terminated first");
  }
  world.account_terminated[carrier] = now;
  return {};
}

}  // namespace carriersim
