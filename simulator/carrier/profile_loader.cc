#include "simulator/carrier/profile_loader.h"

#include <algorithm>

#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

std::optional<CarrierProfile> ProfileLoader::Load(const YAML::Node& root) {
  profile_.source_file = reader_.file();
  profile_.fee_categories = StandardFeeCategories();
  MapFields top(reader_, Field{YAML::Node(), root, ""});
  if (!top.is_map()) return std::nullopt;
  if (Field f = top.Required("carrier", "the profile's name"); f.present()) {
    profile_.name = reader_.Name(f).value_or("");
  }
  if (Field f = top.Optional("title"); f.present()) profile_.title = reader_.Text(f).value_or("");
  if (Field f = top.Optional("description"); f.present()) {
    profile_.description = reader_.Text(f).value_or("");
  }
  if (Field f = top.Optional("prices"); f.present()) {
    profile_.prices = reader_.Text(f).value_or("");
  }
  const Field statuses = top.Required("statuses", "the subscriber statuses a SIM can be in");
  const Field initial = top.Required("initial", "the status of a newly registered SIM");
  const Field verbs = top.Optional("verbs");
  const Field counters = top.Optional("counters");
  const Field rules = top.Optional("rules");
  const Field plans = top.Required("plans", "at least one plan");
  const Field network = top.Optional("network");
  const Field usage_limit = top.Optional("usage-limit");
  const Field storm = top.Optional("storm");
  const Field account = top.Optional("account-termination");
  const Field api = top.Optional("api");
  top.Finish();

  if (statuses.present()) ReadStatuses(statuses);
  if (initial.present()) {
    if (auto id = StatusRef(initial)) {
      if (const std::string why = profile_.WhyNotAStart(*id); !why.empty()) {
        reader_.Error(initial, why);
      }
      profile_.initial = *id;
    }
  }
  if (verbs.present()) ReadVerbs(verbs);
  if (counters.present()) ReadCounters(counters);
  if (plans.present()) ReadPlans(plans);
  ResolveVerbPlans();
  if (rules.present()) ReadRules(rules);
  if (network.present()) ReadNetwork(network);
  if (api.present()) ReadApi(api);
  if (usage_limit.present()) {
    Replaced(usage_limit, "a counter of data that resets each month and a rule on it: "
                          "{ when: COUNTER, reaches: usage-limit, to: paused, lasts: "
                          "while-reached }");
  }
  if (storm.present()) {
    Replaced(storm, "a counter of attaches with a window, and a rule on it: { when: COUNTER, "
                    "reaches: 31, to: active, cause: storm }");
  }
  if (account.present()) ReadAccount(account);
  CheckRules();
  CheckPlanValuesRead();
  if (profile_.prices.empty() && !profile_.plans.empty()) {
    reader_.Error(Field{YAML::Node(), root, ""},
                  "missing key 'prices': label the example prices (a date, and that they are to "
                  "be replaced with your price list)");
  }
  if (reader_.diag().has_errors()) return std::nullopt;
  return std::move(profile_);
}

void ProfileLoader::Replaced(const Field& f, std::string_view by) {
  reader_.Error(f, Quoted(f.path.substr(f.path.rfind('.') + 1)) +
                       " is no longer part of the profile format; write " + std::string(by) +
                       " (scenarios/README.md, Counters and rules)");
}

