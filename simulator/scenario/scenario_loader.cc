#include "simulator/scenario/scenario_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulator/base/calendar.h"
#include "simulator/base/named.h"
#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader.h"
#include "simulator/scenario/yaml_reader.h"

namespace carriersim {
namespace {

constexpr std::string_view kPowerActions[] = {"power-on", "power-off", "power-cycle"};

class ScenarioLoader {
 public:
  ScenarioLoader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {
    scenario_.file = file;
  }

  std::optional<Scenario> Load(const YAML::Node& root) {
    if (!root.IsMap()) {
      reader_.diag().Error(reader_.Where(root),
                           "a scenario is a mapping of keys (name, start, duration, carriers, "
                           "devices, fleet, ...), not " +
                               YamlReader::KindOf(root));
      return std::nullopt;
    }
    MapFields top(reader_, Field{YAML::Node(), root, ""});
    if (Field f = top.Required("name", "names the run and its output folder"); f.present()) {
      scenario_.name = reader_.Name(f).value_or("");
    }
    if (Field f = top.Optional("description"); f.present()) {
      scenario_.description = reader_.Text(f).value_or("");
    }
    const Field start = top.Required("start", "a UTC date-time such as 2026-01-01T00:00:00Z");
    if (start.present()) scenario_.start = reader_.Timestamp(start).value_or(0);
    const Field duration = top.Required("duration", "how long to simulate, such as 30d");
    if (duration.present()) scenario_.duration = reader_.Duration(duration, 1).value_or(0);
    if (Field f = top.Optional("seed"); f.present()) {
      scenario_.seed = static_cast<uint64_t>(reader_.Count(f, 0, INT64_MAX).value_or(1));
    }
    LookUpCurrency("USD", &scenario_.currency);
    if (Field f = top.Optional("currency"); f.present()) {
      scenario_.currency = reader_.CurrencyCode(f).value_or(scenario_.currency);
    }
    const Field carriers = top.Required("carriers", "the carriers the SIMs belong to");
    const Field devices = top.Required("devices", "the device profiles");
    const Field fleet = top.Required("fleet", "the groups of SIMs and devices");
    const Field timeline = top.Optional("timeline");
    top.Finish();

    if (carriers.present()) ReadCarriers(carriers);
    if (devices.present()) ReadDevices(devices);
    if (fleet.present()) ReadFleet(fleet);
    if (timeline.present()) ReadTimeline(timeline, duration.present());
    if (reader_.diag().has_errors()) return std::nullopt;
    return std::move(scenario_);
  }

 private:
  void ReadCarriers(const Field& carriers) {
    MapFields map(reader_, carriers);
    for (const Field& entry : map.Entries()) {
      std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
      MapFields fields(reader_, entry);
      const Field profile = fields.Required(
          "profile", "a built-in profile such as soracom, or the path of a profile file");
      fields.Finish();
      if (!name) continue;
      std::optional<CarrierProfile> p;
      if (profile.present()) p = LoadProfile(profile);
      if (p) {
        scenario_.carriers.push_back(CarrierSpec{*name, std::move(*p)});
      } else {
        broken_.push_back(*name);  // already reported: later references to it stay quiet
      }
    }
    if (map.is_map() && scenario_.carriers.empty() && broken_.empty()) {
      reader_.Error(carriers, "no carriers defined");
    }
  }

  std::optional<CarrierProfile> LoadProfile(const Field& f) {
    std::optional<std::string> ref = reader_.Text(f);
    if (!ref) return std::nullopt;
    const bool is_path =
        ref->find('/') != std::string::npos || ref->ends_with(".yaml") || ref->ends_with(".yml");
    if (!is_path) {
      if (FindBuiltinProfile(*ref) == nullptr) {
        reader_.Error(f, "unknown carrier profile '" + *ref + "'" +
                             DidYouMean(*ref, BuiltinProfileNames()) + "; built-in profiles are " +
                             QuotedList(BuiltinProfileNames()) + ", or give a path to a file");
        return std::nullopt;
      }
      return LoadBuiltinProfile(*ref, reader_.diag());
    }
    const std::filesystem::path base = std::filesystem::path(reader_.file()).parent_path();
    const std::string path = (base / *ref).lexically_normal().string();
    std::string text, error;
    if (!ReadFile(path, &text, &error)) {
      reader_.Error(f, "cannot read carrier profile '" + path + "': " + error);
      return std::nullopt;
    }
    return LoadProfileText(path, text, reader_.diag());
  }

