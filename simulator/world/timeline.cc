#include "simulator/world/timeline.h"

#include "devices/modem.h"
#include "simulator/network/core_network.h"

namespace carriersim {
namespace {

void Count(ActionOutcome& outcome, bool changed) {
  ++(changed ? outcome.applied : outcome.unchanged);
}

void RunAction(World& world, const TimelineAction& action, ActionOutcome& outcome, SimTime now) {
  const GroupSpec& group = world.scenario.groups[action.group];
  const SimId first = static_cast<SimId>(group.first_sim);
  const SimId end = static_cast<SimId>(group.first_sim + group.count);
  for (SimId sim = first; sim < end; ++sim) {
    switch (action.kind) {
      case ActionKind::kVerb:
        switch (ApplyVerb(world, sim, action.verb, now)) {
          case VerbResult::kApplied:
            ++outcome.applied;
            break;
          case VerbResult::kUnchanged:
            ++outcome.unchanged;
            break;
          case VerbResult::kRefused:
            ++outcome.refused;
            break;
        }
        break;
      case ActionKind::kPowerOn:
        Count(outcome, PowerOn(world, sim, now));
        break;
      case ActionKind::kPowerOff:
        Count(outcome, PowerOff(world, sim, now));
        break;
      case ActionKind::kPowerCycle:
        Count(outcome, PowerCycle(world, sim, now));
        break;
    }
  }
}

void ArmNext(World& world) {
  if (world.next_action < world.scenario.timeline.size()) {
    world.queue.SetTimer(world.scenario.timeline[world.next_action].at, kTimelineEntity,
                         kTimelineTimer);
  }
}

}  // namespace

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
