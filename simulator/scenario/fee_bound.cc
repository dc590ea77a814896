#include "simulator/scenario/fee_bound.h"

#include <algorithm>
#include <vector>

#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

// What the timeline may do to one SIM of a group: each action on the group addresses a SIM at
// most once.
struct ActionsOnSim {
  std::vector<PlanId> plans;    // plans change-plan actions may move it to
  int64_t verb_actions = 0;     // actions that apply a verb
  std::vector<int64_t> verbs;   // per verb of the profile: actions that apply it
};

ActionsOnSim ActionsOn(const Scenario& s, uint32_t group, size_t verbs) {
  ActionsOnSim on;
  on.verbs.resize(verbs);
  for (const TimelineAction& a : s.timeline) {
    const bool on_sims = a.kind != ActionKind::kTerminateAccount &&
                         a.kind != ActionKind::kCellOutage && a.kind != ActionKind::kCellRestore &&
                         a.kind != ActionKind::kCoreOutage && a.kind != ActionKind::kCoreRestore;
    if (!on_sims || a.target.group != group) continue;
    if (a.kind == ActionKind::kChangePlan) on.plans.push_back(a.plan);
    if (a.kind == ActionKind::kVerb && a.verb < verbs) {
      ++on.verb_actions;
      ++on.verbs[a.verb];
    }
  }
  return on;
}

// The run's calendar as fees count it.
struct RunSpan {
  SimTime duration = 0;
  int64_t days = 0;    // UTC days the run touches
  int64_t months = 0;  // calendar months it touches
};

// The shortest a calendar span can be: 28 days a month, then its milliseconds.
Int128 ShortestLength(const CalendarSpan& span) {
  return std::max<Int128>(Int128{span.months} * 28 * kDay + span.ms, 1);
}

// The highest of each price over the plans a subscription may be on.
struct HighestPrices {
  Int128 daily = 0, monthly = 0;  // basic fees
  Int128 per_mb = 0, unit = 1;    // usage: per MB, and the billing unit in bytes
  Int128 renewal = 0, shortest_after = kFeeBoundCap, shortest_every = kFeeBoundCap;
  Int128 transitions = 0;        // every transition fee of a plan: all may match one change
  std::vector<Int128> verb_fees;  // per verb: every one-off fee it charges on a plan
};

HighestPrices HighestOf(const CarrierProfile& profile, const std::vector<PlanId>& plans) {
  HighestPrices h;
  h.verb_fees.resize(profile.verbs.size());
  for (const PlanId p : plans) {
    const Tariff& t = profile.plans[p].tariff;
    for (const StatusFee& fee : t.basic) {
      Int128& rate = fee.per == FeePeriod::kDay ? h.daily : h.monthly;
      if (fee.charged) rate = std::max<Int128>(rate, fee.price.micros);
    }
    if (t.usage.enabled) {
      h.per_mb = std::max<Int128>(h.per_mb, t.usage.per_mb.micros);
      h.unit = std::max<Int128>(h.unit, t.usage.billing_unit);
    }
    if (t.renewal.enabled) {
      h.renewal = std::max<Int128>(h.renewal, t.renewal.price.micros);
      h.shortest_after = std::min(h.shortest_after, ShortestLength(t.renewal.after));
      h.shortest_every = std::min(h.shortest_every, ShortestLength(t.renewal.every));
    }
    Int128 transitions = 0;
    for (const TransitionFee& fee : t.transitions) transitions += fee.price.micros;
    h.transitions = std::max(h.transitions, transitions);
    std::vector<Int128> verb_fees(h.verb_fees.size());
    for (const OneOffFee& fee : t.one_off) {
      if (!fee.on_provisioning && fee.verb < verb_fees.size()) verb_fees[fee.verb] += fee.price.micros;
    }
    for (size_t v = 0; v < verb_fees.size(); ++v) {
      h.verb_fees[v] = std::max(h.verb_fees[v], verb_fees[v]);
    }
  }
  return h;
}

