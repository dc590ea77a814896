// Verbs (the API actions of a profile), the network's settings and account termination.
#include <algorithm>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

void ProfileLoader::ReadVerbs(const Field& verbs) {
  MapFields map(reader_, verbs);
  for (const Field& entry : map.Entries()) {
    VerbDef verb;
    const Field name{entry.key, entry.key, entry.path};
    verb.name = reader_.Name(name).value_or("");
    for (std::string_view reserved : kReservedActionNames) {
      if (verb.name == reserved) {
        reader_.Error(name, Quoted(verb.name) +
                                " is a scenario action of its own; give the verb "
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
          reader_.Error(
              element, "verb " + Quoted(verb.name) + " cannot be used from the final status " +
                           Quoted(profile_.statuses[*id].name) + ": nothing leaves a final status");
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
          reader_.Error(to, "a verb cannot set the transient status " +
                                Quoted(profile_.statuses[*id].name) + " directly; use 'via'");
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
        reader_.Error(ref, "no plan " + Quoted(*name) + " in this profile" +
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
    if (const std::optional<StatusId> wait = profile_.upstream_wait) {
      const bool leaves = std::any_of(
          profile_.rules.begin(), profile_.rules.end(), [&](const RuleDef& rule) {
            return rule.on == RuleDef::On::kUpstreamBack && InSet(rule.in, *wait);
          });
      if (!profile_.statuses[*wait].transient || !leaves) {
        reader_.Error(f, "the upstream-wait status must be transient, with a rule { on: "
                         "upstream-back, in: [" + profile_.statuses[*wait].name +
                         "], to: STATUS } to leave it");
      }
    }
  }
  map.Finish();
}

void ProfileLoader::ReadAccount(const Field& f) {
  MapFields map(reader_, f);
  const Field requires_field =
      map.Required("requires", "the statuses every SIM must be in before the account can end");
  map.Finish();
  if (requires_field.present()) profile_.account_termination_requires = StatusSet(requires_field);
}

}  // namespace carriersim
