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
      if (profile_.statuses[*id].final || profile_.statuses[*id].transient) {
        reader_.Error(initial,
                      "a new SIM cannot start in the " +
                          std::string(profile_.statuses[*id].final ? "final" : "transient") +
                          " status '" + profile_.statuses[*id].name + "'");
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

uint64_t ProfileLoader::StatusSet(const Field& f) {
  uint64_t set = 0;
  for (const Field& element : reader_.Elements(f)) {
    if (auto id = StatusRef(element)) set |= uint64_t{1} << *id;
  }
  return set;
}

void ProfileLoader::ReadVerbs(const Field& verbs) {
  MapFields map(reader_, verbs);
  for (const Field& entry : map.Entries()) {
    VerbDef verb;
    const Field name{entry.key, entry.key, entry.path};
    verb.name = reader_.Name(name).value_or("");
    for (std::string_view reserved : kReservedActionNames) {
      if (verb.name == reserved) {
        reader_.Error(name, "'" + verb.name +
                                "' is a scenario action of its own; give the verb "
                                "another name");
      }
    }
    MapFields fields(reader_, entry);
    if (Field f = fields.Optional("description"); f.present()) {
      verb.description = reader_.Text(f).value_or("");
    }
    const Field from = fields.Required("from", "the statuses it may be used in");
    const Field to = fields.Required("to", "the status it sets, or 'previous'");
    const Field via = fields.Optional("via");
    const Field roles = fields.Optional("roles");
    const Field refused = fields.Optional("refused-for-plans");
    const Field message = fields.Optional("refused-message");
    const Field protection = fields.Optional("termination-protection");
    const Field limits = fields.Optional("limits");
    fields.Finish();
    if (from.present()) {
      for (const Field& element : reader_.Elements(from)) {
        std::optional<StatusId> id = StatusRef(element);
        if (!id) continue;
        if (profile_.statuses[*id].final) {
          reader_.Error(element, "verb '" + verb.name + "' cannot be used from the final status '" +
                                     profile_.statuses[*id].name +
                                     "': nothing leaves a final status");
        }
        verb.from |= uint64_t{1} << *id;
      }
    }
    if (to.present()) {
      if (to.value.IsScalar() && to.value.Scalar() == "previous") {
        verb.to_previous = true;
      } else if (auto id = StatusRef(to)) {
        verb.to = *id;
        if (profile_.statuses[*id].transient) {
          reader_.Error(to, "a verb cannot set the transient status '" +
                                profile_.statuses[*id].name + "' directly; use 'via'");
        }
      }
    }
    if (via.present()) {
      verb.via = StatusRef(via);
      if (verb.via && !profile_.statuses[*verb.via].transient) {
        reader_.Error(via, "'via' must name a transient status");
      }
    }
    if (roles.present()) {
      for (const Field& element : reader_.Elements(roles)) {
        if (auto role = reader_.Name(element)) verb.roles.push_back(*role);
      }
    }
    if (message.present()) verb.refused_message = reader_.Text(message).value_or("");
    if (protection.present()) {
      verb.protected_by_termination_protection = reader_.Bool(protection).value_or(false);
    }
    if (limits.present()) {
      MapFields channels(reader_, limits);
      for (const Field& channel : channels.Entries()) {
        if (auto max = reader_.Count(channel, 1, INT64_MAX)) {
          verb.limits.push_back({channel.key.Scalar(), *max});
        }
      }
    }
    verb_plan_refs_.push_back(refused.present() ? reader_.Elements(refused) : std::vector<Field>{});
    profile_.verbs.push_back(verb);
  }
  if (profile_.verbs.size() > kMaxVerbs) {
    reader_.Error(verbs, "too many verbs (at most " + std::to_string(kMaxVerbs) + ")");
  }
}

void ProfileLoader::ResolveVerbPlans() {
  for (size_t v = 0; v < verb_plan_refs_.size() && v < profile_.verbs.size(); ++v) {
    for (const Field& ref : verb_plan_refs_[v]) {
      std::optional<std::string> name = reader_.Name(ref);
      if (!name) continue;
      if (auto plan = profile_.FindPlan(*name)) {
        profile_.verbs[v].refused_for_plans.push_back(*plan);
      } else {
        reader_.Error(ref, "no plan '" + *name + "' in this profile" +
                               DidYouMean(*name, profile_.PlanNames()));
      }
    }
  }
  // A status only refused verbs lead to is one the plan cannot be in.
  for (size_t p = 0; p < profile_.plans.size(); ++p) {
    for (size_t s = 0; s < profile_.statuses.size(); ++s) {
      bool reached = false, allowed = false;
      for (const VerbDef& verb : profile_.verbs) {
        if (verb.to_previous || verb.to != s) continue;
        reached = true;
        const auto& refused = verb.refused_for_plans;
        allowed |= std::find(refused.begin(), refused.end(), p) == refused.end();
      }
      if (reached && !allowed) profile_.plans[p].refused_statuses |= uint64_t{1} << s;
    }
  }
}

void ProfileLoader::ReadNetwork(const Field& network) {
  MapFields map(reader_, network);
  if (Field f = map.Optional("blocked-detach"); f.present()) {
    if (auto choice = reader_.Choice(f, {"re-attach", "with-cause"}, "detach kind")) {
      profile_.blocked_detach =
          *choice == "re-attach" ? BlockedDetach::kReattachRequired : BlockedDetach::kWithCause;
    }
  }
  if (Field f = map.Optional("upstream-wait"); f.present()) {
    profile_.upstream_wait = StatusRef(f);
    if (profile_.upstream_wait && !profile_.statuses[*profile_.upstream_wait].waits_for_upstream) {
      reader_.Error(f, "the upstream-wait status must be transient and wait for upstream");
    }
  }
  map.Finish();
}

void ProfileLoader::ReadUsageLimit(const Field& f) {
  MapFields map(reader_, f);
  const Field to = map.Required("to", "the status a SIM over its usage limit moves to");
  const Field resume = map.Optional("resume");
  map.Finish();
  if (!to.present()) return;
  profile_.usage_limit.enabled = true;
  if (auto id = StatusRef(to)) {
    profile_.usage_limit.to = *id;
    CheckForcedTarget(to, *id, "a SIM over its usage limit");
  }
  if (resume.present()) {
    if (auto choice = reader_.Choice(resume, {"next-month", "never"}, "resume rule")) {
      profile_.usage_limit.resume_next_month = *choice == "next-month";
    }
  }
}

// The network moves SIMs into this status by itself (usage limit, storm): it must be one a SIM
// can stay in and come back from.
void ProfileLoader::CheckForcedTarget(const Field& f, StatusId id, std::string_view who) {
  const StatusDef& status = profile_.statuses[id];
  if (status.transient) {
    reader_.Error(f, std::string(who) + " cannot be moved to the transient status '" + status.name +
                         "': only a verb's 'via' enters one");
  } else if (status.final) {
    reader_.Error(f, std::string(who) + " cannot be moved to the final status '" + status.name +
                         "' by the network");
  }
}

void ProfileLoader::ReadStorm(const Field& f) {
  MapFields map(reader_, f);
  const Field statuses = map.Required("statuses", "the statuses in which attempts are counted");
  const Field attempts = map.Required("attempts", "more than this many attempts ...");
  const Field window = map.Required("window", "... within this time");
  const Field to = map.Required("to", "the status a storming SIM is forced into");
  map.Finish();
  StormRule& storm = profile_.storm;
  if (statuses.present()) {
    storm.statuses = StatusSet(statuses);
    for (size_t s = 0; s < profile_.statuses.size(); ++s) {
      if (InSet(storm.statuses, static_cast<StatusId>(s)) && profile_.statuses[s].final) {
        reader_.Error(statuses, "a storm cannot move a SIM out of the final status '" +
                                    profile_.statuses[s].name + "': nothing leaves a final status");
      }
    }
  }
  if (attempts.present()) storm.attempts = reader_.Count(attempts, 1, 1'000'000).value_or(0);
  if (window.present()) storm.window = reader_.Duration(window, kSecond).value_or(0);
  if (to.present()) {
    if (auto id = StatusRef(to)) {
      storm.to = *id;
      CheckForcedTarget(to, *id, "a storming SIM");
    }
  }
  storm.enabled = statuses.present() && attempts.present() && window.present() && to.present();
}

void ProfileLoader::ReadAccount(const Field& f) {
  MapFields map(reader_, f);
  const Field requires_field =
      map.Required("requires", "the statuses every SIM must be in before the account can end");
  map.Finish();
  if (requires_field.present()) profile_.account_termination_requires = StatusSet(requires_field);
}

namespace {

// The profile's collections of named things: an override can change their entries, but a name
// it does not know is a typo (a new plan would otherwise appear and the intended one stay as it
// was), not an addition.
bool IsCollection(std::string_view path) {
  return path == "statuses" || path == "verbs" || path == "plans";
}

// Puts the override's values over the profile's, key by key. Mappings merge; anything else
// replaces what the profile has (a price may replace 'free', a list replaces a list). Keys the
// profile lacks are added (a fee, an allowance), except new names in a collection. The merged
// profile is then checked as a whole, so whatever is wrong in an override is reported, at the
// override's position in the scenario.
// `at` is where `profile` is in the profile ("" for the whole, "plans.plan01s" ...).
void MergeOverrides(YamlReader& scenario, YamlReader& profile_reader, YAML::Node profile,
                    const Field& override, const std::string& at) {
  const bool collection = IsCollection(at);
  MapFields fields(scenario, override);
  for (const Field& entry : fields.Entries()) {
    const std::string key = entry.key.Scalar();
    if (!profile[key]) {
      if (collection) {
        std::vector<std::string> known;
        for (auto it = profile.begin(); it != profile.end(); ++it) {
          known.push_back(it->first.Scalar());
        }
        scenario.Error(Field{entry.key, entry.key, entry.path},
                       "no '" + key + "' to override in the profile" + DidYouMean(key, known) +
                           "; it has " + QuotedList(known));
        continue;
      }
      profile.force_insert(entry.key, entry.value);
      profile_reader.MarkForeign(entry.key, scenario.file());
      profile_reader.MarkForeign(entry.value, scenario.file());
      continue;
    }
    YAML::Node target = profile[key];
    if (entry.value.IsMap() && target.IsMap()) {
      MergeOverrides(scenario, profile_reader, target, entry, at.empty() ? key : at + "." + key);
    } else {
      profile[key] = entry.value;
      profile_reader.MarkForeign(profile[key], scenario.file());
    }
  }
}

}  // namespace

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
