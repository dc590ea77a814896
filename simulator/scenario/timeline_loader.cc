// The `timeline:` part of a scenario: actions at given times on SIMs, devices and accounts.
#include <charconv>
#include <map>

#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

struct ActionName {
  std::string_view name;
  ActionKind kind;
};

// Actions every scenario has, whatever the carrier: the names profiles may not use for verbs.
constexpr ActionName kBuiltinActions[] = {
    {"power-on", ActionKind::kPowerOn},
    {"power-off", ActionKind::kPowerOff},
    {"power-cycle", ActionKind::kPowerCycle},
    {"reinsert-sim", ActionKind::kReinsertSim},
    {"change-plan", ActionKind::kChangePlan},
    {"test-mode", ActionKind::kTestMode},
    {"termination-protection", ActionKind::kTerminationProtection},
    {"usage-limit", ActionKind::kUsageLimit},
    {"send-command", ActionKind::kSendCommand},
    {"terminate-account", ActionKind::kTerminateAccount},
    {"cell-outage", ActionKind::kCellOutage},
    {"core-outage", ActionKind::kCoreOutage},
};

}  // namespace

void ScenarioLoader::ReadTimeline(const Field& timeline, bool have_duration) {
  std::vector<Field> elements = reader_.Elements(timeline);
  std::map<std::string, int> names;  // `name:` of the entries so far, and their lines
  for (size_t i = 0; i < elements.size(); ++i) {
    const Field& element = elements[i];
    MapFields fields(reader_, element);
    if (!fields.is_map()) continue;
    const Field at = fields.Required("at", "when, such as 10d or 2026-01-11T00:00:00Z");
    const Field spread = fields.Optional("spread");
    const Field every = fields.Optional("every");
    const Field until = fields.Optional("until");
    const Field name = fields.Optional("name");
    std::vector<Field> actions;
    for (const Field& entry : fields.Entries()) {
      const std::string& key = entry.key.Scalar();
      if (key != "at" && key != "spread" && key != "every" && key != "until" && key != "name") {
        actions.push_back(entry);
      }
    }
    fields.Finish();
    TimelineAction action;
    action.line = reader_.Where(element).line;
    // A name lets an expectation refer to the entry (`action: NAME`): it must be unique.
    if (name.present()) {
      action.name = reader_.Name(name).value_or("");
      const auto [it, added] = names.emplace(action.name, action.line);
      if (!action.name.empty() && !added) {
        reader_.Error(name, "the name " + Quoted(action.name) +
                                " is already given to the timeline entry on line " +
                                std::to_string(it->second));
      }
    }
    action.key = Mix64(i + 1);
    // -1: missing or invalid (reported); times in a scenario are never negative.
    const SimTime when = at.present() ? ReadAt(at, have_duration).value_or(-1) : -1;
    if (actions.size() != 1) {
      reader_.Error(element, actions.empty()
                                 ? "no action: add one such as 'suspend: { group: NAME }'"
                                 : "more than one action in one timeline entry; give each "
                                   "its own '- at: ...' entry");
      continue;
    }
    const bool read = ReadAction(actions[0], &action);
    const bool spread_read = read && ReadSpread(spread, &action);
    const Repetition repeat = ReadRepetition(every, until, when, spread_read ? &action : nullptr);
    if (spread_read && when >= 0 && repeat.ok) AddOccurrences(action, repeat, spread);
  }
  std::stable_sort(scenario_.timeline.begin(), scenario_.timeline.end(),
                   [](const TimelineAction& a, const TimelineAction& b) { return a.at < b.at; });
}

