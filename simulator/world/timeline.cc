#include "simulator/world/timeline.h"

#include <algorithm>

#include "devices/modem.h"
#include "devices/power.h"
#include "simulator/base/rng.h"
#include "simulator/network/lifecycle.h"
#include "simulator/network/outages.h"

namespace carriersim {
namespace {

void Count(ActionOutcome& outcome, const Outcome& result) {
  switch (result.result) {
    case VerbResult::kApplied:
      ++outcome.applied;
      break;
    case VerbResult::kUnchanged:
      ++outcome.unchanged;
      break;
    case VerbResult::kRefused:
      ++outcome.refused;
      ++outcome.refusals[result.reason];
      break;
  }
}

Outcome Changed(bool changed) {
  return {changed ? VerbResult::kApplied : VerbResult::kUnchanged, ""};
}

// The SIMs an action addresses, in id order. A count or fraction is a uniform sample without
// replacement (Knuth's selection sampling), drawn from the action's own stream: the same SIMs for
// the same seed, whatever else the scenario holds.
std::vector<SimId> SelectTargets(const World& world, const TimelineAction& action) {
  const GroupSpec& group = world.scenario.groups[action.target.group];
  const SimId first = static_cast<SimId>(group.first_sim);
  std::vector<SimId> sims;
  int64_t wanted = group.count;
  switch (action.target.kind) {
    case Target::Kind::kSim:
      return {static_cast<SimId>(first + action.target.index)};
    case Target::Kind::kGroup:
      break;
    case Target::Kind::kCount:
      wanted = action.target.count;
      break;
    case Target::Kind::kFraction:
      wanted =
          static_cast<int64_t>(action.target.fraction * static_cast<double>(group.count) + 0.5);
      break;
  }
  sims.reserve(static_cast<size_t>(wanted));
  RandomStream rng =
      MakeStream(world.seed, action.key ^ world.group_keys[action.target.group],
                 StreamPurpose::kSelection);
  for (int64_t i = 0; i < group.count && static_cast<int64_t>(sims.size()) < wanted; ++i) {
    const uint64_t left = static_cast<uint64_t>(group.count - i);
    const uint64_t need = static_cast<uint64_t>(wanted - static_cast<int64_t>(sims.size()));
    if (need == left || UniformBelow(rng, left) < need)
      sims.push_back(first + static_cast<SimId>(i));
  }
  return sims;
}

// A verb through a channel limited to fewer SIMs at a time is refused as a whole (HOL-3).
std::string ChannelRefusal(const World& world, const TimelineAction& action, size_t sims) {
  if (action.kind != ActionKind::kVerb) return "";
  const GroupSpec& group = world.scenario.groups[action.target.group];
  const VerbDef& verb = world.scenario.carriers[group.carrier].profile.verbs[action.verb];
  for (const VerbDef::Limit& limit : verb.limits) {
    if (limit.channel == action.channel && static_cast<int64_t>(sims) > limit.max_sims) {
      return "the " + limit.channel + " can " + verb.name + " at most " +
             std::to_string(limit.max_sims) + " SIMs at a time";
    }
  }
  return "";
}

Outcome RunOnSim(World& world, const TimelineAction& action, SimId sim, SimTime now) {
  switch (action.kind) {
    case ActionKind::kVerb:
      return ApplyVerb(world, sim, action.verb, now, action.role);
    case ActionKind::kPowerOn:
      return Changed(SwitchOn(world, sim, now));
    case ActionKind::kPowerOff:
      return Changed(SwitchOff(world, sim, now));
    case ActionKind::kPowerCycle:
      return Changed(SwitchCycle(world, sim, now));
    case ActionKind::kReinsertSim:
      return Changed(ReinsertSim(world, sim, now));
    case ActionKind::kChangePlan:
      return ChangePlan(world, sim, action.plan, now);
    case ActionKind::kTestMode:
      return SetTestMode(world, sim, action.enabled);
    case ActionKind::kTerminationProtection:
      return SetTerminationProtection(world, sim, action.enabled);
    case ActionKind::kUsageLimit:
      return SetUsageLimit(world, sim, action.amount, now);
    case ActionKind::kSendCommand:
      return SendCommands(world, sim, action.amount, now);
    case ActionKind::kTerminateAccount:
    case ActionKind::kCellOutage:
    case ActionKind::kCellRestore:
    case ActionKind::kCoreOutage:
    case ActionKind::kCoreRestore:
      break;  // not addressed to SIMs
  }
  return {};
}

// One SIM's part of an action; `event` is the action's mass event + 1, or 0.
void RunForSim(World& world, const TimelineAction& action, ActionOutcome& outcome, SimId sim,
               uint32_t event, SimTime now) {
  const Outcome result = RunOnSim(world, action, sim, now);
  if (event > 0 && result.result == VerbResult::kApplied) {
    world.recovery.Affect(world.fleet.recovering[sim], event - 1);
  }
  Count(outcome, result);
}

bool Later(const DeferredAction& a, const DeferredAction& b) {
  if (a.at != b.at) return a.at > b.at;
  if (a.action != b.action) return a.action > b.action;
  return a.sim > b.sim;
}

void RunAction(World& world, uint32_t index, SimTime now) {
  const TimelineAction& action = world.scenario.timeline[index];
  ActionOutcome& outcome = world.metrics.actions[index];
  switch (action.kind) {
    case ActionKind::kTerminateAccount:
      Count(outcome, TerminateAccount(world, action.carrier, now));
      return;
    case ActionKind::kCellOutage:
    case ActionKind::kCoreOutage:
      outcome.applied += StartOutage(world, action, now);
      return;
    case ActionKind::kCellRestore:
    case ActionKind::kCoreRestore:
      outcome.applied += EndOutage(world, action);
      return;
    default:
      break;
  }
  const std::vector<SimId> sims = SelectTargets(world, action);
  if (const std::string refusal = ChannelRefusal(world, action, sims.size()); !refusal.empty()) {
    outcome.refused += sims.size();
    outcome.refusals[refusal] += sims.size();
    return;
  }
  // Devices a power-on brings up are a mass event: how fast they all get service (NET-4).
  const bool mass = action.kind == ActionKind::kPowerOn || action.kind == ActionKind::kPowerCycle;
  const uint32_t event = mass ? world.recovery.Begin(action.text, now, now) + 1 : 0;
  if (action.spread == 0) {
    for (SimId sim : sims) RunForSim(world, action, outcome, sim, event, now);
    return;
  }
  // Each SIM acts at its own time in [now, now + spread), drawn from the action's stream.
  RandomStream rng = MakeStream(world.seed, action.key ^ world.group_keys[action.target.group],
                                StreamPurpose::kSpread);
  for (SimId sim : sims) {
    const SimTime at = now + static_cast<SimTime>(UniformBelow(rng, uint64_t(action.spread)));
    world.deferred.push_back(DeferredAction{at, index, sim, event});
    std::push_heap(world.deferred.begin(), world.deferred.end(), Later);
  }
}

void ArmNext(World& world) {
  const SimTime next = NextTimelineTime(world);
  if (next != kNever) world.queue.SetTimer(next, kTimelineEntity, kTimelineTimer);
}

}  // namespace

SimTime NextTimelineTime(const World& world) {
  const std::vector<TimelineAction>& timeline = world.scenario.timeline;
  const SimTime action = world.next_action < timeline.size() ? timeline[world.next_action].at : kNever;
  return world.deferred.empty() ? action : std::min(action, world.deferred.front().at);
}

void StartTimeline(World& world) {
  world.next_action = 0;
  ArmNext(world);
}

void RunDueActions(World& world, SimTime now) {
  const std::vector<TimelineAction>& timeline = world.scenario.timeline;
  while (world.next_action < timeline.size() && timeline[world.next_action].at == now) {
    RunAction(world, static_cast<uint32_t>(world.next_action++), now);
  }
  // Then the SIMs of spread actions whose turn it is, including any drawn just now.
  while (!world.deferred.empty() && world.deferred.front().at == now) {
    std::pop_heap(world.deferred.begin(), world.deferred.end(), Later);
    const DeferredAction d = world.deferred.back();
    world.deferred.pop_back();
    RunForSim(world, timeline[d.action], world.metrics.actions[d.action], d.sim, d.event, now);
  }
  ArmNext(world);
}

}  // namespace carriersim
