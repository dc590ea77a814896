#include "simulator/carrier/profile_loader.h"

#include "simulator/carrier/builtin_profiles.h"
#include "simulator/scenario/yaml_reader.h"

namespace carriersim {
namespace {

// The attach rule of one status, as written, resolved once every status name is known.
struct PendingAttach {
  Field field;
  std::optional<std::string> become;  // the status named by { become: ... }
};

class ProfileLoader {
 public:
  ProfileLoader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {}

  std::optional<CarrierProfile> Load(const YAML::Node& root) {
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
    const Field statuses = top.Required("statuses", "the subscriber statuses a SIM can be in");
    const Field initial = top.Required("initial", "the status of a newly registered SIM");
    const Field verbs = top.Optional("verbs");
    const Field plans = top.Required("plans", "at least one plan");
    const Field network = top.Optional("network");
    top.Finish();

    if (statuses.present()) ReadStatuses(statuses);
    if (initial.present()) ReadInitial(initial);
    if (verbs.present()) ReadVerbs(verbs);
    if (plans.present()) ReadPlans(plans);
    if (network.present()) ReadNetwork(network);
    if (reader_.diag().has_errors()) return std::nullopt;
    return std::move(profile_);
  }

 private:
  void ReadStatuses(const Field& statuses) {
    MapFields map(reader_, statuses);
    std::vector<PendingAttach> pending;
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
      const Field attach = fields.Required(
          "attach", "what an attach gets: accept, { reject: CAUSE } or { become: STATUS }");
      if (Field f = fields.Optional("data"); f.present())
        status.data = reader_.Bool(f).value_or(false);
      if (Field f = fields.Optional("sms"); f.present())
        status.sms = reader_.Bool(f).value_or(false);
      if (Field f = fields.Optional("final"); f.present())
        status.final = reader_.Bool(f).value_or(false);
      fields.Finish();
      profile_.statuses.push_back(status);
      pending.push_back(PendingAttach{attach, std::nullopt});
    }
    if (profile_.statuses.empty() && map.is_map()) reader_.Error(statuses, "no statuses defined");
    for (size_t i = 0; i < pending.size(); ++i) {
      if (pending[i].field.present()) ReadAttach(pending[i].field, profile_.statuses[i]);
    }
    for (size_t i = 0; i < pending.size(); ++i) CheckBecome(pending[i].field, profile_.statuses[i]);
  }

  void ReadAttach(const Field& f, StatusDef& status) {
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
      return;
    }
    rule.kind = AttachRule::Kind::kBecomeThenAccept;
    if (auto target = StatusRef(become)) rule.become = *target;
  }

  // A status may become another on attach, but that one must then answer the attach itself.
  void CheckBecome(const Field& f, const StatusDef& status) {
    if (status.attach.kind != AttachRule::Kind::kBecomeThenAccept || !f.present()) return;
    const StatusDef& target = profile_.statuses[status.attach.become];
    if (&target == &status) {
      reader_.Error(f, "status '" + status.name + "' cannot become itself");
    } else if (target.attach.kind == AttachRule::Kind::kBecomeThenAccept) {
      reader_.Error(f, "status '" + status.name + "' becomes '" + target.name +
                           "', which itself becomes another status on attach; chains are not "
                           "supported");
    } else if (target.final) {
      reader_.Error(f, "status '" + status.name + "' cannot become the final status '" +
                           target.name + "' on attach");
    }
    if (status.final) {
      reader_.Error(f, "final status '" + status.name + "' cannot change on attach");
    }
  }

  std::optional<StatusId> StatusRef(const Field& f) {
    std::optional<std::string> name = reader_.Name(f);
    if (!name) return std::nullopt;
    if (auto id = profile_.FindStatus(*name)) return id;
    reader_.Error(f, "no status '" + *name + "' in this profile" +
                         DidYouMean(*name, profile_.StatusNames()) + "; statuses are " +
                         QuotedList(profile_.StatusNames()));
    return std::nullopt;
  }

