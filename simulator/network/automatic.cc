// The changes a carrier profile makes by itself: after time in a status, a data volume or SMS
// commands; a change in progress completing; an upstream outage ending (KOR-5); a usage limit
// reached and its month over (HOL-5). One timer per SIM, armed for the earliest that may act.
#include <algorithm>

#include "simulator/base/periodic.h"
#include "simulator/network/network.h"

namespace carriersim {

SimTime Network::AfterSpan(SimTime from, const CalendarSpan& span) const {
  return AddSpan(scenario_.start + from, span) - scenario_.start;
}

SimTime Network::UpstreamBackAt(SimId sim, SimTime now) const {
  for (const Outage& o : directory_.CarrierOf(sim).upstream_outages) {
    if (o.from <= now && now < o.to) return o.to;
  }
  return now;
}

SimTime Network::CrossingTime(SimId sim, int64_t counted, int64_t threshold, SimTime bound) {
  if (!subs_.online[sim]) return kNever;
  return devices_.DataCrossing(sim, subs_.session_start[sim], counted, threshold, bound);
}

// When the commands received in the stable status reach `threshold`, by the device's command
// schedule (plus 1 ms, as for data). kNever without a schedule or SMS.
SimTime Network::CommandsDue(SimId sim, int64_t threshold) const {
  const SimTime every = directory_.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0 || !StableStatusOf(sim).sms) return kNever;
  const int64_t needed = threshold - subs_.commands[sim];
  if (needed <= 0) return subs_.stable_since[sim];
  const SimTime anchor = CommandAnchor(sim);
  const int64_t first = OccurrencesBefore(anchor, every, subs_.stable_since[sim]);
  return anchor + (first + needed - 1) * every + 1;
}

std::optional<Network::Due> Network::DueTransition(SimId sim, SimTime now) const {
  const StatusDef& status = directory_.ProfileOf(sim).statuses[subs_.status[sim]];
  for (const AutoTransition& t : status.automatic) {
    bool due = false;
    switch (t.trigger) {
      case AutoTransition::Trigger::kTime:
        due = AfterSpan(subs_.entered[sim], t.time) <= now;
        break;
      case AutoTransition::Trigger::kData:
        due = subs_.status_bytes[sim] >= t.bytes;
        break;
      case AutoTransition::Trigger::kCommands:
        due = subs_.commands[sim] + ScheduledCommands(sim, now) >= t.commands;
        break;
    }
    if (due) {
      const ChangeCause cause =
          t.trigger == AutoTransition::Trigger::kTime ? ChangeCause::kTimer : ChangeCause::kNetwork;
      return Due{t.to_requested ? subs_.pending[sim] : t.to, cause};
    }
  }
  return std::nullopt;
}

bool Network::OverUsageLimit(SimId sim, SimTime now) const {
  return subs_.usage_limit[sim] > 0 && !subs_.Has(sim, kLimitPaused) && StableStatusOf(sim).data &&
         subs_.usage_month[sim] == MonthIndex(scenario_.start + now) &&
         subs_.month_bytes[sim] >= subs_.usage_limit[sim];
}

// Back to where the limit found the SIM. The flag is cleared whenever anything else moves it
// out of the limit's status (SetStatus), so here it is still there.
void Network::ResumeFromLimit(SimId sim, SimTime now, ChangeCause cause) {
  subs_.Set(sim, kLimitPaused, false);
  SetStatus(sim, subs_.previous[sim], now, cause);
}

void Network::ArmSubscriptionTimer(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const StatusDef& status = profile.statuses[subs_.status[sim]];
  SimTime due = kNever;
  if (status.waits_for_upstream) due = UpstreamBackAt(sim, now);
  for (const AutoTransition& t : status.automatic) {
    if (t.trigger == AutoTransition::Trigger::kTime) {
      due = std::min(due, AfterSpan(subs_.entered[sim], t.time));
    } else if (t.trigger == AutoTransition::Trigger::kData) {
      due = std::min(due, CrossingTime(sim, subs_.status_bytes[sim], t.bytes, due));
    } else if (t.trigger == AutoTransition::Trigger::kCommands) {
      due = std::min(due, CommandsDue(sim, t.commands));
    }
  }
  if (subs_.usage_limit[sim] > 0 && profile.usage_limit.enabled) {
    const UnixMillis start = scenario_.start;
    const SimTime month_end = months_.NextStart(start + now) - start;
    if (subs_.Has(sim, kLimitPaused)) {
      if (profile.usage_limit.resume_next_month) due = std::min(due, month_end);
    } else if (StableStatusOf(sim).data) {
      const bool this_month = subs_.usage_month[sim] == months_.Index(start + now);
      const int64_t counted = this_month ? subs_.month_bytes[sim] : 0;
      // Checked again when the month ends, since the count starts afresh then.
      due = std::min(due, month_end);
      due = std::min(due, CrossingTime(sim, counted, subs_.usage_limit[sim], due));
    }
  }
  if (due == kNever) {
    timer_.Cancel(sim);
  } else {
    timer_.Set(sim, std::max(due, now));
  }
}

void Network::OnSubscriptionTimer(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const StatusDef& status = profile.statuses[subs_.status[sim]];
  if (status.waits_for_upstream && UpstreamBackAt(sim, now) == now) {
    SetStatus(sim, status.outage_then, now, ChangeCause::kNetwork);
    return;
  }
  AccrueUsage(sim, now);
  if (const std::optional<Due> due = DueTransition(sim, now)) {
    SetStatus(sim, due->to, now, due->cause);
    return;
  }
  if (OverUsageLimit(sim, now)) {
    subs_.Set(sim, kLimitPaused, true);
    SetStatus(sim, profile.usage_limit.to, now, ChangeCause::kNetwork);
    return;
  }
  if (subs_.Has(sim, kLimitPaused) && profile.usage_limit.resume_next_month &&
      subs_.usage_month[sim] != MonthIndex(scenario_.start + now)) {
    ResumeFromLimit(sim, now, ChangeCause::kTimer);
    return;
  }
  ArmSubscriptionTimer(sim, now);
}

}  // namespace carriersim
