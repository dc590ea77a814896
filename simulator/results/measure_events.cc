// Metrics of mass events and timeline actions: recovery.pNN of a group or of one event, the
// energy the devices an event hit spent until they were back (DEV-4, NET-4), and how many SIMs
// a timeline action applied to or was refused for.
#include <algorithm>

#include "simulator/base/units.h"
#include "simulator/results/measure_internal.h"
#include "simulator/results/measure_part.h"

namespace carriersim {
namespace {

// The events the expectation looks at: the one its action started, or every one.
bool Considered(const MassEvent& event, const Expectation& e) {
  return e.filter.action < 0 || event.action == e.filter.action;
}

// What a device spent recovering from the event: until it was back (or hit again), or so far.
EnergyReading Spent(const World& world, const EventMember& m) {
  if (!m.recovering) return m.energy;
  return world.devices().energy(m.device).Since(m.energy);
}

int64_t OutcomeCount(const ActionOutcome& o, const Expectation& e) {
  switch (e.metric) {
    case MetricId::kActionApplied:
      return static_cast<int64_t>(o.applied);
    case MetricId::kActionUnchanged:
      return static_cast<int64_t>(o.unchanged);
    case MetricId::kActionRefused:
      return static_cast<int64_t>(o.refused);
    case MetricId::kActionRefusedFor:
      for (size_t k = 0; k < kRefusalKinds; ++k) {
        if (kRefusalNames[k] == e.parameter) return static_cast<int64_t>(o.refused_by_kind[k]);
      }
      return 0;
    default:
      return 0;
  }
}

}  // namespace

std::vector<RecoveryPart> RecoveryOf(const World& world, const Expectation& e) {
  const std::vector<MassEvent>& events = world.recorder().recovery().events();
  std::vector<RecoveryPart> parts(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    if (!Considered(events[i], e)) continue;
    for (const EventMember& m : events[i].members) {
      if (!InScope(world, e.scope, m.device)) continue;
      ++parts[i].affected;
      if (m.back != kNever) parts[i].back.push_back(m.back);
    }
  }
  return parts;
}

Measured RecoveryOf(const Snapshot& now, const Expectation& e) {
  const std::vector<MassEvent>& events = now.mass_events();
  // Per event considered: its devices in the scope, and the times those came back.
  struct Hit {
    const MassEvent* event;
    RecoveryPart devices;
  };
  std::vector<Hit> hits;
  for (const MassEvent& event : events) hits.push_back({&event, {}});
  for (const ShardView* part : now.parts()) {
    std::vector<RecoveryPart> mine = part->Recovery(e);
    for (size_t i = 0; i < hits.size(); ++i) {
      hits[i].devices.affected += mine[i].affected;
      hits[i].devices.back.insert(hits[i].devices.back.end(), mine[i].back.begin(),
                                  mine[i].back.end());
    }
  }
  std::erase_if(hits, [](const Hit& hit) { return hit.devices.affected == 0; });
  if (hits.empty()) {
    if (events.empty()) return {std::nullopt, "no mass event"};
    if (e.filter.action >= 0) {
      return {std::nullopt,
              "the event hit no device" + (e.scope.text.empty() ? "" : " of " + e.scope.text)};
    }
    return {std::nullopt,
            "no mass event hit " + (e.scope.text.empty() ? "a device" : e.scope.text)};
  }
  const uint64_t percent = std::stoul(e.parameter.substr(1));
  int64_t worst = 0;
  for (Hit& hit : hits) {
    std::vector<SimTime>& back = hit.devices.back;
    std::sort(back.begin(), back.end());
    const std::optional<SimTime> t = MassEvent::BackBy(back, hit.devices.affected, percent);
    if (!t) {
      // Say how far it got: a percentile never reached is devices that never were back.
      return {std::nullopt, "never: " + FormatCount(static_cast<int64_t>(back.size())) +
                                " of " + FormatCount(static_cast<int64_t>(hit.devices.affected)) +
                                " were back by the end" +
                                (hits.size() > 1 ? " (" + hit.event->what + ")" : "")};
    }
    worst = std::max(worst, *t);
  }
  return {worst, ""};
}

std::vector<SimValue> EventEnergyOf(const World& world, const Expectation& e) {
  std::vector<SimValue> values;
  for (const MassEvent& event : world.recorder().recovery().events()) {
    if (event.action != e.filter.action) continue;
    for (const EventMember& m : event.members) {
      if (!InScope(world, e.scope, m.device)) continue;
      const EnergyReading spent = Spent(world, m);
      int64_t value = spent.modem_reboots;
      if (e.metric == MetricId::kAttachAttempts) value = spent.attach_attempts;
      if (e.metric == MetricId::kRadioOn) value = spent.radio_ms;
      values.push_back({world.directory().GlobalSim(m.device), value});
    }
  }
  return values;
}

std::vector<SimValue> EventEnergy(const Snapshot& now, const Expectation& e) {
  std::vector<SimValue> values;
  for (const ShardView* part : now.parts()) {
    const std::vector<SimValue> mine = part->EventEnergy(e);
    values.insert(values.end(), mine.begin(), mine.end());
  }
  // A SIM is in one part: those an event hit twice stay in the order of the events.
  std::stable_sort(values.begin(), values.end(),
                   [](const SimValue& a, const SimValue& b) { return a.sim < b.sim; });
  return values;
}

// A recurring entry (`every:`) is an action per time it acts, each with the entry's name: the
// name means the entry, so every time counts, not only the first (which the loader resolved the
// name to). Names are unique per entry; an outage's ends share its name but not its kind.
int64_t ActionOutcomeCount(const Snapshot& now, const Expectation& e) {
  const std::vector<TimelineAction>& timeline = now.scenario().timeline;
  const std::vector<ActionOutcome>& outcomes = now.actions();
  const TimelineAction& named = timeline[static_cast<size_t>(e.filter.action)];
  int64_t sum = 0;
  for (size_t i = 0; i < timeline.size(); ++i) {
    if (timeline[i].name != named.name || timeline[i].kind != named.kind) continue;
    sum += OutcomeCount(outcomes[i], e);
  }
  return sum;
}

}  // namespace carriersim
