// Loops of automatic moves, found when the profile loads rather than by a run that never ends.
//
// A SIM's automatic moves are steps: rule r moving it out of status s (a rule on a counter of
// time, data, SMS or commands, or on upstream-back). A step can follow another at the same
// instant unless the move restarts its counter: one that resets each stay restarts when the SIM
// comes into its statuses from outside them (not on a return to `previous`, which goes on with
// the stay). A counter that never restarts on the way round stays reached, so a cycle of steps
// none of which restarts repeats for ever at one instant: an error. A cycle that does restart
// takes at least its thresholds' time a round; a time threshold under a second on a cycle would
// still move the SIM thousands of times a simulated minute, so it is refused as well, like the
// one-second floor of every retry timer.
//
// Rules on attach (one attach makes one move) and on counters of attaches (each needs an attach
// attempt, which takes the modem's time) are not steps; neither is `to: requested`, which leads
// out of a transient status into a stable one, from which no rule leads back (rules_check.cc).
#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {
namespace {

// The floor of a time threshold on a cycle of automatic moves: the loader's floor for every
// retry timer (T3411, T3402, back-offs) too.
constexpr SimTime kMinCycleWait = kSecond;

using Step = RuleStep;
using Arc = RuleArc;
using Arcs = RuleArcs;

const CounterDef* CounterOf(const CarrierProfile& p, const RuleDef& r) {
  if (r.on != RuleDef::On::kThreshold || r.counter >= p.counters.size()) return nullptr;
  return &p.counters[r.counter];
}

std::vector<Step> StepsOf(const CarrierProfile& p, size_t rule_count) {
  std::vector<Step> steps;
  for (size_t r = 0; r < p.rules.size() && r < rule_count; ++r) {
    const RuleDef& rule = p.rules[r];
    const CounterDef* counter = CounterOf(p, rule);
    const bool counted = counter != nullptr && counter->counts != CounterDef::Counts::kAttaches;
    if (!(counted || rule.on == RuleDef::On::kUpstreamBack)) continue;
    if (rule.to_kind == RuleDef::To::kRequested) continue;
    for (size_t s = 0; s < p.statuses.size(); ++s) {
      const auto status = static_cast<StatusId>(s);
      if (!InSet(rule.in, status) || p.statuses[s].final) continue;
      // A move to where the SIM is changes nothing (the network ignores it): no step.
      if (rule.to_kind == RuleDef::To::kStatus && rule.to == status) continue;
      // A time that does not go on in the status cannot newly reach its threshold there.
      if (counted && counter->counts == CounterDef::Counts::kTime && !InSet(counter->in, status)) {
        continue;
      }
      steps.push_back({r, status});
    }
  }
  return steps;
}

// Where a step's move may land: its status, or for `previous` any status a step leads from into
// the one it leaves (a cycle has to come in by an automatic move too).
std::vector<StatusId> Landings(const CarrierProfile& p, const std::vector<Step>& steps,
                               const Step& step) {
  const RuleDef& rule = p.rules[step.rule];
  if (rule.to_kind == RuleDef::To::kStatus) return {rule.to};
  std::vector<StatusId> where;
  for (const Step& other : steps) {
    const RuleDef& into = p.rules[other.rule];
    if (into.to_kind == RuleDef::To::kStatus && into.to == step.from) where.push_back(other.from);
  }
  return where;
}

Arcs ArcsOf(const CarrierProfile& p, const std::vector<Step>& steps) {
  Arcs arcs(steps.size());
  for (size_t a = 0; a < steps.size(); ++a) {
    const bool back = p.rules[steps[a].rule].to_kind == RuleDef::To::kPrevious;
    for (const StatusId landed : Landings(p, steps, steps[a])) {
      for (size_t b = 0; b < steps.size(); ++b) {
        if (steps[b].from != landed) continue;
        const CounterDef* counter = CounterOf(p, p.rules[steps[b].rule]);
        const bool restarts = counter != nullptr && counter->reset == CounterDef::Reset::kStay &&
                              !back && InSet(counter->in, landed) &&
                              !InSet(counter->in, steps[a].from);
        arcs[a].push_back({b, restarts});
      }
    }
  }
  return arcs;
}

// A path from `start` back to it (its steps, `start` first), or empty; `instant`: only along
// arcs that restart nothing. Depth-first, each step visited once: linear in the arcs.
std::vector<size_t> CycleThrough(const Arcs& arcs, size_t start, bool instant) {
  std::vector<size_t> path{start};
  std::vector<size_t> next_arc(arcs.size(), 0);
  std::vector<bool> seen(arcs.size(), false);
  seen[start] = true;
  while (!path.empty()) {
    const size_t at = path.back();
    if (next_arc[at] == arcs[at].size()) {
      path.pop_back();
      continue;
    }
    const Arc& arc = arcs[at][next_arc[at]++];
    if (instant && arc.restarts) continue;
    if (arc.to == start) return path;
    if (!seen[arc.to]) {
      seen[arc.to] = true;
      path.push_back(arc.to);
    }
  }
  return {};
}

// Whether each step can come back to itself: in a strongly connected component of two steps or
// more, or with an arc to itself (Tarjan's algorithm, recursive: at most 64 x 64 steps).
std::vector<bool> OnCycles(const Arcs& arcs, bool instant) {
  const size_t n = arcs.size();
  std::vector<size_t> index(n, SIZE_MAX), low(n, 0), stack;
  std::vector<bool> on_stack(n, false), cyclic(n, false);
  size_t counter = 0;
  const auto visit = [&](auto&& self, size_t v) -> void {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (const Arc& arc : arcs[v]) {
      if (instant && arc.restarts) continue;
      if (arc.to == v) cyclic[v] = true;
      if (index[arc.to] == SIZE_MAX) {
        self(self, arc.to);
        low[v] = std::min(low[v], low[arc.to]);
      } else if (on_stack[arc.to]) {
        low[v] = std::min(low[v], index[arc.to]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<size_t> component;
    do {
      component.push_back(stack.back());
      on_stack[stack.back()] = false;
      stack.pop_back();
    } while (component.back() != v);
    for (size_t w : component) cyclic[w] = cyclic[w] || component.size() > 1;
  };
  for (size_t v = 0; v < n; ++v) {
    if (index[v] == SIZE_MAX) visit(visit, v);
  }
  return cyclic;
}

// "a -> b -> a" for a cycle of steps; appends "'a-to-b', 'b-to-a'" to `rules`.
std::string Describe(const CarrierProfile& p, const std::vector<Step>& steps,
                     const std::vector<size_t>& cycle, std::string* rules) {
  std::string path;
  for (size_t i : cycle) path += p.statuses[steps[i].from].name + " -> ";
  for (size_t i : cycle) {
    const std::string name = "'" + p.rules[steps[i].rule].name + "'";
    if (rules->find(name) == std::string::npos) *rules += (rules->empty() ? "" : ", ") + name;
  }
  return path + p.statuses[steps[cycle[0]].from].name;
}

// The shortest time threshold of rule r (its own, or the least of its plans' values), with the
// plan that gives it (-1: the rule's own); nullopt for a rule that is not on time.
std::optional<std::pair<int, CalendarSpan>> TimeThreshold(const CarrierProfile& p, size_t r) {
  const RuleDef& rule = p.rules[r];
  const CounterDef* counter = CounterOf(p, rule);
  if (counter == nullptr || counter->counts != CounterDef::Counts::kTime) return std::nullopt;
  if (rule.threshold.kind == Threshold::Kind::kFixed) return std::make_pair(-1, rule.threshold.span);
  if (rule.threshold.kind != Threshold::Kind::kPlan) return std::nullopt;
  std::optional<std::pair<int, CalendarSpan>> least;
  for (size_t plan = 0; plan < p.plans.size(); ++plan) {
    if (r >= p.plans[plan].rule_thresholds.size()) continue;
    const CalendarSpan span = p.plans[plan].rule_thresholds[r].span;
    if (!least || (span.months == 0 && (least->second.months > 0 || span.ms < least->second.ms))) {
      least = std::make_pair(static_cast<int>(plan), span);
    }
  }
  return least;
}

}  // namespace

void ProfileLoader::CheckCycles() {
  const std::vector<Step> steps = StepsOf(profile_, rule_fields_.size());
  const Arcs arcs = ArcsOf(profile_, steps);
  const std::vector<bool> instant = OnCycles(arcs, true);
  const auto at = std::find(instant.begin(), instant.end(), true);
  if (at == instant.end()) {
    CheckCycleWaits(steps, arcs);
    return;
  }
  // The waits of a cycle that already never ends are beside the point: only this is reported.
  const std::vector<size_t> cycle = CycleThrough(arcs, size_t(at - instant.begin()), true);
  std::string rules;
  const std::string path = Describe(profile_, steps, cycle, &rules);
  reader_.Error(rule_fields_[steps[cycle[0]].rule],
                "the rules " + rules + " can move a SIM " + path +
                    " and round again for ever at one instant: no counter of theirs restarts on "
                    "the way round, so each stays reached once it is (a counter restarts with "
                    "'reset: stay', when the SIM comes into its statuses from outside them); "
                    "count each status's time on its own, such as { counts: time, in: [" +
                    profile_.statuses[steps[cycle[0]].from].name + "], reset: stay }");
}

// A rule on a cycle of automatic moves waits at least kMinCycleWait, once per rule.
void ProfileLoader::CheckCycleWaits(const std::vector<RuleStep>& steps, const RuleArcs& arcs) {
  const std::vector<bool> cyclic = OnCycles(arcs, false);
  std::vector<bool> reported(profile_.rules.size(), false);
  for (size_t i = 0; i < steps.size(); ++i) {
    const size_t r = steps[i].rule;
    if (!cyclic[i] || reported[r]) continue;
    const std::optional<std::pair<int, CalendarSpan>> wait = TimeThreshold(profile_, r);
    if (!wait) continue;
    // A month is at least 28 days: the shortest a calendar span can take.
    const SimTime least = wait->second.months * 28 * kDay + wait->second.ms;
    if (profile_.cycle_wait == 0 || least < profile_.cycle_wait) profile_.cycle_wait = least;
    if (least >= kMinCycleWait) continue;
    reported[r] = true;
    std::string rules;
    const std::string path = Describe(profile_, steps, CycleThrough(arcs, i, false), &rules);
    const uint32_t value = profile_.rules[r].threshold.plan_value;
    const Field& where =
        wait->first < 0 ? rule_reaches_[r] : plan_value_fields_[size_t(wait->first)][value];
    reader_.Error(where, "rule '" + profile_.rules[r].name + "' waits " +
                             FormatDuration(wait->second.ms) + " on a cycle of automatic moves (" +
                             path + ", by the rules " + rules +
                             "): a SIM would go round it over and over within a second. A rule "
                             "on a cycle waits at least " + FormatDuration(kMinCycleWait) +
                             ", as every retry timer does");
  }
}

}  // namespace carriersim