void ProfileLoader::ReadStatuses(const Field& statuses) {
  MapFields map(reader_, statuses);
  std::vector<Field> entries, attach_fields;  // one per status
  for (const Field& entry : map.Entries()) {
    if (profile_.statuses.size() == kMaxStatuses) {
      reader_.Error(entry, "too many statuses (at most " + std::to_string(kMaxStatuses) + ")");
      break;
    }
    StatusDef status;
    status.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
    MapFields fields(reader_, entry);
    if (Field f = fields.Optional("description"); f.present()) {
      status.description = reader_.Text(f).value_or("");
    }
    Field attach = fields.Optional("attach");
    if (Field f = fields.Optional("data"); f.present())
      status.data = reader_.Bool(f).value_or(false);
    if (Field f = fields.Optional("sms"); f.present()) status.sms = reader_.Bool(f).value_or(false);
    if (Field f = fields.Optional("final"); f.present()) {
      status.final = reader_.Bool(f).value_or(false);
    }
    if (Field f = fields.Optional("transient"); f.present()) {
      status.transient = reader_.Bool(f).value_or(false);
    }
    if (Field f = fields.Optional("waits-for-upstream"); f.present()) {
      Replaced(f, "a rule: { on: upstream-back, in: [STATUS], to: STATUS }");
    }
    if (Field f = fields.Optional("automatic"); f.present()) {
      Replaced(f, "a counter (time, data or commands, in this status) and a rule on it: "
                  "{ when: COUNTER, reaches: THRESHOLD, to: STATUS }");
    }
    if (Field f = fields.Optional("retention"); f.present()) {
      CalendarSpan span;
      std::string error;
      if (auto text = reader_.Text(f); text && !ParseCalendarSpan(*text, &span, &error)) {
        reader_.Error(f, error);
      }
      status.retention = span;
      if (!status.final) reader_.Error(f, "only a final status has a retention period");
    }
    fields.Finish();
    if (!status.transient && !attach.present() && fields.is_map()) {
      reader_.Error(entry,
                    "missing required key 'attach' (what an attach gets: accept or "
                    "{ reject: CAUSE })");
    }
    if (status.transient && attach.present()) {
      reader_.Error(attach, "a transient status answers attaches as the status before it did");
    }
    profile_.statuses.push_back(status);
    entries.push_back(entry);
    attach_fields.push_back(attach);
  }
  if (profile_.statuses.empty() && map.is_map()) reader_.Error(statuses, "no statuses defined");
  for (size_t i = 0; i < profile_.statuses.size(); ++i) {
    if (attach_fields[i].present()) ReadAttach(attach_fields[i], profile_.statuses[i]);
  }
  CheckStatusRules(entries);
}

void ProfileLoader::ReadAttach(const Field& f, StatusDef& status) {
  AttachRule& rule = status.attach;
  if (f.value.IsScalar() && f.value.Scalar() == "accept") {
    rule.kind = AttachRule::Kind::kAccept;
    return;
  }
  if (!f.value.IsMap()) {
    reader_.Error(f, "expected accept or { reject: CAUSE }, got " + YamlReader::KindOf(f.value));
    return;
  }
  MapFields map(reader_, f);
  const Field reject = map.Optional("reject");
  if (Field become = map.Optional("become"); become.present()) {
    Replaced(become, "'attach: accept' and rules that move the SIM on attach: { on: attach, "
                     "in: [" + status.name + "], to: STATUS } (and { on: attach, in: [" +
                     status.name + "], if: test-mode, to: STATUS } first, for test mode)");
  }
  if (Field test_mode = map.Optional("test-mode"); test_mode.present()) {
    Replaced(test_mode, "a rule { on: attach, in: [" + status.name +
                            "], if: test-mode, to: STATUS }");
  }
  map.Finish();
  if (!reject.present()) return;
  rule.kind = AttachRule::Kind::kReject;
  if (auto cause = reader_.Count(reject, 1, 255)) {
    if (!IsKnownEmmCause(static_cast<EmmCause>(*cause))) {
      reader_.Error(reject, "EMM cause #" + std::to_string(*cause) +
                                " is not one carriersim models; use e.g. 7 (EPS services "
                                "not allowed) or 22 (congestion)");
    }
    rule.cause = static_cast<EmmCause>(*cause);
  }
}