  void ReadDevices(const Field& devices) {
    MapFields map(reader_, devices);
    for (const Field& entry : map.Entries()) {
      DeviceSpec device;
      device.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
      MapFields fields(reader_, entry);
      if (Field f = fields.Optional("boot"); f.present()) {
        device.modem.boot = reader_.DurationSpan(f).value_or(device.modem.boot);
      }
      if (Field f = fields.Optional("traffic"); f.present()) ReadTraffic(f, &device.traffic);
      if (Field f = fields.Optional("modem"); f.present()) ReadModem(f, &device.modem);
      fields.Finish();
      scenario_.devices.push_back(device);
    }
    if (map.is_map() && scenario_.devices.empty()) reader_.Error(devices, "no devices defined");
  }

  void ReadTraffic(const Field& f, TrafficSpec* traffic) {
    MapFields fields(reader_, f);
    const Field every = fields.Required("every", "how often the device sends, such as 1h");
    if (every.present()) traffic->every = reader_.Duration(every, kSecond).value_or(0);
    if (Field u = fields.Optional("uplink"); u.present()) {
      traffic->uplink_bytes = reader_.DataSize(u).value_or(0);
    }
    if (Field d = fields.Optional("downlink"); d.present()) {
      traffic->downlink_bytes = reader_.DataSize(d).value_or(0);
    }
    fields.Finish();
  }

  void ReadModem(const Field& f, ModemSpec* modem) {
    MapFields fields(reader_, f);
    if (Field t = fields.Optional("t3411"); t.present()) {
      modem->t3411 = reader_.Duration(t, kSecond).value_or(modem->t3411);
    }
    if (Field t = fields.Optional("t3402"); t.present()) {
      modem->t3402 = reader_.Duration(t, kSecond).value_or(modem->t3402);
    }
    if (Field n = fields.Optional("attempts-before-t3402"); n.present()) {
      modem->attempts_before_t3402 =
          static_cast<int>(reader_.Count(n, 1, 255).value_or(modem->attempts_before_t3402));
    }
    fields.Finish();
  }

  void ReadFleet(const Field& fleet) {
    for (const Field& element : reader_.Elements(fleet)) {
      MapFields fields(reader_, element);
      if (!fields.is_map()) continue;
      GroupSpec group;
      bool ok = true;
      const Field name = fields.Required("group", "the group's name");
      if (name.present()) {
        std::optional<std::string> n = reader_.Name(name);
        if (n && FindByName<uint32_t>(scenario_.groups, *n)) {
          reader_.Error(name, "group '" + *n + "' is defined twice");
          ok = false;
        }
        group.name = n.value_or("");
        ok = ok && n.has_value();
      }
      const Field count = fields.Required("count", "how many SIMs and devices");
      if (count.present()) {
        std::optional<int64_t> c = reader_.Count(count, 1, kMaxSims);
        group.count = c.value_or(0);
        ok = ok && c.has_value();
        if (c && scenario_.sim_count + *c > kMaxSims) {
          reader_.Error(count,
                        "the fleet would have more than " + std::to_string(kMaxSims) + " SIMs");
          ok = false;
        }
      }
      const CarrierSpec* carrier = nullptr;
      if (Field f = fields.Required("carrier", "one of the scenario's carriers"); f.present()) {
        if (auto index = Reference(f, scenario_.carriers, "carrier")) {
          group.carrier = *index;
          carrier = &scenario_.carriers[*index];
        }
      }
      const Field plan = fields.Required("plan", "a plan of the carrier's profile");
      if (Field f = fields.Required("device", "one of the scenario's device profiles");
          f.present()) {
        if (auto index = Reference(f, scenario_.devices, "device profile"))
          group.device = *index;
        else
          ok = false;
      }
      const Field status = fields.Optional("status");
      if (Field f = fields.Optional("power"); f.present()) {
        group.powered = reader_.Bool(f).value_or(true);
      }
      fields.Finish();
      if (carrier == nullptr) {
        if (!group.name.empty()) broken_.push_back(group.name);
        continue;
      }
      const CarrierProfile& profile = carrier->profile;
      group.status = profile.initial;
      if (plan.present()) {
        if (auto id = ProfileRef(plan, *carrier, profile.PlanNames(), "plan")) {
          group.plan = static_cast<PlanId>(*id);
        } else {
          ok = false;
        }
      }
      if (status.present()) {
        if (auto id = ProfileRef(status, *carrier, profile.StatusNames(), "status")) {
          group.status = static_cast<StatusId>(*id);
        } else {
          ok = false;
        }
      }
      if (!ok) {
        if (!group.name.empty()) broken_.push_back(group.name);
        continue;
      }
      group.first_sim = scenario_.sim_count;
      scenario_.sim_count += group.count;
      scenario_.groups.push_back(group);
    }
  }

