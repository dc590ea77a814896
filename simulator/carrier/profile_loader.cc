#include "simulator/carrier/profile_loader.h"

#include <algorithm>

#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

std::optional<CarrierProfile> ProfileLoader::Load(const YAML::Node& root) {
  profile_.source_file = reader_.file();
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
  const Field plans = top.Required("plans", "at least one plan");
  const Field network = top.Optional("network");
  const Field usage_limit = top.Optional("usage-limit");
  const Field storm = top.Optional("storm");
  const Field account = top.Optional("account-termination");
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
  if (plans.present()) ReadPlans(plans);
  ResolveVerbPlans();
  if (network.present()) ReadNetwork(network);
  if (usage_limit.present()) ReadUsageLimit(usage_limit);
  if (storm.present()) ReadStorm(storm);
  if (account.present()) ReadAccount(account);
  if (profile_.prices.empty() && !profile_.plans.empty()) {
    reader_.Error(Field{YAML::Node(), root, ""},
                  "missing key 'prices': label the example prices (a date, and that they are to "
                  "be replaced with your price list)");
  }
  if (reader_.diag().has_errors()) return std::nullopt;
  return std::move(profile_);
}

void ProfileLoader::ReadStatuses(const Field& statuses) {
  MapFields map(reader_, statuses);
  std::vector<Field> entries, attach_fields, automatic_fields, waits_fields;  // one per status
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
    const Field waits = fields.Optional("waits-for-upstream");
    const Field automatic = fields.Optional("automatic");
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
                    "missing required key 'attach' (what an attach gets: accept, "
                    "{ reject: CAUSE } or { become: STATUS })");
    }
    if (status.transient && attach.present()) {
      reader_.Error(attach, "a transient status answers attaches as the status before it did");
    }
    profile_.statuses.push_back(status);
    entries.push_back(entry);
    attach_fields.push_back(attach);
    automatic_fields.push_back(automatic);
    waits_fields.push_back(waits);
  }
  if (profile_.statuses.empty() && map.is_map()) reader_.Error(statuses, "no statuses defined");
  // Second pass: references between statuses, now that all are known.
  for (size_t i = 0; i < profile_.statuses.size(); ++i) {
    StatusDef& status = profile_.statuses[i];
    if (attach_fields[i].present()) ReadAttach(attach_fields[i], status);
    if (automatic_fields[i].present()) ReadAutomatic(automatic_fields[i], status);
    if (waits_fields[i].present()) {
      if (auto then = StatusRef(waits_fields[i])) {
        status.waits_for_upstream = true;
        status.outage_then = *then;
      }
      if (!status.transient) {
        reader_.Error(waits_fields[i], "only a transient status waits for upstream");
      }
    }
  }
  CheckStatuses(attach_fields);
  CheckStatusRules(entries);
}

void ProfileLoader::ReadAttach(const Field& f, StatusDef& status) {
  AttachRule& rule = status.attach;
  if (f.value.IsScalar() && f.value.Scalar() == "accept") {
    rule.kind = AttachRule::Kind::kAccept;
    return;
  }
  if (!f.value.IsMap()) {
    reader_.Error(f, "expected accept, { reject: CAUSE } or { become: STATUS }, got " +
                         YamlReader::KindOf(f.value));
    return;
  }
  MapFields map(reader_, f);
  const Field reject = map.Optional("reject");
  const Field become = map.Optional("become");
  const Field test_mode = map.Optional("test-mode");
  map.Finish();
  if (reject.present() == become.present()) {
    reader_.Error(f, "give exactly one of 'reject' (an EMM cause) or 'become' (a status)");
    return;
  }
  if (reject.present()) {
    rule.kind = AttachRule::Kind::kReject;
    if (auto cause = reader_.Count(reject, 1, 255)) {
      if (!IsKnownEmmCause(static_cast<EmmCause>(*cause))) {
        reader_.Error(reject, "EMM cause #" + std::to_string(*cause) +
                                  " is not one carriersim models; use e.g. 7 (EPS services "
                                  "not allowed) or 22 (congestion)");
      }
      rule.cause = static_cast<EmmCause>(*cause);
    }
    if (test_mode.present()) reader_.Error(test_mode, "test mode applies to 'become' only");
    return;
  }
  rule.kind = AttachRule::Kind::kBecomeThenAccept;
  if (auto target = StatusRef(become)) rule.become = *target;
  if (test_mode.present()) rule.become_in_test_mode = StatusRef(test_mode);
}

