// What the engine's backstop reports when a SIM's events loop at one instant (engine.h,
// kMaxEventsPerInstant): which SIM, when, and what repeats, in the profile's and firmware's
// terms, so that the scenario's author can find the loop. The run is over by then, so this
// handles a few more of the SIM's events, watching them, before giving up.
#include <string>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/world/world.h"

namespace carriersim {
namespace {

// Events watched to find the repeating part: a loop of the profile's rules visits each of its
// at most 64 statuses once, so a cycle shows within twice that.
constexpr size_t kWatchedEvents = 128;

// The shortest p such that steps repeat every p; the whole list when nothing repeats.
size_t Period(const std::vector<std::string>& steps) {
  for (size_t p = 1; p < steps.size(); ++p) {
    bool repeats = true;
    for (size_t i = p; i < steps.size() && repeats; ++i) repeats = steps[i] == steps[i - p];
    if (repeats) return p;
  }
  return steps.size();
}

// The name of a rule of `profile` that moves a SIM from `from` to `to`, or "".
std::string RuleMoving(const CarrierProfile& profile, StatusId from, StatusId to) {
  for (const RuleDef& rule : profile.rules) {
    if (rule.on == RuleDef::On::kAttach || !InSet(rule.in, from)) continue;
    if (rule.to_kind != RuleDef::To::kStatus || rule.to == to) return rule.name;
  }
  return "";
}

}  // namespace

std::string World::DescribeStall(const Event& first, SimTime end) {
  const SimTime when = first.time;
  const std::string at = FormatTimestamp(scenario().start + when) + " (" +
                         FormatDuration(when) + " into the run)";
  const std::string bound = std::to_string(engine_.max_events_per_instant());
  if (first.entity == kTimelineEntity) {
    return "no progress: the timeline handled " + bound + " events in a row at " + at;
  }
  const DeviceId d = DeviceOfEntity(first.entity);
  const CarrierProfile& profile = directory_.ProfileOf(d);
  const size_t changes_before = recorder_.history().changes.size();
  std::vector<std::string> steps;
  Event e = first;
  do {
    steps.push_back(std::string(EventName(e)) + " (status " +
                    profile.statuses[network_.status(d)].name + ", modem " +
                    ModemStateName(devices_.modem(d)) + ")");
    Dispatch(e);
  } while (steps.size() < kWatchedEvents && engine_.queue().PopBefore(end, &e) &&
           e.time == when && e.entity == first.entity);
  const size_t period = Period(steps);
  std::string text = "no progress: SIM '" + directory_.SimName(d) + "' handled " + bound +
                     " events in a row at " + at + " without the clock moving on. What repeats: ";
  for (size_t i = 0; i < period; ++i) text += (i > 0 ? ", " : "") + steps[i];
  // The status changes of one round, with the rules that made them.
  const auto& changes = recorder_.history().changes;
  std::string moves, rules;
  for (size_t i = changes_before, n = 0; i < changes.size() && n < period; ++i) {
    const StatusChange& c = changes[i];
    if (c.sim != d || c.time != when) continue;
    if (moves.empty()) moves = profile.statuses[c.from].name;
    moves += " -> " + profile.statuses[c.to].name;
    const std::string rule = RuleMoving(profile, c.from, c.to);
    if (!rule.empty() && rules.find("'" + rule + "'") == std::string::npos) {
      rules += (rules.empty() ? "'" : ", '") + rule + "'";
    }
    ++n;
  }
  if (!moves.empty()) {
    text += "; its status goes " + moves + (rules.empty() ? "" : " by the rules " + rules) +
            " of carrier '" + directory_.CarrierOf(d).name + "' (profile " + profile.name + ")";
  }
  return text + ". A loop that takes no time is one the loader should have refused: please "
                "report it with the scenario";
}

}  // namespace carriersim