  template <typename T>
  std::optional<uint32_t> Reference(const Field& f, const std::vector<T>& items,
                                    std::string_view what) {
    std::optional<std::string> name = reader_.Name(f);
    if (!name) return std::nullopt;
    if (auto index = FindByName<uint32_t>(items, *name)) return index;
    if (std::find(broken_.begin(), broken_.end(), *name) != broken_.end()) return std::nullopt;
    const std::vector<std::string> names = NamesOf(items);
    reader_.Error(f, "no " + std::string(what) + " '" + *name + "' in this scenario" +
                         DidYouMean(*name, names) +
                         (names.empty() ? "" : "; defined: " + QuotedList(names)));
    return std::nullopt;
  }

  std::optional<size_t> ProfileRef(const Field& f, const CarrierSpec& carrier,
                                   const std::vector<std::string>& names, std::string_view what) {
    std::optional<std::string> name = reader_.Name(f);
    if (!name) return std::nullopt;
    auto it = std::find(names.begin(), names.end(), *name);
    if (it != names.end()) return static_cast<size_t>(it - names.begin());
    reader_.Error(f, "carrier '" + carrier.name + "' (profile " + carrier.profile.name +
                         ") has no " + std::string(what) + " '" + *name + "'" +
                         DidYouMean(*name, names) + "; its " + std::string(what) + "s are " +
                         QuotedList(names));
    return std::nullopt;
  }

  void ReadTimeline(const Field& timeline, bool have_duration) {
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

  std::optional<SimTime> ReadAt(const Field& at, bool have_duration) {
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

  bool ReadAction(const Field& entry, TimelineAction* action) {
    const std::string verb = entry.key.Scalar();
    MapFields target(reader_, entry);
    const Field group_field = target.Required("group", "the group it applies to");
    target.Finish();
    std::optional<uint32_t> group;
    if (group_field.present()) group = Reference(group_field, scenario_.groups, "group");
    if (!group) return false;
    action->group = *group;
    action->text = verb + " " + scenario_.groups[*group].name;
    for (size_t i = 0; i < std::size(kPowerActions); ++i) {
      if (verb == kPowerActions[i]) {
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
    known.insert(known.end(), std::begin(kPowerActions), std::end(kPowerActions));
    reader_.diag().Error(reader_.Where(entry.key),
                         entry.path + ": unknown action '" + verb + "'" + DidYouMean(verb, known) +
                             " for group '" + scenario_.groups[*group].name + "' on carrier '" +
                             carrier.name + "'; its actions are " + QuotedList(known));
    return false;
  }

  YamlReader reader_;
  Scenario scenario_;
  // Names defined but invalid (a carrier whose profile failed, a group with an error): their
  // errors are reported once, where they are defined, not again at every reference.
  std::vector<std::string> broken_;
};

}  // namespace

bool ReadFile(const std::string& path, std::string* text, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::filesystem::exists(path, ec) ? "permission denied" : "no such file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *text = buffer.str();
  return true;
}

LoadResult LoadScenarioText(const std::string& file, const std::string& text, Diagnostics& diag) {
  LoadResult result;
  std::optional<YAML::Node> root = ParseYaml(file, text, diag);
  if (!root) return result;
  if (root->IsNull()) {
    diag.Error({file, 1, 1},
               "the scenario file is empty; a scenario is a mapping with the keys name, start, "
               "duration, carriers, devices and fleet (see scenarios/README.md)");
    return result;
  }
  ScenarioLoader loader(file, diag);
  result.scenario = loader.Load(*root);
  return result;
}

LoadResult LoadScenarioFile(const std::string& path, Diagnostics& diag) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) {
    diag.Error({path, 0, 0}, "cannot read scenario: " + error);
    LoadResult result;
    result.io_error = true;
    return result;
  }
  return LoadScenarioText(path, text, diag);
}

}  // namespace carriersim
