#include "simulator/scenario/scenario_loader.h"

#include <algorithm>
#include <filesystem>

#include "simulator/base/sha256.h"
#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader.h"
#include "simulator/scenario/family.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {

ScenarioLoader::ScenarioLoader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {
  scenario_.file = file;
}

// timeseries.csv stays a file a spreadsheet opens.
constexpr SimTime kMaxTimeseriesRows = 1'000'000;

std::optional<Scenario> ScenarioLoader::Load(const YAML::Node& root) {
  if (!root.IsMap()) {
    reader_.diag().Error(reader_.Where(root),
                         "a scenario is a mapping of keys (name, start, duration, carriers, "
                         "devices, fleet, ...), not " +
                             YamlReader::KindOfDocument(root));
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
  const std::optional<UnixMillis> begin = start.present() ? reader_.Timestamp(start) : std::nullopt;
  scenario_.start = begin.value_or(0);
  const Field duration = top.Optional("duration");
  const Field end = top.Optional("end");
  ReadRunLength(Field{YAML::Node(), root, ""}, begin.has_value(), duration, end);
  const bool have_duration = duration.present() || end.present();
  if (Field f = top.Optional("seed"); f.present()) {
    scenario_.seed = static_cast<uint64_t>(reader_.Count(f, 0, INT64_MAX).value_or(1));
  }
  LookUpCurrency("USD", &scenario_.currency);
  if (Field f = top.Optional("currency"); f.present()) {
    scenario_.currency = reader_.CurrencyCode(f).value_or(scenario_.currency);
  }
  // timeseries.csv: a row a day from 24 days on, an hour from 24 hours on, else a minute.
  const SimTime d = scenario_.duration;
  scenario_.timeseries_interval = d >= 24 * kDay ? kDay : d >= 24 * kHour ? kHour : kMinute;
  if (Field f = top.Optional("timeseries-interval"); f.present()) {
    if (std::optional<SimTime> every = reader_.Duration(f, kSecond)) {
      if (d > 0 && d / *every > kMaxTimeseriesRows) {
        reader_.Error(f, "every " + FormatDuration(*every) + " over " + FormatDuration(d) +
                             " is more than " + std::to_string(kMaxTimeseriesRows) +
                             " rows; choose a longer interval");
      } else {
        scenario_.timeseries_interval = *every;
      }
    }
  }
  const Field carriers = top.Required("carriers", "the carriers the SIMs belong to");
  const Field devices = top.Required("devices", "the device profiles");
  const Field network = top.Optional("network");
  const Field fleet = top.Required("fleet", "the groups of SIMs and devices");
  const Field timeline = top.Optional("timeline");
  const Field expect = top.Optional("expect");
  const Field live = top.Optional("live");
  // A family's keys, read before the runs are (scenario/parameters.h).
  for (const char* key : {"parameters", "variants", "sweep", "replicates"}) top.Optional(key);
  top.Finish();

  if (carriers.present()) ReadCarriers(carriers);
  if (devices.present()) ReadDevices(devices);
  ReadNetwork(network);
  if (fleet.present()) ReadFleet(fleet);
  if (timeline.present()) ReadTimeline(timeline, have_duration);
  CheckFeesFit();
  if (expect.present()) ReadExpectations(expect, have_duration);
  if (live.present()) ReadLive(live);
  if (reader_.diag().has_errors()) return std::nullopt;
  return std::move(scenario_);
}

void ScenarioLoader::ReadCarriers(const Field& carriers) {
  MapFields map(reader_, carriers);
  for (const Field& entry : map.Entries()) {
    std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
    MapFields fields(reader_, entry);
    const Field profile = fields.Required(
        "profile", "a built-in profile such as soracom, or the path of a profile file");
    const Field overrides = fields.Optional("overrides");
    const Field outages = fields.Optional("upstream-outages");
    fields.Finish();
    if (!name) continue;
    std::optional<CarrierProfile> p;
    if (profile.present()) p = LoadProfile(profile, overrides);
    if (p) {
      CarrierSpec carrier{*name, std::move(*p), {}};
      if (outages.present()) ReadOutages(outages, &carrier);
      RenumberFeeCategories(profile, carrier.profile);
      carrier_ids_.Add(carrier.name, static_cast<uint32_t>(scenario_.carriers.size()));
      scenario_.carriers.push_back(std::move(carrier));
    } else {
      broken_.Add(*name, 0);  // already reported: later references to it stay quiet
    }
  }
  // Every profile's categories are now numbered in the scenario's table.
  for (CarrierSpec& carrier : scenario_.carriers) {
    carrier.profile.fee_categories = scenario_.fee_categories;
  }
  if (map.is_map() && scenario_.carriers.empty() && broken_.empty()) {
    reader_.Error(carriers, "no carriers defined");
  }
}

// The profile numbers its fee categories among its own; the scenario's reports number them
// among every carrier's, so that one "activation" column adds up every carrier's activations.
void ScenarioLoader::RenumberFeeCategories(const Field& where, CarrierProfile& profile) {
  std::vector<std::string>& names = scenario_.fee_categories;
  std::vector<FeeCategory> number(profile.fee_categories.size());
  for (size_t c = 0; c < profile.fee_categories.size(); ++c) {
    auto at = std::find(names.begin(), names.end(), profile.fee_categories[c]);
    if (at == names.end()) {
      if (names.size() == kMaxFeeCategories) {
        reader_.Error(where, "the carriers' fees have too many categories between them (at most " +
                                 std::to_string(kMaxFeeCategories) + ")");
        return;
      }
      at = names.insert(names.end(), profile.fee_categories[c]);
    }
    number[c] = static_cast<FeeCategory>(at - names.begin());
  }
  for (PlanDef& plan : profile.plans) {
    for (TransitionFee& fee : plan.tariff.transitions) {
      fee.category = number[static_cast<size_t>(fee.category)];
    }
    for (OneOffFee& fee : plan.tariff.one_off) fee.category = number[static_cast<size_t>(fee.category)];
  }
}

void ScenarioLoader::ReadOutages(const Field& f, CarrierSpec* carrier) {
  for (const Field& element : reader_.Elements(f)) {
    MapFields fields(reader_, element);
    const Field from = fields.Required("from", "when the upstream operator stops taking changes");
    const Field to = fields.Required("to", "when it takes them again");
    fields.Finish();
    if (!from.present() || !to.present()) continue;
    const std::optional<SimTime> a = ReadAt(from, true);
    const std::optional<SimTime> b = ReadAt(to, false);
    if (!a || !b) continue;
    if (*b <= *a) {
      reader_.Error(to, "an outage must end after it starts");
      continue;
    }
    if (!carrier->upstream_outages.empty() && *a < carrier->upstream_outages.back().to) {
      reader_.Error(from, "outages must be in time order and must not overlap");
      continue;
    }
    carrier->upstream_outages.push_back({*a, *b});
  }
}

std::optional<CarrierProfile> ScenarioLoader::LoadProfile(const Field& f, const Field& overrides) {
  std::optional<ProfileOverrides> merge;
  if (overrides.present())
    merge = ProfileOverrides{overrides.value, reader_.file(), overrides.path};
  const ProfileOverrides* over = merge ? &*merge : nullptr;
  std::optional<std::string> ref = reader_.Text(f);
  if (!ref) return std::nullopt;
  const bool is_path =
      ref->find('/') != std::string::npos || ref->ends_with(".yaml") || ref->ends_with(".yml");
  if (!is_path) {
    if (FindBuiltinProfile(*ref) == nullptr) {
      reader_.Error(f, "unknown carrier profile " + Quoted(*ref) +
                           DidYouMean(*ref, BuiltinProfileNames()) + "; built-in profiles are " +
                           QuotedList(BuiltinProfileNames()) + ", or give a path to a file");
      return std::nullopt;
    }
    return LoadBuiltinProfile(*ref, reader_.diag(), over);
  }
  const std::filesystem::path base = std::filesystem::path(reader_.file()).parent_path();
  const std::string path = (base / *ref).lexically_normal().string();
  std::string text, error;
  if (!ReadFile(path, &text, &error)) {
    reader_.Error(f, "cannot read carrier profile '" + path + "': " + error);
    io_error_ = true;
    return std::nullopt;
  }
  return LoadProfileText(path, text, reader_.diag(), over);
}

namespace {

// A carrier profile rather than a scenario: a key of a profile's own ('carrier', 'statuses')
// and neither of the keys that make a scenario one ('carriers', 'fleet').
bool LooksLikeProfile(const YAML::Node& root) {
  if (!root.IsMap()) return false;
  const YAML::Node& map = root;  // const: operator[] must not add the keys it looks for
  const bool profile_key = map["carrier"] || map["statuses"] || map["counters"] || map["rules"] ||
                           map["verbs"] || map["plans"];
  return profile_key && !map["carriers"] && !map["fleet"] && !map["devices"];
}

// A file's family (its text and spec) after the checks every scenario file gets; with
// `profiles_too`, a carrier profile is read as one into *profile instead of being refused.
FamilyResult ReadFamily(const std::string& file, const std::string& text, Diagnostics& diag,
                        LoadResult* profile) {
  FamilyResult result;
  // `{` and `}` are YAML's flow indicators, so `count: ${n}` in `{ ... }` would not parse as
  // written: the file is read with each ${name} as $(name), which has the same length and is
  // plain text anywhere. Each run parses its own text, with values in their place.
  std::string readable = text;
  for (const ParamReference& ref : FindReferences(text)) {
    readable[ref.offset + 1] = '(';
    if (!ref.name.empty()) readable[ref.offset + ref.length - 1] = ')';
  }
  std::optional<YAML::Node> root = ParseYaml(file, readable, diag);
  if (!root) return result;
  if (root->IsNull()) {
    diag.Error({file, 1, 1},
               "the scenario file is empty; a scenario is a mapping with the keys name, start, "
               "duration, carriers, devices and fleet (see scenarios/README.md)");
    return result;
  }
  if (LooksLikeProfile(*root)) {
    result.is_profile = true;
    if (profile != nullptr) {
      profile->is_profile = true;
      profile->profile = LoadProfileYaml(file, *root, diag);
      return result;
    }
    const YAML::Mark mark = root->Mark();
    diag.Error({file, mark.line + 1, mark.column + 1},
               "this is a carrier profile, not a scenario: name it in a scenario's carriers "
               "(carriers: { NAME: { profile: PATH } }), or check it with 'carriersim validate'");
    return result;
  }
  std::optional<CompareSpec> spec = ReadCompareSpec(file, text, *root, diag);
  if (!spec) return result;
  result.family = ScenarioFamily{file, text, Sha256Hex(text), std::move(*spec)};
  return result;
}

// A scenario from its text: the baseline run of its family; with `profiles_too`, a carrier
// profile is read as one instead of being refused as a scenario.
LoadResult LoadText(const std::string& file, const std::string& text, Diagnostics& diag,
                    bool profiles_too) {
  LoadResult result;
  FamilyResult family = ReadFamily(file, text, diag, profiles_too ? &result : nullptr);
  if (!family.family) return result;
  // `validate` (which takes profiles too) checks every run of a family; a run loads its own.
  return profiles_too ? LoadEveryRun(*family.family, diag) : LoadRun(*family.family, {}, diag);
}

LoadResult LoadFile(const std::string& path, Diagnostics& diag, bool profiles_too) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) {
    diag.Error({path, 0, 0}, "cannot read scenario: " + error);
    LoadResult result;
    result.io_error = true;
    return result;
  }
  return LoadText(path, text, diag, profiles_too);
}

}  // namespace

FamilyResult ReadScenarioFamilyText(const std::string& file, const std::string& text,
                                    Diagnostics& diag) {
  return ReadFamily(file, text, diag, nullptr);
}

FamilyResult ReadScenarioFamily(const std::string& path, Diagnostics& diag) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) {
    diag.Error({path, 0, 0}, "cannot read scenario: " + error);
    FamilyResult result;
    result.io_error = true;
    return result;
  }
  return ReadScenarioFamilyText(path, text, diag);
}

LoadResult LoadScenarioText(const std::string& file, const std::string& text, Diagnostics& diag) {
  return LoadText(file, text, diag, false);
}

LoadResult LoadScenarioFile(const std::string& path, Diagnostics& diag) {
  return LoadFile(path, diag, false);
}

LoadResult LoadScenarioOrProfileFile(const std::string& path, Diagnostics& diag) {
  return LoadFile(path, diag, true);
}

}  // namespace carriersim
