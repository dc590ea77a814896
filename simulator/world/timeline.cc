#include "simulator/world/timeline.h"

#include "devices/modem.h"
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
      MakeStream(world.seed, action.key ^ NameKey(group.name), StreamPurpose::kSelection);
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
      return Changed(PowerOn(world, sim, now));
    case ActionKind::kPowerOff:
      return Changed(PowerOff(world, sim, now));
    case ActionKind::kPowerCycle:
      return Changed(PowerCycle(world, sim, now));
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

void RunAction(World& world, const TimelineAction& action, ActionOutcome& outcome, SimTime now) {
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
  const uint32_t event = mass ? world.recovery.Begin(action.text, now, now) : 0;
  for (SimId sim : sims) {
    const Outcome result = RunOnSim(world, action, sim, now);
    if (mass && result.result == VerbResult::kApplied) {
      world.recovery.Affect(world.fleet.recovering[sim], event);
    }
    Count(outcome, result);
  }
}

void ArmNext(World& world) {
  if (world.next_action < world.scenario.timeline.size()) {
    world.queue.SetTimer(world.scenario.timeline[world.next_action].at, kTimelineEntity,
                         kTimelineTimer);
  }
}

}  // namespace

SimTime NextTimelineTime(const World& world) {
  const std::vector<TimelineAction>& timeline = world.scenario.timeline;
  return world.next_action < timeline.size() ? timeline[world.next_action].at : kNever;
}

void StartTimeline(World& world) {
  world.next_action = 0;
  ArmNext(world);
}

void RunDueActions(World& world, SimTime now) {
  const std::vector<TimelineAction>& timeline = world.scenario.timeline;
  while (world.next_action < timeline.size() && timeline[world.next_action].at == now) {
    RunAction(world, timeline[world.next_action], world.metrics.actions[world.next_action], now);
    ++world.next_action;
  }
  ArmNext(world);
}

}  // namespace carriersim
