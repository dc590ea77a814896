#include "simulator/world/timeline.h"

#include <algorithm>
#include <string>

#include "simulator/base/rng.h"

namespace carriersim {
namespace {

// kRefusalNames (scenario/metrics.h) names Refusal's kinds from kRole on, in order.
static_assert(static_cast<size_t>(Refusal::kRole) == 1 &&
              static_cast<size_t>(Refusal::kOther) == kRefusalKinds);

void CountRefusals(ActionOutcome& outcome, Refusal kind, const std::string& reason, uint64_t n) {
  outcome.refused += n;
  outcome.refusals[reason] += n;
  const size_t k = kind == Refusal::kNone ? kRefusalKinds : static_cast<size_t>(kind);
  outcome.refused_by_kind[k - 1] += n;
}

void Count(ActionOutcome& outcome, const Outcome& result) {
  switch (result.result) {
    case VerbResult::kApplied:
      ++outcome.applied;
      break;
    case VerbResult::kUnchanged:
      ++outcome.unchanged;
      break;
    case VerbResult::kRefused:
      CountRefusals(outcome, result.refusal, result.reason, 1);
      break;
  }
}

Outcome Changed(bool changed) { return changed ? Outcome{} : Outcome::Unchanged(); }

// A verb through a channel limited to fewer SIMs at a time is refused as a whole (HOL-3).
std::string ChannelRefusal(const Scenario& scenario, const TimelineAction& action, size_t sims) {
  if (action.kind != ActionKind::kVerb) return "";
  const GroupSpec& group = scenario.groups[action.target.group];
  const VerbDef& verb = scenario.carriers[group.carrier].profile.verbs[action.verb];
  for (const VerbDef::Limit& limit : verb.limits) {
    if (limit.channel == action.channel && static_cast<int64_t>(sims) > limit.max_sims) {
      return "the " + limit.channel + " can " + verb.name + " at most " +
             std::to_string(limit.max_sims) + " SIMs at a time";
    }
  }
  return "";
}

// What an external firmware does through its modem's AT commands.
Outcome RunOnModem(Devices& devices, const TimelineAction& action, SimId sim, SimTime now) {
  if (!devices.external(sim)) return Outcome::Refused("the device's firmware is not external");
  switch (action.kind) {
    case ActionKind::kModemFunctionality:
      return Changed(devices.SetFunctionality(sim, static_cast<int>(action.amount), now));
    case ActionKind::kModemReset:
      return Changed(devices.ResetModem(sim, now));
    case ActionKind::kModemAutomatic:
      return Changed(devices.SetAutomatic(sim, action.enabled, now));
    case ActionKind::kModemPdn:
      return Changed(action.enabled ? devices.RequestPdn(sim, now) : devices.ReleasePdn(sim, now));
    case ActionKind::kModemSend:
      return Changed(devices.SendData(sim, action.amount, now));
    case ActionKind::kModemSms:
      return Changed(devices.SendSms(sim, now));
    default:
      return {};
  }
}

Outcome RunOnSim(Network& network, Devices& devices, const TimelineAction& action, SimId sim,
                 SimTime now) {
  switch (action.kind) {
    case ActionKind::kVerb:
      return network.ApplyVerb(sim, action.verb, now, action.role);
    case ActionKind::kPowerOn:
      return Changed(devices.SwitchOn(sim, now));
    case ActionKind::kPowerOff:
      return Changed(devices.SwitchOff(sim, now));
    case ActionKind::kPowerCycle:
      return Changed(devices.SwitchCycle(sim, now));
    case ActionKind::kReinsertSim:
      return Changed(devices.ReinsertSim(sim, now));
    case ActionKind::kChangePlan:
      return network.ChangePlan(sim, action.plan, now);
    case ActionKind::kTestMode:
      return network.SetTestMode(sim, action.enabled);
    case ActionKind::kTerminationProtection:
      return network.SetTerminationProtection(sim, action.enabled);
    case ActionKind::kUsageLimit:
      return network.SetUsageLimit(sim, action.amount, now);
    case ActionKind::kSendCommand:
      return network.SendCommands(sim, action.amount, now);
    case ActionKind::kModemFunctionality:
    case ActionKind::kModemReset:
    case ActionKind::kModemAutomatic:
    case ActionKind::kModemPdn:
    case ActionKind::kModemSend:
    case ActionKind::kModemSms:
      return RunOnModem(devices, action, sim, now);
    case ActionKind::kTerminateAccount:
    case ActionKind::kCellOutage:
    case ActionKind::kCellRestore:
    case ActionKind::kCoreOutage:
    case ActionKind::kCoreRestore:
      break;  // not addressed to SIMs
  }
  return {};
}

}  // namespace

// The order of the heap of spread actions: by their next SIM's time, then by action.
bool Timeline::Later(const Spread& a, const Spread& b) {
  const SimTime at = a.turns[a.next].at, bt = b.turns[b.next].at;
  return at != bt ? at > bt : a.action > b.action;
}

Timeline::Timeline(const SimDirectory& directory, TimerSlot timer, Network& network,
                   Devices& devices, Recorder& recorder)
    : directory_(directory),
      scenario_(directory.scenario()),
      timer_(timer),
      network_(network),
      devices_(devices),
      recorder_(recorder) {}

// How many SIMs an action addresses: the whole group, a count or a share of it, or one.
int64_t Timeline::SelectedCount(const TimelineAction& action) const {
  const int64_t size = directory_.GroupSize(action.target.group);
  switch (action.target.kind) {
    case Target::Kind::kSim:
      return 1;
    case Target::Kind::kGroup:
      return size;
    case Target::Kind::kCount:
      return std::min(action.target.count, size);
    case Target::Kind::kFraction:
      return std::min(
          static_cast<int64_t>(action.target.fraction * static_cast<double>(size) + 0.5), size);
  }
  return 0;
}

// Calls fn(index in the group) for the SIMs an action addresses, in order. A count or fraction
// is a uniform sample without replacement (Knuth's selection sampling) of the whole group, drawn
// from the action's own stream: the same SIMs for the same seed, whatever else the scenario
// holds, and in every shard of the fleet. Nothing is kept: a group of millions costs no memory.
template <typename Fn>
void Timeline::ForEachTarget(const TimelineAction& action, Fn fn) const {
  if (action.target.kind == Target::Kind::kSim) {
    fn(action.target.index);
    return;
  }
  const int64_t size = directory_.GroupSize(action.target.group);
  const int64_t wanted = SelectedCount(action);
  RandomStream rng =
      MakeStream(directory_.seed(), action.key ^ directory_.group_key(action.target.group),
                 StreamPurpose::kSelection);
  int64_t picked = 0;
  for (int64_t i = 0; i < size && picked < wanted; ++i) {
    const uint64_t left = static_cast<uint64_t>(size - i);
    const uint64_t need = static_cast<uint64_t>(wanted - picked);
    if (need == left || UniformBelow(rng, left) < need) {
      ++picked;
      fn(i);
    }
  }
}

// One SIM's part of an action; `event` is the action's mass event + 1, or 0. A SIM another
// shard holds (kOtherShard) is that shard's to act on and to count.
void Timeline::RunForSim(uint32_t index, SimId sim, uint32_t event, SimTime now) {
  if (sim == kOtherShard) return;
  // Read before the action: the boot a power-on starts is part of what recovering costs.
  const EnergyReading before = devices_.energy(sim);
  const Outcome result = RunOnSim(network_, devices_, scenario_.timeline[index], sim, now);
  if (event > 0 && result.result == VerbResult::kApplied) {
    recorder_.recovery().Affect(sim, event - 1, before);
  }
  Count(recorder_.action(index), result);
}

// NET-4: the network loses the cells (or the core), then every device that had service there
// loses it. Recovery counts from the moment service can come back. `index` is the timeline
// action's (-1: a request from outside). Returns how many devices lost service.
uint64_t Timeline::StartOutage(const TimelineAction& action, int32_t index, SimTime now) {
  const bool core = action.kind == ActionKind::kCoreOutage;
  const uint32_t first = action.first_cell, end = action.first_cell + action.cell_count;
  if (core) network_.TakeCoreDown();
  for (uint32_t c = first; !core && c < end; ++c) network_.TakeCellDown(c, action.until);
  const uint32_t event = recorder_.recovery().Begin(action.text, index, now, action.until);
  uint64_t lost = 0;
  for (DeviceId d = 0; d < devices_.size(); ++d) {
    if (!core && (devices_.cell(d) < first || devices_.cell(d) >= end)) continue;
    const EnergyReading before = devices_.energy(d);
    if (devices_.LoseService(d, now)) {
      recorder_.recovery().Affect(d, event, before);
      ++lost;
    }
  }
  return lost;
}

void Timeline::RunAction(uint32_t index, SimTime now) {
  const TimelineAction& action = scenario_.timeline[index];
  ActionOutcome& outcome = recorder_.action(index);
  switch (action.kind) {
    case ActionKind::kTerminateAccount:
      Count(outcome, network_.TerminateAccount(action.carrier, now));
      return;
    case ActionKind::kCellOutage:
    case ActionKind::kCoreOutage:
      outcome.applied += StartOutage(action, static_cast<int32_t>(index), now);
      return;
    case ActionKind::kCellRestore:
      for (uint32_t c = action.first_cell; c < action.first_cell + action.cell_count; ++c) {
        outcome.applied += network_.RestoreCell(c);
      }
      return;
    case ActionKind::kCoreRestore:
      network_.RestoreCore();
      ++outcome.applied;
      return;
    default:
      break;
  }
  const uint32_t group = action.target.group;
  const int64_t selected = SelectedCount(action);
  if (const std::string refusal =
          ChannelRefusal(scenario_, action, static_cast<size_t>(selected));
      !refusal.empty()) {
    // Each shard counts its own SIMs of the selection; the decision is the whole selection's.
    uint64_t here = 0;
    SimDirectory::GroupWalk walk = directory_.Walk(group);
    ForEachTarget(action, [&](int64_t i) { here += walk.At(i) != kOtherShard; });
    CountRefusals(outcome, Refusal::kChannel, refusal, here);
    return;
  }
  // Devices a power-on brings up are a mass event: how fast they all get service (NET-4).
  const bool mass = action.kind == ActionKind::kPowerOn || action.kind == ActionKind::kPowerCycle;
  const uint32_t event =
      mass ? recorder_.recovery().Begin(action.text, static_cast<int32_t>(index), now, now) + 1 : 0;
  SimDirectory::GroupWalk walk = directory_.Walk(group);
  if (action.spread == 0 || selected == 0) {
    ForEachTarget(action, [&](int64_t i) { RunForSim(index, walk.At(i), event, now); });
    return;
  }
  // Each SIM acts at its own time in [now, now + spread), drawn from the action's stream. Every
  // shard keeps every turn, its own and the others': the timeline fires at the same instants in
  // each, so that its events and its horizon (Devices::SetQuietUntil) are the whole fleet's.
  RandomStream rng =
      MakeStream(directory_.seed(), action.key ^ directory_.group_key(group), StreamPurpose::kSpread);
  Spread& spread = spreads_.emplace_back(Spread{index, event, {}, 0});
  spread.turns.reserve(static_cast<size_t>(selected));
  uint32_t order = 0;  // the SIMs come in group order
  ForEachTarget(action, [&](int64_t i) {
    const SimTime at = now + static_cast<SimTime>(UniformBelow(rng, uint64_t(action.spread)));
    spread.turns.push_back({at, order++, walk.At(i)});
  });
  std::sort(spread.turns.begin(), spread.turns.end(),
            [](const Spread::Turn& a, const Spread::Turn& b) {
              return a.at != b.at ? a.at < b.at : a.order < b.order;
            });
  std::push_heap(spreads_.begin(), spreads_.end(), Later);
}

Outcome Timeline::Perform(const TimelineAction& action, SimTime now) {
  switch (action.kind) {
    case ActionKind::kTerminateAccount:
      return network_.TerminateAccount(action.carrier, now);
    case ActionKind::kCellOutage:
    case ActionKind::kCoreOutage:
      StartOutage(action, -1, now);
      return {};
    case ActionKind::kCellRestore: {
      bool back = false;
      for (uint32_t c = action.first_cell; c < action.first_cell + action.cell_count; ++c) {
        back |= network_.RestoreCell(c);
      }
      return Changed(back);
    }
    case ActionKind::kCoreRestore:
      network_.RestoreCore();
      return {};
    default:
      break;
  }
  if (const std::string refusal = ChannelRefusal(scenario_, action, 1); !refusal.empty()) {
    return Outcome::Refused(refusal, Refusal::kChannel);
  }
  const SimId sim = directory_.SimAt(action.target.group, action.target.index);
  if (sim == kOtherShard) return Outcome::Refused("the SIM is in another shard of the run");
  return RunOnSim(network_, devices_, action, sim, now);
}

SimTime Timeline::NextTime() const {
  const SimTime next =
      next_action_ < scenario_.timeline.size() ? scenario_.timeline[next_action_].at : kNever;
  return spreads_.empty() ? next : std::min(next, spreads_.front().turns[spreads_.front().next].at);
}

void Timeline::ArmNext() {
  const SimTime next = NextTime();
  if (next != kNever) timer_.Set(0, next);
  devices_.SetQuietUntil(next);
}

void Timeline::Start() {
  next_action_ = 0;
  ArmNext();
}

void Timeline::OnTimer(SimTime now) {
  const std::vector<TimelineAction>& timeline = scenario_.timeline;
  while (next_action_ < timeline.size() && timeline[next_action_].at == now) {
    recorder_.set_order(TimelineOrder(false, static_cast<uint32_t>(next_action_)));
    RunAction(static_cast<uint32_t>(next_action_++), now);
  }
  // Then the SIMs of spread actions whose turn it is, including any drawn just now.
  while (!spreads_.empty() && spreads_.front().turns[spreads_.front().next].at == now) {
    std::pop_heap(spreads_.begin(), spreads_.end(), Later);
    Spread& s = spreads_.back();
    const Spread::Turn turn = s.turns[s.next++];
    recorder_.set_order(TimelineOrder(true, s.action));
    RunForSim(s.action, turn.sim, s.event, now);
    if (s.done()) {
      spreads_.pop_back();
    } else {
      std::push_heap(spreads_.begin(), spreads_.end(), Later);
    }
  }
  recorder_.set_order(kDeviceOrder);
  ArmNext();
}

}  // namespace carriersim