// One subscription: it starts on plans[0] and may be moved to the others, `changes` times at
// most; its device sends at most `bytes` (0 for additional subscriptions, which bill no usage).
FeeBound SubscriptionBound(const CarrierProfile& profile, const std::vector<PlanId>& plans,
                           int64_t changes, Int128 bytes, const ActionsOnSim& on,
                           const RunSpan& run) {
  const HighestPrices h = HighestOf(profile, plans);
  FeeBound b;
  b.basic = BoundAdd(BoundMul(run.days, h.daily), BoundMul(run.months, h.monthly));
  if (bytes > 0 && h.per_mb > 0) {
    // A usage line per month and plan: each rounds its bytes up to the unit, and its amount up
    // by less than one micro-unit.
    const int64_t lines = run.months + changes;
    const Int128 billable = BoundAdd(bytes, BoundMul(lines, h.unit - 1));
    const Int128 whole_mb = billable / kBytesPerMegabyte, rest = billable % kBytesPerMegabyte;
    b.usage = BoundAdd(BoundAdd(BoundMul(whole_mb, h.per_mb), rest * h.per_mb / kBytesPerMegabyte),
                       lines);
  }
  if (h.renewal > 0) {
    // Under one plan: a fee per `every` of counted time, and one more per count that lasts past
    // `after` (counts of one counter take turns). A plan change may start over.
    const Int128 per_plan =
        BoundAdd(run.duration / h.shortest_after + run.duration / h.shortest_every, 2);
    b.renewal = BoundMul(BoundMul(per_plan, changes + 1), h.renewal);
  }
  const Tariff& first = profile.plans[plans.front()].tariff;
  for (const OneOffFee& fee : first.one_off) {
    if (fee.on_provisioning) b.one_off = BoundAdd(b.one_off, fee.price.micros);
  }
  for (size_t v = 0; v < h.verb_fees.size(); ++v) {
    b.one_off = BoundAdd(b.one_off, BoundMul(on.verbs[v], h.verb_fees[v]));
  }
  b.transitions = BoundMul(on.verb_actions, h.transitions);
  return b;
}

}  // namespace

Int128 BoundAdd(Int128 a, Int128 b) { return std::min(a + b, kFeeBoundCap); }

Int128 BoundMul(Int128 a, Int128 b) {
  if (a == 0 || b == 0) return 0;
  return a > kFeeBoundCap / b ? kFeeBoundCap : std::min(a * b, kFeeBoundCap);
}

std::string FormatWideAmount(Int128 micros) {
  std::string whole;
  Int128 units = micros / 1'000'000;
  do {
    whole.insert(whole.begin(), static_cast<char>('0' + static_cast<int>(units % 10)));
    units /= 10;
  } while (units > 0);
  // "0.50" for the fraction: its digits as every other amount shows them.
  return whole + FormatAmount(static_cast<int64_t>(micros % 1'000'000)).substr(1);
}

Int128 FeeBound::Total() const {
  return BoundAdd(BoundAdd(BoundAdd(basic, usage), BoundAdd(renewal, one_off)), transitions);
}

Int128 MostBytesOfSim(const Scenario& s, const GroupSpec& group) {
  const TrafficSpec& traffic = s.devices[group.device].traffic;
  const Int128 sends = traffic.every > 0 ? s.duration / traffic.every + 1 : 0;
  return BoundMul(sends, Int128{traffic.uplink.largest()} + Int128{traffic.downlink.largest()});
}

FeeBound SimFeeBound(const Scenario& s, uint32_t group) {
  const GroupSpec& g = s.groups[group];
  const CarrierProfile& profile = s.carriers[g.carrier].profile;
  if (s.duration <= 0) return {};
  RunSpan run;
  run.duration = s.duration;
  const UnixMillis last = s.start + s.duration - 1;
  run.days = DayIndex(last) - DayIndex(s.start) + 1;
  run.months = MonthIndex(last) - MonthIndex(s.start) + 1;
  const ActionsOnSim on = ActionsOn(s, group, profile.verbs.size());
  std::vector<PlanId> plans = {g.plan};
  plans.insert(plans.end(), on.plans.begin(), on.plans.end());
  const int64_t changes = static_cast<int64_t>(on.plans.size());
  FeeBound total = SubscriptionBound(profile, plans, changes, MostBytesOfSim(s, g), on, run);
  for (const PlanId extra : g.extra_plans) {
    const FeeBound b = SubscriptionBound(profile, {extra}, 0, 0, on, run);
    total.basic = BoundAdd(total.basic, b.basic);
    total.renewal = BoundAdd(total.renewal, b.renewal);
    total.one_off = BoundAdd(total.one_off, b.one_off);
    total.transitions = BoundAdd(total.transitions, b.transitions);
  }
  return total;
}

}  // namespace carriersim
