// The profile's counters (simulator/carrier/counters.h), accounted by arithmetic: time, data,
// SMS and scheduled commands are added up over the interval since a SIM was last accounted,
// month by month, whenever something may change what counts (a status, a session, a reading).
// Nothing runs per counter on a timer.
#include <algorithm>
#include <bit>

#include "simulator/base/periodic.h"
#include "simulator/network/network.h"

namespace carriersim {

CounterKinds::CounterKinds(const CarrierProfile& profile) {
  for (size_t c = 0; c < profile.counters.size(); ++c) {
    const CounterDef& counter = profile.counters[c];
    const uint16_t bit = static_cast<uint16_t>(1u << c);
    switch (counter.counts) {
      case CounterDef::Counts::kTime: time |= bit; break;
      case CounterDef::Counts::kData: data |= bit; break;
      case CounterDef::Counts::kSms: sms |= bit; break;
      case CounterDef::Counts::kCommands: commands |= bit; break;
      case CounterDef::Counts::kAttaches: attaches |= bit; break;
    }
    if (counter.reset == CounterDef::Reset::kMonth) month |= bit;
    if (counter.reset == CounterDef::Reset::kStay) stay |= bit;
    for (size_t s = 0; s < profile.statuses.size(); ++s) {
      if (InSet(counter.in, static_cast<StatusId>(s))) in[s] |= bit;
    }
  }
  reset_by.assign(profile.verbs.size(), 0);
  for (size_t c = 0; c < profile.counters.size(); ++c) {
    for (const VerbId v : profile.counters[c].reset_verbs) reset_by[v] |= uint16_t(1u << c);
  }
  fees_on.assign(profile.verbs.size(), false);
  for (const PlanDef& plan : profile.plans) {
    for (const OneOffFee& fee : plan.tariff.one_off) {
      if (!fee.on_provisioning) fees_on[fee.verb] = true;
    }
  }
  for (size_t r = 0; r < profile.rules.size(); ++r) {
    const RuleDef& rule = profile.rules[r];
    plan_thresholds = plan_thresholds || rule.threshold.kind == Threshold::Kind::kPlan;
    const bool timed =
        rule.on == RuleDef::On::kUpstreamBack ||
        (rule.on == RuleDef::On::kThreshold &&
         profile.counters[rule.counter].counts != CounterDef::Counts::kAttaches);
    for (size_t s = 0; timed && s < profile.statuses.size(); ++s) {
      if (InSet(rule.in, static_cast<StatusId>(s))) timed_rules[s] |= uint64_t{1} << r;
    }
  }
}

// Calls fn(c) for each counter c of `mask`.
template <typename Fn>
static void ForEachCounter(uint16_t mask, Fn fn) {
  for (; mask != 0; mask &= static_cast<uint16_t>(mask - 1)) {
    fn(static_cast<CounterId>(std::countr_zero(mask)));
  }
}

void Network::RollMonth(SimId sim, int32_t month) {
  if (subs_.counters_month[sim] == month) return;
  subs_.counters_month[sim] = month;
  ForEachCounter(KindsOf(sim).month, [&](CounterId c) { counters_.at(sim, c) = 0; });
}

void Network::Account(SimId sim, SimTime now) {
  const SimTime from = subs_.counted_to[sim];
  const UnixMillis start = scenario_.start;
  const CounterKinds& kinds = KindsOf(sim);
  if (now > from) {
    const uint16_t counting = CountingNow(sim);
    const uint16_t timed = counting & kinds.time;
    const uint16_t commanded =
        (counting & kinds.commands) != 0 && StableStatusOf(sim).sms ? counting & kinds.commands : 0;
    const SimTime every = commanded != 0 ? directory_.DeviceSpecOf(sim).traffic.commands_every : 0;
    const SimTime anchor = every > 0 ? CommandAnchor(sim) : 0;
    const uint16_t commands = every > 0 ? commanded : 0;
    // Counters that no month restarts take the whole interval at once.
    ForEachCounter(timed & ~kinds.month, [&](CounterId c) { counters_.at(sim, c) += now - from; });
    if ((commands & ~kinds.month) != 0) {
      const int64_t n = OccurrencesIn(anchor, every, from, now);
      ForEachCounter(commands & ~kinds.month, [&](CounterId c) { counters_.at(sim, c) += n; });
    }
    // Month by month: fees, usage limits and monthly counters count calendar months.
    const uint16_t monthly = (timed | commands) & kinds.month;
    if (subs_.online[sim] || monthly != 0) {
      for (SimTime a = from; a < now;) {
        const SimTime b = std::min(now, months_.NextStart(start + a) - start);
        const int32_t month = static_cast<int32_t>(months_.Index(start + a));
        if (kinds.month != 0) RollMonth(sim, month);
        ForEachCounter(timed & monthly, [&](CounterId c) { counters_.at(sim, c) += b - a; });
        if ((commands & monthly) != 0) {
          const int64_t n = OccurrencesIn(anchor, every, a, b);
          ForEachCounter(commands & monthly, [&](CounterId c) { counters_.at(sim, c) += n; });
        }
        if (subs_.online[sim] && b > subs_.session_start[sim]) {
          AccrueTraffic(sim, std::max(a, subs_.session_start[sim]), b, month);
        }
        a = b;
      }
    }
    subs_.counted_to[sim] = now;
  }
  if (kinds.month != 0) RollMonth(sim, static_cast<int32_t>(months_.Index(start + now)));
  if (subs_.online[sim] && now > subs_.session_start[sim]) {
    subs_.online_ms[sim] += now - subs_.session_start[sim];
    subs_.session_start[sim] = now;
  }
}

// What the device sent in [from, to), within calendar month `month`: the SIM's totals, its
// counters of data and SMS, and billing.
void Network::AccrueTraffic(SimId sim, SimTime from, SimTime to, int32_t month) {
  const TrafficTally sent = devices_.Traffic(sim, from, to);
  if (sent.sends <= 0) return;
  const int64_t bytes = sent.uplink + sent.downlink;
  subs_.uplink_bytes[sim] += sent.uplink;
  subs_.downlink_bytes[sim] += sent.downlink;
  subs_.sms_sent[sim] += sent.sms;
  const CounterKinds& kinds = KindsOf(sim);
  if ((kinds.data | kinds.sms) != 0) {
    const uint16_t counting = CountingNow(sim);
    ForEachCounter(counting & kinds.data, [&](CounterId c) { counters_.at(sim, c) += bytes; });
    ForEachCounter(counting & kinds.sms, [&](CounterId c) { counters_.at(sim, c) += sent.sms; });
  }
  const Tariff& tariff = directory_.ProfileOf(sim).plans[billing_.plan(sim)].tariff;
  billing_.AddUsage(sim, tariff, subs_.stable[sim], month, bytes);
}

// The SIM's statuses changed: the counters that count now are noted, and those that were not
// counting before (`was`) and count a stay start again, unless the SIM returns to the status it
// left (a restore, a resume), which continues the stay it interrupted.
void Network::StartStays(SimId sim, uint16_t was, bool returning) {
  subs_.counting[sim] = KindsOf(sim).Counting(subs_.status[sim], subs_.stable[sim]);
  if (returning) return;
  const uint16_t entered = static_cast<uint16_t>(CountingNow(sim) & ~was & KindsOf(sim).stay);
  ForEachCounter(entered, [&](CounterId c) { counters_.at(sim, c) = 0; });
}

void Network::ResetForVerb(SimId sim, VerbId verb) {
  ForEachCounter(KindsOf(sim).reset_by[verb], [&](CounterId c) { counters_.at(sim, c) = 0; });
}

bool Network::VerbResets(SimId sim, VerbId verb) const { return KindsOf(sim).reset_by[verb] != 0; }

// Counter c as last accounted (at `counted_to`), or 0 when a month has restarted it since.
int64_t Network::CountedValue(SimId sim, CounterId c, SimTime now) const {
  return MonthRestarted(sim, c, now) ? 0 : counters_.get(sim, c);
}

// Whether counter c restarts each month and a month has begun since the SIM was accounted.
bool Network::MonthRestarted(SimId sim, CounterId c, SimTime now) const {
  const UnixMillis start = scenario_.start;
  return ((KindsOf(sim).month >> c) & 1) &&
         months_.Index(start + subs_.counted_to[sim]) != months_.Index(start + now);
}

// When a time counter's count began, as if it had counted without a pause: `now` less its
// value at `now`. Needs no accounting: a counter that counts has counted since `counted_to`
// (the status has not changed since), or since the month began if that restarted it.
SimTime Network::CountStart(SimId sim, CounterId c, SimTime now) const {
  const SimTime value = counters_.get(sim, c);
  if (!((CountingNow(sim) >> c) & 1)) return now - value;
  if (MonthRestarted(sim, c, now)) {
    const UnixMillis start = scenario_.start;
    return StartOfMonthIndex(months_.Index(start + now)) - start;
  }
  return subs_.counted_to[sim] - value;
}

SimTime Network::FreeSince(SimId sim, const Tariff& tariff, StatusId status, SimTime since,
                           SimTime now) const {
  const std::optional<CounterId> counter = tariff.basic[status].free_counter;
  return counter ? CountStart(sim, *counter, now) : since;
}

SimTime Network::RenewalSince(SimId sim, const Tariff& tariff, SimTime now) const {
  const RenewalFee& renewal = tariff.renewal;
  if (!renewal.enabled || !((CountingNow(sim) >> renewal.counter) & 1)) return kNever;
  return CountStart(sim, renewal.counter, now);
}

}  // namespace carriersim