void ProfileLoader::ReadAutomatic(const Field& f, StatusDef& status) {
  for (const Field& element : reader_.Elements(f)) {
    MapFields fields(reader_, element);
    const Field after = fields.Required("after",
                                        "a time such as 72h or 3 months, a data "
                                        "volume such as 250KB, or '5 commands'");
    const Field to = fields.Required("to", "the status it moves to, or 'requested'");
    fields.Finish();
    if (!after.present() || !to.present() || !after.value.IsScalar()) {
      if (after.present() && !after.value.IsScalar()) reader_.Text(after);
      continue;
    }
    AutoTransition t;
    const std::string text = after.value.Scalar();
    std::string error;
    int64_t number = 0;
    const size_t space = text.find(' ');
    if (space != std::string::npos &&
        (text.substr(space + 1) == "commands" || text.substr(space + 1) == "command")) {
      if (!ParseCount(text.substr(0, space), &number, &error) || number < 1) {
        reader_.Error(after, "expected a number of commands such as '5 commands'");
        continue;
      }
      t.trigger = AutoTransition::Trigger::kCommands;
      t.commands = number;
    } else if (ParseDataSize(text, &number, &error)) {
      t.trigger = AutoTransition::Trigger::kData;
      t.bytes = number;
      if (number <= 0) reader_.Error(after, "a data volume must be more than 0");
    } else if (ParseCalendarSpan(text, &t.time, &error)) {
      t.trigger = AutoTransition::Trigger::kTime;
      if (t.time.empty()) reader_.Error(after, "a time must be more than 0");
    } else {
      reader_.Error(after, "'" + text +
                               "' is neither a time (72h, 3 months), a data volume "
                               "(250KB) nor a number of commands (5 commands)");
      continue;
    }
    if (to.value.IsScalar() && to.value.Scalar() == "requested") {
      t.to_requested = true;
      if (!status.transient) {
        reader_.Error(to, "only a transient status goes to the 'requested' status");
      }
    } else if (auto id = StatusRef(to)) {
      t.to = *id;
      if (profile_.statuses[*id].transient) {
        reader_.Error(to, "an automatic transition cannot go to the transient status '" +
                              profile_.statuses[*id].name +
                              "': only a verb's 'via' enters one, with the status it leads to");
      }
    }
    status.automatic.push_back(t);
  }
  if (status.final && !status.automatic.empty()) {
    reader_.Error(f, "final status '" + status.name +
                         "' cannot change by itself: nothing leaves "
                         "a final status");
  }
}

// Checks between statuses, once every reference is resolved.
void ProfileLoader::CheckStatuses(const std::vector<Field>& attach_fields) {
  for (size_t i = 0; i < profile_.statuses.size(); ++i) {
    const StatusDef& status = profile_.statuses[i];
    const Field& f = attach_fields[i];
    if (status.attach.kind != AttachRule::Kind::kBecomeThenAccept || !f.present()) continue;
    for (std::optional<StatusId> target_id :
         {std::optional<StatusId>(status.attach.become), status.attach.become_in_test_mode}) {
      if (!target_id) continue;
      const StatusDef& target = profile_.statuses[*target_id];
      if (&target == &status) {
        reader_.Error(f, "status '" + status.name + "' cannot become itself");
      } else if (target.attach.kind == AttachRule::Kind::kBecomeThenAccept || target.transient) {
        reader_.Error(f, "status '" + status.name + "' becomes '" + target.name +
                             "', which does not answer attaches itself; chains are not supported");
      } else if (target.final) {
        reader_.Error(f, "status '" + status.name + "' cannot become the final status '" +
                             target.name + "' on attach");
      }
    }
    if (status.final)
      reader_.Error(f, "final status '" + status.name + "' cannot change on attach");
  }
}

// Checks of each status on its own terms, once every status is read. `entries` are the
// statuses' fields in the profile, for error locations.
void ProfileLoader::CheckStatusRules(const std::vector<Field>& entries) {
  for (size_t i = 0; i < profile_.statuses.size() && i < entries.size(); ++i) {
    const StatusDef& status = profile_.statuses[i];
    if (status.transient && !status.waits_for_upstream &&
        std::none_of(status.automatic.begin(), status.automatic.end(), [](const AutoTransition& t) {
          return t.trigger == AutoTransition::Trigger::kTime;
        })) {
      reader_.Error(entries[i], "transient status '" + status.name +
                                    "' needs a way out: an automatic transition after a time, "
                                    "such as { after: 30s, to: requested }, or waits-for-upstream");
    }
    if (status.final && (status.data || status.sms)) {
      reader_.Error(entries[i], "final status '" + status.name + "' cannot allow data or SMS");
    }
  }
}

std::optional<StatusId> ProfileLoader::StatusRef(const Field& f) {
  std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  if (auto id = profile_.FindStatus(*name)) return id;
  reader_.Error(f, "no status '" + *name + "' in this profile" +
                       DidYouMean(*name, profile_.StatusNames()) + "; statuses are " +
                       QuotedList(profile_.StatusNames()));
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

std::optional<CarrierProfile> LoadProfileText(const std::string& file, const std::string& text,
                                              Diagnostics& diag,
                                              const ProfileOverrides* overrides) {
  std::optional<YAML::Node> root = ParseYaml(file, text, diag);
  if (!root) return std::nullopt;
  if (root->IsNull()) {
    diag.Error({file, 1, 1}, "carrier profile is empty");
    return std::nullopt;
  }
  Diagnostics local;
  ProfileLoader loader(file, local);
  if (overrides != nullptr) {
    YamlReader scenario(overrides->file, local);
    MergeOverrides(scenario, loader.reader(), *root,
                   Field{YAML::Node(), overrides->node, overrides->path}, "");
  }
  // Checked even after a bad override, so that one pass reports everything.
  std::optional<CarrierProfile> profile = loader.Load(*root);
  if (local.has_errors()) profile.reset();
  for (const Diagnostic& d : local.Sorted()) diag.Error(d.where, d.message);
  return profile;
}

std::optional<CarrierProfile> LoadBuiltinProfile(const std::string& name, Diagnostics& diag,
                                                 const ProfileOverrides* overrides) {
  const EmbeddedProfile* builtin = FindBuiltinProfile(name);
  if (builtin == nullptr) return std::nullopt;
  return LoadProfileText(builtin->file, builtin->text, diag, overrides);
}

}  // namespace carriersim