// Each time the entry acts (once, or each time `every` repeats it) is an action of its own, with
// its own key, so that a `count` or `fraction` picks SIMs afresh and a spread draws afresh each
// time (the first time keeps the key an entry without `every` has).
void ScenarioLoader::AddOccurrences(const TimelineAction& action, const Repetition& repeat,
                                    const Field& spread) {
  for (size_t k = 0; k < repeat.times.size(); ++k) {
    TimelineAction occurrence = action;
    occurrence.at = repeat.times[k];
    if (k > 0) occurrence.key = Mix64(action.key + k * 0x9e3779b97f4a7c15ULL);
    if (scenario_.duration > 0 && occurrence.at + occurrence.spread > scenario_.duration) {
      // Times only grow: this is the first and only one that runs past the end.
      reader_.Error(spread, "the spread of " + FormatDuration(action.spread) + " from " +
                                FormatDuration(occurrence.at) +
                                (k > 0 ? " (the last time 'every' repeats the action)" : "") +
                                " runs past the end of the run (duration " +
                                FormatDuration(scenario_.duration) + ")" +
                                (k > 0 ? "; end the repetition sooner with 'until'" : ""));
      return;
    }
    scenario_.timeline.push_back(occurrence);
    const bool outage = occurrence.kind == ActionKind::kCellOutage ||
                        occurrence.kind == ActionKind::kCoreOutage;
    if (!outage) continue;
    // The outage ends by an action of its own, unless it lasts past the end of the run.
    occurrence.until = occurrence.at + occurrence.amount;
    scenario_.timeline.back().until = occurrence.until;
    if (occurrence.until < scenario_.duration) {
      occurrence.kind = occurrence.kind == ActionKind::kCellOutage ? ActionKind::kCellRestore
                                                                   : ActionKind::kCoreRestore;
      occurrence.at = occurrence.until;
      occurrence.text += " ends";
      scenario_.timeline.push_back(occurrence);
    }
  }
}

// `spread: 10m` beside `at`: each SIM the action addresses acts at its own time within it.
bool ScenarioLoader::ReadSpread(const Field& spread, TimelineAction* action) {
  if (!spread.present()) return true;
  const std::optional<SimTime> d = reader_.Duration(spread, 1);
  if (!d) return false;
  const bool on_sims = action->kind != ActionKind::kTerminateAccount &&
                       action->kind != ActionKind::kCellOutage &&
                       action->kind != ActionKind::kCoreOutage;
  if (!on_sims) {
    reader_.Error(spread, "'spread' spreads an action over the SIMs it addresses; " +
                              Quoted(action->text) + " addresses none");
    return false;
  }
  action->spread = *d;
  action->text += " (spread " + FormatDuration(*d) + ")";
  return true;
}

// cell-outage: { cell: NAME, for: 1h } and core-outage: { for: 1h } (NET-4).
bool ScenarioLoader::ReadOutage(MapFields& fields, ActionKind kind, const std::string& name,
                                TimelineAction* action) {
  const Field cell = kind == ActionKind::kCellOutage
                         ? fields.Required("cell", "the cell, or set of cells, that goes down")
                         : Field::Absent("");
  const Field length = fields.Required("for", "how long the outage lasts, such as 1h");
  fields.Finish();
  action->kind = kind;
  action->text = name;
  bool ok = length.present();
  if (length.present()) {
    std::optional<SimTime> d = reader_.Duration(length, 1);
    action->amount = d.value_or(0);
    ok = d.has_value();
  }
  if (kind == ActionKind::kCoreOutage) return ok;
  if (!cell.present()) return false;
  std::optional<std::pair<uint32_t, uint32_t>> cells = ReadCellRef(cell);
  if (!cells) return false;
  action->first_cell = cells->first;
  action->cell_count = cells->second;
  const std::string cell_name = cell.value.Scalar();
  action->text = name + " " + cell_name;
  return ok;
}

// A set's own name, or NAME-N for the N-th cell of a set of several (the only other names cells
// get, network_loader.cc): both hashed lookups, however many cells there are.
std::optional<std::pair<uint32_t, uint32_t>> ScenarioLoader::ReadCellRef(const Field& cell) {
  std::optional<std::string> cell_name = reader_.Name(cell);
  if (!cell_name) return std::nullopt;
  if (auto set = cell_set_ids_.Find(*cell_name)) {
    return std::make_pair(scenario_.cell_sets[*set].first, scenario_.cell_sets[*set].count);
  }
  if (const size_t dash = cell_name->rfind('-'); dash != std::string::npos) {
    const std::string_view number = std::string_view(*cell_name).substr(dash + 1);
    const auto set = cell_set_ids_.Find(std::string_view(*cell_name).substr(0, dash));
    uint32_t n = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), n);
    const bool canonical = !number.empty() && number[0] != '0' && error == std::errc() &&
                           end == number.data() + number.size();
    if (set && canonical && scenario_.cell_sets[*set].count > 1 &&
        n <= scenario_.cell_sets[*set].count) {
      return std::make_pair(scenario_.cell_sets[*set].first + n - 1, 1u);
    }
  }
  if (!broken_.Contains(*cell_name)) {
    reader_.Error(cell, "no cell " + Quoted(*cell_name) + " in this scenario" +
                            Suggestions(*cell_name, scenario_.cell_sets));
  }
  return std::nullopt;
}

