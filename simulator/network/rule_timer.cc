// The subscription timer of each SIM: armed for the earliest time a rule may act on it (a time
// reached, a data volume crossed, the commands received, the upstream operator back, the month
// that restarts a count). It may fire and find nothing due (the session it counted on closed
// since): it then re-arms or stops.
#include <algorithm>
#include <bit>

#include "simulator/base/periodic.h"
#include "simulator/network/network.h"

namespace carriersim {

// When the device's sends since the session's accounted start take counter c (of data or SMS)
// to `threshold`. The counter is accounted up to `session_start`: data only flows in a session,
// and accounting a session moves its start.
SimTime Network::CrossingTime(SimId sim, CounterId c, int64_t threshold, SimTime now,
                              SimTime bound) {
  if (!subs_.online[sim]) return kNever;
  const int64_t counted = CountedValue(sim, c, now);
  if (directory_.ProfileOf(sim).counters[c].counts == CounterDef::Counts::kSms) {
    return devices_.SmsCrossing(sim, subs_.session_start[sim], counted, threshold);
  }
  return devices_.DataCrossing(sim, subs_.session_start[sim], counted, threshold, bound);
}

// When the commands counter c reaches `threshold` by the device's command schedule (plus 1 ms,
// as for data). kNever without a schedule or SMS.
SimTime Network::CommandsDue(SimId sim, CounterId c, int64_t threshold, SimTime now) const {
  const SimTime every = directory_.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0 || !StableStatusOf(sim).sms) return kNever;
  const int64_t needed = threshold - CountedValue(sim, c, now);
  const UnixMillis start = scenario_.start;
  const SimTime from = MonthRestarted(sim, c, now)
                           ? StartOfMonthIndex(months_.Index(start + now)) - start
                           : subs_.counted_to[sim];
  if (needed <= 0) return from;
  const SimTime anchor = CommandAnchor(sim);
  const int64_t first = OccurrencesBefore(anchor, every, from);
  return anchor + (first + needed - 1) * every + 1;
}

// The earliest time rule r may act, given that something else is due at `due`.
SimTime Network::RuleDue(SimId sim, size_t r, SimTime now, SimTime due) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const RuleDef& rule = profile.rules[r];
  if (rule.on == RuleDef::On::kUpstreamBack) return std::min(due, UpstreamBackAt(sim, now));
  if (rule.on != RuleDef::On::kThreshold) return due;
  const CounterDef& counter = profile.counters[rule.counter];
  if (counter.counts == CounterDef::Counts::kAttaches) return due;  // counted at each attach
  const std::optional<Threshold> t = ThresholdOf(sim, r);
  if (!t || !((CountingNow(sim) >> rule.counter) & 1)) return due;
  // The month restarts the count: checked again then.
  if (counter.reset == CounterDef::Reset::kMonth) due = std::min(due, MonthEnd(now));
  switch (counter.counts) {
    case CounterDef::Counts::kTime:
      return std::min(due, AfterSpan(CountStart(sim, rule.counter, now), t->span));
    case CounterDef::Counts::kData:
    case CounterDef::Counts::kSms:
      return std::min(due, CrossingTime(sim, rule.counter, t->amount, now, due));
    case CounterDef::Counts::kCommands:
      return std::min(due, CommandsDue(sim, rule.counter, t->amount, now));
    case CounterDef::Counts::kAttaches:
      break;
  }
  return due;
}

void Network::ArmSubscriptionTimer(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  if (profile.rules.empty()) return;
  SimTime due = kNever;
  // In the profile's order, which bounds each data crossing by what is due before it.
  for (uint64_t rules = KindsOf(sim).timed_rules[subs_.status[sim]]; rules != 0;
       rules &= rules - 1) {
    due = RuleDue(sim, static_cast<size_t>(std::countr_zero(rules)), now, due);
  }
  if (subs_.placed_by[sim] != 0) {
    // A move that lasts while its counter is reached: the month may restart the count.
    const RuleDef& placed = profile.rules[subs_.placed_by[sim] - 1u];
    if (subs_.status[sim] == placed.to &&
        profile.counters[placed.counter].reset == CounterDef::Reset::kMonth) {
      due = std::min(due, MonthEnd(now));
    }
  }
  if (due == kNever) {
    timer_.Cancel(sim);
  } else {
    timer_.Set(sim, std::max(due, now));
  }
}

}  // namespace carriersim
