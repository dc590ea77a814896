#include "simulator/base/calendar.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {

void ScenarioLoader::ReadTimeline(const Field& timeline, bool have_duration) {
  for (const Field& element : reader_.Elements(timeline)) {
    MapFields fields(reader_, element);
    if (!fields.is_map()) continue;
    const Field at = fields.Required("at", "when, such as 10d or 2026-01-11T00:00:00Z");
    std::vector<Field> actions;
    for (const Field& entry : fields.Entries()) {
      if (entry.key.Scalar() != "at") actions.push_back(entry);
    }
    fields.Finish();
    TimelineAction action;
    action.line = reader_.Where(element).line;
    std::optional<SimTime> when = at.present() ? ReadAt(at, have_duration) : std::nullopt;
    if (actions.size() != 1) {
      reader_.Error(element, actions.empty()
                                 ? "no action: add one such as 'suspend: { group: NAME }'"
                                 : "more than one action in one timeline entry; give each "
                                   "its own '- at: ...' entry");
      continue;
    }
    if (ReadAction(actions[0], &action) && when) {
      action.at = *when;
      scenario_.timeline.push_back(action);
    }
  }
  std::stable_sort(scenario_.timeline.begin(), scenario_.timeline.end(),
                   [](const TimelineAction& a, const TimelineAction& b) { return a.at < b.at; });
}

std::optional<SimTime> ScenarioLoader::ReadAt(const Field& at, bool have_duration) {
  std::optional<SimTime> when;
  const std::string text = at.value.IsScalar() ? at.value.Scalar() : "";
  const bool is_date = text.size() >= 10 && text[4] == '-' && text[7] == '-';
  if (is_date) {
    if (auto t = reader_.Timestamp(at)) {
      when = *t - scenario_.start;
      if (*when < 0) {
        reader_.Error(at, "'" + text + "' is before the scenario start");
        return std::nullopt;
      }
    }
  } else {
    when = reader_.Duration(at);
  }
  if (when && have_duration && scenario_.duration > 0 && *when >= scenario_.duration) {
    reader_.Error(at, "'" + text + "' is not before the end of the run (duration " +
                          FormatDuration(scenario_.duration) + ")");
    return std::nullopt;
  }
  return when;
}

bool ScenarioLoader::ReadAction(const Field& entry, TimelineAction* action) {
  const std::string verb = entry.key.Scalar();
  MapFields target(reader_, entry);
  const Field group_field = target.Required("group", "the group it applies to");
  target.Finish();
  std::optional<uint32_t> group;
  if (group_field.present()) group = Reference(group_field, scenario_.groups, "group");
  if (!group) return false;
  action->group = *group;
  action->text = verb + " " + scenario_.groups[*group].name;
  for (size_t i = 0; i < std::size(kDeviceActionNames); ++i) {
    if (verb == kDeviceActionNames[i]) {
      action->kind = static_cast<ActionKind>(static_cast<int>(ActionKind::kPowerOn) + i);
      return true;
    }
  }
  const CarrierSpec& carrier = scenario_.carriers[scenario_.groups[*group].carrier];
  if (auto id = carrier.profile.FindVerb(verb)) {
    action->kind = ActionKind::kVerb;
    action->verb = *id;
    return true;
  }
  std::vector<std::string> known = carrier.profile.VerbNames();
  known.insert(known.end(), std::begin(kDeviceActionNames), std::end(kDeviceActionNames));
  reader_.diag().Error(reader_.Where(entry.key),
                       entry.path + ": unknown action '" + verb + "'" + DidYouMean(verb, known) +
                           " for group '" + scenario_.groups[*group].name + "' on carrier '" +
                           carrier.name + "'; its actions are " + QuotedList(known));
  return false;
}

}  // namespace carriersim
