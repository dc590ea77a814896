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
  }
  for (const RuleDef& rule : profile.rules) {
    plan_thresholds = plan_thresholds || rule.threshold.kind == Threshold::Kind::kPlan;
  }
}

uint16_t CounterKinds::Counting(const CarrierProfile& profile, StatusId shown,
                                StatusId stable) const {
  uint16_t counting = 0;
  for (size_t c = 0; c < profile.counters.size(); ++c) {
    if (profile.counters[c].Counting(shown, stable)) counting |= static_cast<uint16_t>(1u << c);
  }
  return counting;
}

uint16_t Network::CountingNow(SimId sim) const {
  return KindsOf(sim).Counting(directory_.ProfileOf(sim), subs_.status[sim], subs_.stable[sim]);
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
  if (now > from) {
    const CounterKinds& kinds = KindsOf(sim);
    const uint16_t counting = (kinds.time | kinds.commands) != 0 ? CountingNow(sim) : 0;
    const uint16_t timed = counting & kinds.time;
    const uint16_t commanded = StableStatusOf(sim).sms ? counting & kinds.commands : 0;
    const SimTime every = commanded != 0 ? directory_.DeviceSpecOf(sim).traffic.commands_every : 0;
    const SimTime anchor = every > 0 ? CommandAnchor(sim) : 0;
    // Month by month: fees, usage limits and monthly counters count calendar months.
    for (SimTime a = from; a < now;) {
      const SimTime b = std::min(now, months_.NextStart(start + a) - start);
      const int32_t month = static_cast<int32_t>(months_.Index(start + a));
      RollMonth(sim, month);
      ForEachCounter(timed, [&](CounterId c) { counters_.at(sim, c) += b - a; });
      if (every > 0) {
        const int64_t commands = OccurrencesIn(anchor, every, a, b);
        ForEachCounter(commanded, [&](CounterId c) { counters_.at(sim, c) += commands; });
      }
      if (subs_.online[sim] && b > subs_.session_start[sim]) {
        AccrueTraffic(sim, std::max(a, subs_.session_start[sim]), b, month);
      }
      a = b;
    }
    subs_.counted_to[sim] = now;
  }
  RollMonth(sim, static_cast<int32_t>(months_.Index(start + now)));
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

// A SIM came into the statuses of the counters in `now_counting` that were not counting before
// (`was`): those that count a stay start again, unless the SIM returns to the status it left
// (a restore, a resume), which continues the stay it interrupted.
void Network::StartStays(SimId sim, uint16_t was, bool returning) {
  if (returning) return;
  const uint16_t entered = static_cast<uint16_t>(CountingNow(sim) & ~was & KindsOf(sim).stay);
  ForEachCounter(entered, [&](CounterId c) { counters_.at(sim, c) = 0; });
}

void Network::ResetForVerb(SimId sim, VerbId verb) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  for (size_t c = 0; c < profile.counters.size(); ++c) {
    const std::vector<VerbId>& verbs = profile.counters[c].reset_verbs;
    if (std::find(verbs.begin(), verbs.end(), verb) != verbs.end()) {
      counters_.at(sim, static_cast<CounterId>(c)) = 0;
    }
  }
}

bool Network::VerbResets(SimId sim, VerbId verb) const {
  for (const CounterDef& counter : directory_.ProfileOf(sim).counters) {
    const std::vector<VerbId>& verbs = counter.reset_verbs;
    if (std::find(verbs.begin(), verbs.end(), verb) != verbs.end()) return true;
  }
  return false;
}

// When a time counter's count began, as if it had counted without a pause: `now` less its
// value. REQUIRES: the SIM is accounted up to `now`.
SimTime Network::CountStart(SimId sim, CounterId c, SimTime now) const {
  return now - counters_.get(sim, c);
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