bool ScenarioLoader::ReadAction(const Field& entry, TimelineAction* action) {
  const std::string name = entry.key.Scalar();
  std::optional<ActionKind> builtin;
  for (const ActionName& a : kBuiltinActions) {
    if (a.name == name) builtin = a.kind;
  }
  MapFields fields(reader_, entry);
  if (!fields.is_map()) return false;
  if (builtin == ActionKind::kTerminateAccount) {
    const Field carrier = fields.Required("carrier", "the carrier whose account ends");
    if (Field f = fields.Optional("as"); f.present()) action->role = reader_.Name(f).value_or("");
    fields.Finish();
    if (!carrier.present()) return false;
    std::optional<uint32_t> index = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
    if (!index) return false;
    action->kind = ActionKind::kTerminateAccount;
    action->carrier = *index;
    action->text = name + " " + scenario_.carriers[*index].name;
    return true;
  }
  if (builtin == ActionKind::kCellOutage || builtin == ActionKind::kCoreOutage) {
    return ReadOutage(fields, *builtin, name, action);
  }
  const std::optional<Target> target = ReadTarget(fields);
  if (Field f = fields.Optional("as"); f.present()) action->role = reader_.Name(f).value_or("");
  if (Field f = fields.Optional("via"); f.present()) action->channel = reader_.Name(f).value_or("");
  const Field plan = builtin == ActionKind::kChangePlan ? fields.Required("plan", "the new plan")
                                                        : Field::Absent("");
  const bool switches =
      builtin == ActionKind::kTestMode || builtin == ActionKind::kTerminationProtection;
  const Field enabled = switches ? fields.Required("enabled", "true or false") : Field::Absent("");
  const Field limit = builtin == ActionKind::kUsageLimit
                          ? fields.Required("limit", "bytes per month, such as 10MB; 0 for none")
                          : Field::Absent("");
  const Field commands =
      builtin == ActionKind::kSendCommand ? fields.Optional("commands") : Field::Absent("");
  fields.Finish();
  if (!target) return false;
  action->target = *target;
  const GroupSpec& group = scenario_.groups[target->group];
  const CarrierSpec& carrier = scenario_.carriers[group.carrier];
  action->text = name + " " + TargetText(*target);
  if (builtin) {
    action->kind = *builtin;
    if (plan.present()) {
      std::optional<size_t> id = ProfileRef(plan, carrier, ProfileItem::kPlan);
      if (!id) return false;
      action->plan = static_cast<PlanId>(*id);
      if (!CheckCurrency(plan, carrier.profile.plans[*id])) return false;
      action->text += " to " + carrier.profile.plans[*id].name;
    }
    if (enabled.present()) {
      std::optional<bool> on = reader_.Bool(enabled);
      if (!on) return false;
      action->enabled = *on;
      action->text += *on ? " on" : " off";
    }
    if (limit.present()) {
      std::optional<int64_t> bytes = reader_.DataSize(limit);
      if (!bytes) return false;
      action->amount = *bytes;
      if (!carrier.profile.usage_limits && *bytes > 0) {
        reader_.Error(limit, "carrier " + Quoted(carrier.name) + " (profile " +
                                 Excerpt(carrier.profile.name) + ") has no usage limits");
        return false;
      }
    }
    if (builtin == ActionKind::kSendCommand) {
      action->amount = commands.present() ? reader_.Count(commands, 1, 1'000'000).value_or(0) : 1;
      if (action->amount == 0) return false;
    }
    return true;
  }
  if (auto id = carrier.profile.FindVerb(name)) {
    action->kind = ActionKind::kVerb;
    action->verb = *id;
    return true;
  }
  std::vector<std::string> known = carrier.profile.VerbNames();
  for (const ActionName& a : kBuiltinActions) known.emplace_back(a.name);
  reader_.diag().Error(reader_.Where(entry.key),
                       entry.path + ": unknown action " + Quoted(name) + DidYouMean(name, known) +
                           " for group " + Quoted(group.name) + " on carrier " +
                           Quoted(carrier.name) + "; its actions are " + QuotedList(known));
  return false;
}