// Checks of each status on its own terms, once every status is read. `entries` are the
// statuses' fields in the profile, for error locations.
void ProfileLoader::CheckStatusRules(const std::vector<Field>& entries) {
  for (size_t i = 0; i < profile_.statuses.size() && i < entries.size(); ++i) {
    const StatusDef& status = profile_.statuses[i];
    if (status.final && (status.data || status.sms)) {
      reader_.Error(entries[i],
                    "final status " + Quoted(status.name) + " cannot allow data or SMS");
    }
  }
  status_fields_ = entries;
}

std::optional<StatusId> ProfileLoader::StatusRef(const Field& f) {
  std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  if (auto id = profile_.FindStatus(*name)) return id;
  const std::vector<std::string> names = profile_.StatusNames();
  reader_.Error(f, "no status " + Quoted(*name) + " in this profile" + DidYouMean(*name, names) +
                       (names.empty() ? "; it defines none" : "; statuses are " + QuotedList(names)));
  return std::nullopt;
}

const StatusDef* ProfileLoader::FinalIn(uint64_t set) const {
  for (size_t s = 0; s < profile_.statuses.size(); ++s) {
    if (InSet(set, static_cast<StatusId>(s)) && profile_.statuses[s].final) {
      return &profile_.statuses[s];
    }
  }
  return nullptr;
}

uint64_t ProfileLoader::StatusSet(const Field& f) {
  uint64_t set = 0;
  for (const Field& element : reader_.Elements(f)) {
    if (auto id = StatusRef(element)) set |= uint64_t{1} << *id;
  }
  return set;
}

std::optional<CarrierProfile> LoadProfileYaml(const std::string& file, const YAML::Node& root,
                                              Diagnostics& diag,
                                              const ProfileOverrides* overrides) {
  if (root.IsNull()) {
    diag.Error({file, 1, 1}, "carrier profile is empty");
    return std::nullopt;
  }
  // Before any merge: overrides go into a mapping (yaml-cpp throws on a text value, and would
  // quietly turn a list into a mapping).
  if (!root.IsMap()) {
    const YAML::Mark mark = root.Mark();
    const std::string expected =
        "a carrier profile is a mapping of keys (carrier, statuses, initial, plans, ...), not ";
    diag.Error({file, std::max(mark.line, 0) + 1, std::max(mark.column, 0) + 1},
               expected + YamlReader::KindOfDocument(root));
    return std::nullopt;
  }
  // Its own Diagnostics: the profile is valid when it has no errors of its own, whatever the
  // scenario that names it has.
  Diagnostics local;
  ProfileLoader loader(file, local);
  if (overrides != nullptr) {
    YamlReader scenario(overrides->file, local);
    MergeOverrides(scenario, loader.reader(), root,
                   Field{YAML::Node(), overrides->node, overrides->path});
    // Each file was checked on its own; merging can join what they kept apart (an override
    // that adds a mapping to itself through an alias of the profile's), so the result is too.
    const NodePosition where = [&loader](const YAML::Node& n) { return loader.reader().Where(n); };
    if (!CheckAliases(root, where, local)) {
      diag.Append(local);
      return std::nullopt;
    }
  }
  // Checked even after a bad override, so that one pass reports everything.
  std::optional<CarrierProfile> profile = loader.Load(root);
  if (local.has_errors()) profile.reset();
  diag.Append(local);
  return profile;
}

std::optional<CarrierProfile> LoadProfileText(const std::string& file, const std::string& text,
                                              Diagnostics& diag,
                                              const ProfileOverrides* overrides) {
  std::optional<YAML::Node> root = ParseYaml(file, text, diag);
  if (!root) return std::nullopt;
  return LoadProfileYaml(file, *root, diag, overrides);
}

std::optional<CarrierProfile> LoadBuiltinProfile(const std::string& name, Diagnostics& diag,
                                                 const ProfileOverrides* overrides) {
  const EmbeddedProfile* builtin = FindBuiltinProfile(name);
  if (builtin == nullptr) return std::nullopt;
  return LoadProfileText(builtin->file, builtin->text, diag, overrides);
}

}  // namespace carriersim
