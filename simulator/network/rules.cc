// The profile's rules (simulator/carrier/counters.h): a counter reaching its threshold, an
// attach, the upstream operator coming back (KOR-5) move a SIM by themselves; a move that lasts
// while its counter stays reached is undone when the count falls below (HOL-5). One timer per
// SIM, armed for the earliest time a rule may act.
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

SimTime Network::MonthEnd(SimTime now) const {
  return months_.NextStart(scenario_.start + now) - scenario_.start;
}

// Rule r's threshold for the SIM: its own, its plan's, or the SIM's usage limit (none: 0).
std::optional<Threshold> Network::ThresholdOf(SimId sim, size_t r) const {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const Threshold& t = profile.rules[r].threshold;
  switch (t.kind) {
    case Threshold::Kind::kFixed:
      return t;
    case Threshold::Kind::kPlan:
      return profile.plans[billing_.plan(sim)].rule_thresholds[r];
    case Threshold::Kind::kUsageLimit:
      if (subs_.usage_limit[sim] <= 0) return std::nullopt;
      return Threshold{Threshold::Kind::kFixed, subs_.usage_limit[sim], {}, 0};
  }
  return std::nullopt;
}

// Whether rule r's counter is at its threshold. REQUIRES: the SIM is accounted up to `now`.
bool Network::Reached(SimId sim, size_t r, SimTime now) const {
  const RuleDef& rule = directory_.ProfileOf(sim).rules[r];
  const std::optional<Threshold> t = ThresholdOf(sim, r);
  if (!t) return false;
  if (directory_.ProfileOf(sim).counters[rule.counter].counts == CounterDef::Counts::kTime) {
    // A calendar span from when the count began; a count that does not go on cannot newly
    // reach it (months differ in length).
    return ((CountingNow(sim) >> rule.counter) & 1) &&
           AfterSpan(CountStart(sim, rule.counter, now), t->span) <= now;
  }
  return counters_.get(sim, rule.counter) >= t->amount;
}

void Network::Move(SimId sim, size_t r, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  const RuleDef& rule = profile.rules[r];
  StatusId to = rule.to;
  Entry entry = rule.lasts_while_reached ? Entry::kLastingRule : Entry::kMove;
  if (rule.to_kind == RuleDef::To::kPrevious) {
    to = subs_.previous[sim];
    entry = Entry::kReturn;
  } else if (rule.to_kind == RuleDef::To::kRequested) {
    to = subs_.pending[sim];
    if (subs_.Has(sim, kPendingReturn)) entry = Entry::kReturn;
  }
  if (rule.on == RuleDef::On::kThreshold &&
      profile.counters[rule.counter].counts == CounterDef::Counts::kAttaches) {
    storms_[AttachesSlot(sim, rule.counter)].Reset(sim);  // the storm has been acted on
  }
  if (rule.cause == RuleDef::Cause::kStorm) recorder_.ForcedReactivationOf(sim, now);
  // Set before the move, so that the timer the move arms watches for the count to fall.
  if (rule.lasts_while_reached) {
    subs_.placed_by[sim] = static_cast<uint8_t>(r + 1);
    subs_.placed_from[sim] = subs_.stable[sim];
  }
  SetStatus(sim, to, now, ChangeCauseOf(rule.cause), entry);
}

// The first rule on a counter (of time, data, SMS or commands) that applies in the SIM's status
// and has reached its threshold acts. REQUIRES: the SIM is accounted up to `now`.
bool Network::FireDueRule(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  for (size_t r = 0; r < profile.rules.size(); ++r) {
    const RuleDef& rule = profile.rules[r];
    if (rule.on != RuleDef::On::kThreshold || !InSet(rule.in, subs_.status[sim])) continue;
    if (profile.counters[rule.counter].counts == CounterDef::Counts::kAttaches) continue;
    if (Reached(sim, r, now)) {
      Move(sim, r, now);
      return true;
    }
  }
  return false;
}

// A move that lasts while its counter is reached ends once the count falls below the threshold
// (the month restarts it, a verb resets it, the usage limit is raised or removed, a plan with a
// higher one): back to the status the rule moved the SIM from.
bool Network::UndoIfBelow(SimId sim, SimTime now, ChangeCause cause) {
  if (subs_.placed_by[sim] == 0) return false;
  const size_t r = subs_.placed_by[sim] - 1u;
  // Only where the rule put it: away on a round trip (paused), it waits until it is back.
  if (subs_.status[sim] != directory_.ProfileOf(sim).rules[r].to || Reached(sim, r, now)) {
    return false;
  }
  subs_.placed_by[sim] = 0;
  SetStatus(sim, subs_.placed_from[sim], now, cause, Entry::kReturn);
  return true;
}

// Counts an attach attempt on the counters of attaches (SOR-7); a rule on one of them that is
// reached acts before the attach is answered.
bool Network::CountAttach(SimId sim, SimTime now) {
  const CounterKinds& kinds = KindsOf(sim);
  const uint16_t counting = kinds.attaches != 0 ? CountingNow(sim) & kinds.attaches : 0;
  if (counting == 0) return false;
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  int64_t count[kMaxCounters] = {};
  for (size_t c = 0; c < profile.counters.size(); ++c) {
    if ((counting >> c) & 1) {
      const CounterId id = static_cast<CounterId>(c);
      count[c] = storms_[AttachesSlot(sim, id)].Count(sim, now, profile.counters[c].window);
    }
  }
  for (size_t r = 0; r < profile.rules.size(); ++r) {
    const RuleDef& rule = profile.rules[r];
    if (rule.on != RuleDef::On::kThreshold || !((counting >> rule.counter) & 1)) continue;
    const std::optional<Threshold> t = ThresholdOf(sim, r);
    if (InSet(rule.in, subs_.status[sim]) && t && count[rule.counter] >= t->amount) {
      Move(sim, r, now);
      return true;
    }
  }
  return false;
}

// The first rule on attach for the status that answers attaches moves the SIM (SOR-2: ready
// and standby activate themselves; in test mode, ready goes to testing).
void Network::ApplyAttachRules(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  for (size_t r = 0; r < profile.rules.size(); ++r) {
    const RuleDef& rule = profile.rules[r];
    if (rule.on != RuleDef::On::kAttach || !InSet(rule.in, subs_.stable[sim])) continue;
    if (rule.if_test_mode && !subs_.Has(sim, kTestMode)) continue;
    Move(sim, r, now);
    return;
  }
}

// KOR-5: a change waiting for the upstream operator goes on once it is back.
bool Network::FireUpstreamBack(SimId sim, SimTime now) {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  for (size_t r = 0; r < profile.rules.size(); ++r) {
    const RuleDef& rule = profile.rules[r];
    if (rule.on != RuleDef::On::kUpstreamBack || !InSet(rule.in, subs_.status[sim])) continue;
    if (UpstreamBackAt(sim, now) != now) return false;
    Move(sim, r, now);
    return true;
  }
  return false;
}

void Network::OnSubscriptionTimer(SimId sim, SimTime now) {
  if (FireUpstreamBack(sim, now)) return;
  Account(sim, now);
  if (FireDueRule(sim, now)) return;
  if (UndoIfBelow(sim, now, ChangeCause::kTimer)) return;
  ArmSubscriptionTimer(sim, now);
}

}  // namespace carriersim