// `GROUP#INDEX`: the group's index and the SIM's index in it.
std::optional<std::pair<uint32_t, int64_t>> ScenarioLoader::ReadSimRef(const Field& sim) {
  std::optional<std::string> text = reader_.Text(sim);
  if (!text) return std::nullopt;
  const size_t hash = text->rfind('#');
  int64_t index = 0;
  std::string error;
  if (hash == std::string::npos || !ParseCount(text->substr(hash + 1), &index, &error)) {
    reader_.Error(sim, "expected GROUP#INDEX, such as trackers#0, not " + Quoted(*text));
    return std::nullopt;
  }
  const std::string group_name = text->substr(0, hash);
  std::optional<uint32_t> g = group_ids_.Find(group_name);
  if (!g) {
    if (!broken_.Contains(group_name)) {
      reader_.Error(sim, "no group " + Quoted(group_name) + " in this scenario" +
                             (reader_.diag().count() >= Diagnostics::kMaxKept
                                  ? ""
                                  : DidYouMean(group_name, NamesOf(scenario_.groups))));
    }
    return std::nullopt;
  }
  if (index >= scenario_.groups[*g].count) {
    reader_.Error(sim, "group " + Quoted(scenario_.groups[*g].name) + " has SIMs #0 to #" +
                           std::to_string(scenario_.groups[*g].count - 1));
    return std::nullopt;
  }
  return std::make_pair(*g, index);
}

// `group: NAME` with at most one of `count: N`, `fraction: P%`; or `sim: NAME#INDEX`.
std::optional<Target> ScenarioLoader::ReadTarget(MapFields& fields) {
  const Field group = fields.Optional("group");
  const Field count = fields.Optional("count");
  const Field fraction = fields.Optional("fraction");
  const Field sim = fields.Optional("sim");
  Target target;
  if (sim.present()) {
    if (group.present() || count.present() || fraction.present()) {
      reader_.Error(sim, "'sim' names one SIM: give it without 'group', 'count' or 'fraction'");
      return std::nullopt;
    }
    std::optional<std::pair<uint32_t, int64_t>> ref = ReadSimRef(sim);
    if (!ref) return std::nullopt;
    target.kind = Target::Kind::kSim;
    target.group = ref->first;
    target.index = ref->second;
    return target;
  }
  if (!group.present()) {
    reader_.Error(Field{YAML::Node(), fields.node(), fields.path()},
                  "missing 'group' (the group it applies to) or 'sim' (one SIM: GROUP#INDEX)");
    return std::nullopt;
  }
  std::optional<uint32_t> g = Reference(group, scenario_.groups, group_ids_, "group");
  if (!g) return std::nullopt;
  target.group = *g;
  if (count.present() && fraction.present()) {
    reader_.Error(fraction, "give either 'count' or 'fraction', not both");
    return std::nullopt;
  }
  if (count.present()) {
    std::optional<int64_t> n = reader_.Count(count, 1, scenario_.groups[*g].count);
    if (!n) return std::nullopt;
    target.kind = Target::Kind::kCount;
    target.count = *n;
  }
  if (fraction.present()) {
    std::optional<double> share = reader_.Fraction(fraction);
    if (!share) return std::nullopt;
    target.kind = Target::Kind::kFraction;
    target.fraction = *share;
  }
  return target;
}

std::string ScenarioLoader::TargetText(const Target& target) const {
  const std::string& group = scenario_.groups[target.group].name;
  switch (target.kind) {
    case Target::Kind::kGroup:
      return group;
    case Target::Kind::kCount:
      return std::to_string(target.count) + " of " + group;
    case Target::Kind::kFraction: {
      char text[32];
      std::snprintf(text, sizeof text, "%g%%", target.fraction * 100);
      return std::string(text) + " of " + group;
    }
    case Target::Kind::kSim:
      return group + "#" + std::to_string(target.index);
  }
  return group;
}

}  // namespace carriersim