  void ReadInitial(const Field& f) {
    if (auto id = StatusRef(f)) {
      if (profile_.statuses[*id].final) {
        reader_.Error(
            f, "a new SIM cannot start in the final status '" + profile_.statuses[*id].name + "'");
      }
      profile_.initial = *id;
    }
  }

  void ReadVerbs(const Field& verbs) {
    MapFields map(reader_, verbs);
    for (const Field& entry : map.Entries()) {
      VerbDef verb;
      verb.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
      for (std::string_view reserved : kDeviceActionNames) {
        if (verb.name == reserved) {
          reader_.Error(Field{entry.key, entry.key, entry.path},
                        "'" + verb.name +
                            "' is a device action in scenario timelines; give the verb another "
                            "name");
        }
      }
      MapFields fields(reader_, entry);
      if (Field f = fields.Optional("description"); f.present()) {
        verb.description = reader_.Text(f).value_or("");
      }
      const Field from = fields.Required("from", "the statuses it may be used in");
      const Field to = fields.Required("to", "the status it sets");
      fields.Finish();
      if (from.present()) {
        for (const Field& element : reader_.Elements(from)) {
          std::optional<StatusId> id = StatusRef(element);
          if (!id) continue;
          if (profile_.statuses[*id].final) {
            reader_.Error(element, "verb '" + verb.name +
                                       "' cannot be used from the final "
                                       "status '" +
                                       profile_.statuses[*id].name +
                                       "': nothing leaves a final status");
          }
          verb.from |= uint64_t{1} << *id;
        }
      }
      if (to.present()) verb.to = StatusRef(to).value_or(0);
      profile_.verbs.push_back(verb);
    }
    if (profile_.verbs.size() > kMaxVerbs) {
      reader_.Error(verbs, "too many verbs (at most " + std::to_string(kMaxVerbs) + ")");
    }
  }

  void ReadPlans(const Field& plans) {
    MapFields map(reader_, plans);
    for (const Field& entry : map.Entries()) {
      PlanDef plan;
      plan.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
      if (!entry.value.IsNull()) {
        MapFields fields(reader_, entry);
        if (Field f = fields.Optional("description"); f.present()) {
          plan.description = reader_.Text(f).value_or("");
        }
        fields.Finish();
      }
      profile_.plans.push_back(plan);
    }
    if (profile_.plans.empty() && map.is_map()) reader_.Error(plans, "no plans defined");
    if (profile_.plans.size() > kMaxPlans) {
      reader_.Error(plans, "too many plans (at most " + std::to_string(kMaxPlans) + ")");
    }
  }

  void ReadNetwork(const Field& network) {
    MapFields map(reader_, network);
    if (Field f = map.Optional("blocked-detach"); f.present()) {
      if (auto choice = reader_.Choice(f, {"re-attach", "with-cause"}, "detach kind")) {
        profile_.blocked_detach =
            *choice == "re-attach" ? BlockedDetach::kReattachRequired : BlockedDetach::kWithCause;
      }
    }
    map.Finish();
  }

  YamlReader reader_;
  CarrierProfile profile_;
};

}  // namespace

std::optional<CarrierProfile> LoadProfileText(const std::string& file, const std::string& text,
                                              Diagnostics& diag) {
  std::optional<YAML::Node> root = ParseYaml(file, text, diag);
  if (!root) return std::nullopt;
  if (root->IsNull()) {
    diag.Error({file, 1, 1}, "carrier profile is empty");
    return std::nullopt;
  }
  Diagnostics local;
  ProfileLoader loader(file, local);
  std::optional<CarrierProfile> profile = loader.Load(*root);
  for (const Diagnostic& d : local.Sorted()) diag.Error(d.where, d.message);
  return profile;
}

std::optional<CarrierProfile> LoadBuiltinProfile(const std::string& name, Diagnostics& diag) {
  const EmbeddedProfile* builtin = FindBuiltinProfile(name);
  if (builtin == nullptr) return std::nullopt;
  return LoadProfileText(builtin->file, builtin->text, diag);
}

}  // namespace carriersim
