// POST /v1/Sims/{Sid} of the KORE-shaped API: a status, a rate plan or names, form-encoded as
// Twilio takes them, and the status callback when the change completes (KOR-5: it passes through
// `updating`, or waits in `scheduled` while the upstream operator takes no changes).
#include "simulator/live/carrier_sims.h"
#include "simulator/live/kore_internal.h"

namespace carriersim {
namespace {

const std::string* Field(const HttpFields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

// The verb that takes the SIM to `target`: one allowed from where it is (a `to: previous` verb
// counts when the previous status is the target: a deactivated SIM restored, KOR-7); else the
// first leading there, so that the carrier's refusal says why it is not allowed.
std::optional<VerbId> VerbLeadingTo(const CarrierProfile& profile, const Network& network,
                                    SimId sim, StatusId target) {
  std::optional<VerbId> fallback;
  for (size_t v = 0; v < profile.verbs.size(); ++v) {
    const VerbDef& verb = profile.verbs[v];
    if ((verb.to_previous ? network.previous(sim) : verb.to) != target) continue;
    if (verb.AllowedFrom(network.status(sim))) return static_cast<VerbId>(v);
    if (!fallback && !verb.to_previous) fallback = static_cast<VerbId>(v);
  }
  return fallback;
}

// The Sim resource as form fields for a callback: Sid, Status, DateUpdated, ... (Twilio's
// callbacks name parameters in PascalCase); links and empty fields left out.
std::string CallbackForm(const Json& sim) {
  std::string form;
  for (const auto& [key, value] : sim.items()) {
    if (!value.is_string()) continue;
    std::string name;
    bool upper = true;
    for (const char c : key) {
      if (c == '_') {
        upper = true;
        continue;
      }
      name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    form += (form.empty() ? "" : "&") + name + "=" + PercentEncode(value.get<std::string>());
  }
  return form;
}

// Sends the callbacks whose SIM left its transient statuses (updating, scheduled).
void SendDueCallbacks(LiveService& live, KoreState& state) {
  std::vector<KoreState::Pending> waiting;
  for (KoreState::Pending& p : state.pending) {
    const World& world = live.world();
    if (world.directory().ProfileOf(p.sim).statuses[world.network().status(p.sim)].transient) {
      waiting.push_back(std::move(p));
      continue;
    }
    WebhookSpec spec;
    spec.method = p.method;
    spec.content_type = "application/x-www-form-urlencoded";
    const std::string form = CallbackForm(KoreSimJson(live, state, p.base, p.sim));
    // A GET callback carries the fields in its query, as Twilio's do.
    if (p.method == "GET") {
      spec.url = p.url + (p.url.find('?') == std::string::npos ? "?" : "&") + form;
    } else {
      spec.url = p.url;
      spec.body = form;
    }
    live.Send(OutgoingRequest{std::move(spec), live.now(), "callback of " + live.ids().Sid(p.sim)});
  }
  state.pending = std::move(waiting);
}

void WatchCallbacks(LiveService& live, KoreState& state) {
  if (state.observing) return;
  state.observing = true;
  live.AddObserver(LiveObserver{[&live, &state] { SendDueCallbacks(live, state); },
                                [&state] {
                                  state.pending.clear();
                                  state.edits.clear();
                                }});
}

HttpResponse Refused(const Outcome& outcome) {
  if (outcome.refusal == Refusal::kRole) return KoreError(403, 20403, outcome.reason);
  if (outcome.refusal == Refusal::kInProgress) return KoreError(409, 20409, outcome.reason);
  return KoreError(400, 20001, outcome.reason);
}

// What the form asks for. Every field is checked before anything acts, so that a malformed
// request changes nothing; a rate plan change and a status change then act in that order.
struct SimUpdate {
  std::optional<StatusId> status;
  std::optional<PlanId> plan;
  const std::string* unique_name = nullptr;
  const std::string* friendly_name = nullptr;
  const std::string* callback_url = nullptr;
  std::string callback_method = "POST";
};

std::optional<HttpResponse> ReadUpdate(const KoreCall& call, SimId sim, const HttpFields& form,
                                       SimUpdate* u) {
  const Scenario& scenario = call.live.scenario();
  const CarrierProfile& profile = scenario.carriers[call.user.carrier].profile;
  if (const std::string* s = Field(form, "Status")) {
    for (StatusId st = 0; st < profile.statuses.size(); ++st) {
      if (profile.ApiStatusName(st) == *s && !profile.statuses[st].transient) u->status = st;
    }
    if (!u->status)
      return KoreError(400, 20001, "Status '" + *s + "' is not one a SIM can be set to");
  }
  if (const std::string* s = Field(form, "RatePlan")) {
    for (PlanId p = 0; p < profile.plans.size(); ++p) {
      if (*s == profile.plans[p].name || *s == KoreRatePlanSid(scenario, call.user.carrier, p)) {
        u->plan = p;
      }
    }
    if (!u->plan) return KoreError(400, 20001, "RatePlan '" + *s + "' is not a rate plan");
  }
  u->unique_name = Field(form, "UniqueName");
  if (u->unique_name != nullptr) {
    if (u->unique_name->empty() || u->unique_name->size() > 64 ||
        call.live.ids().FromSid(*u->unique_name)) {
      return KoreError(400, 20001, "UniqueName must be 1 to 64 characters and not a SID");
    }
    for (const auto& [other, edits] : call.state.edits) {
      if (other != sim && edits.unique_name == *u->unique_name) {
        return KoreError(409, 20409, "UniqueName '" + *u->unique_name + "' is already in use");
      }
    }
  }
  u->friendly_name = Field(form, "FriendlyName");
  if (u->friendly_name != nullptr && u->friendly_name->size() > 64) {
    return KoreError(400, 20001, "FriendlyName is over 64 characters");
  }
  u->callback_url = Field(form, "CallbackUrl");
  if (u->callback_url != nullptr && u->callback_url->rfind("http://", 0) != 0) {
    return KoreError(400, 20001, "CallbackUrl must be an http:// URL (the emulator has no TLS)");
  }
  if (const std::string* m = Field(form, "CallbackMethod")) {
    if (*m != "GET" && *m != "POST")
      return KoreError(400, 20001, "CallbackMethod must be GET or POST");
    u->callback_method = *m;
  }
  return std::nullopt;
}

}  // namespace

HttpResponse KoreUpdateSim(KoreCall& call, SimId sim) {
  const std::string* type = call.request.Header("content-type");
  if (!call.request.body.empty() && type != nullptr &&
      type->rfind("application/x-www-form-urlencoded", 0) != 0) {
    return KoreError(400, 20001, "the body must be application/x-www-form-urlencoded");
  }
  HttpFields form;
  if (!ParseForm(call.request.body, &form)) {
    return KoreError(400, 20001, "malformed form body (a bad percent escape)");
  }
  SimUpdate update;
  if (auto error = ReadUpdate(call, sim, form, &update)) return *error;
  LiveService& live = call.live;
  if (update.plan) {
    TimelineAction action = SimAction(live.world(), sim, ActionKind::kChangePlan, call.user.role);
    action.plan = *update.plan;
    const Outcome outcome = live.Act(action, "kore", call.user.name);
    if (outcome.result == VerbResult::kRefused) return Refused(outcome);
  }
  if (update.status) {
    const CarrierProfile& profile = live.world().directory().ProfileOf(sim);
    const std::optional<VerbId> verb =
        VerbLeadingTo(profile, live.world().network(), sim, *update.status);
    if (!verb) {
      return KoreError(400, 20001,
                       "no change leads a SIM to '" + profile.ApiStatusName(*update.status) + "'");
    }
    TimelineAction action = SimAction(live.world(), sim, ActionKind::kVerb, call.user.role);
    action.verb = *verb;
    action.text = profile.verbs[*verb].name + " " + live.world().directory().SimName(sim);
    const Outcome outcome = live.Act(action, "kore", call.user.name);
    if (outcome.result == VerbResult::kRefused) return Refused(outcome);
    if (update.callback_url != nullptr) {
      WatchCallbacks(live, call.state);
      call.state.pending.push_back({sim, *update.callback_url, update.callback_method, call.base});
      SendDueCallbacks(live, call.state);  // a change that completed at once calls back now
    }
  }
  if (update.unique_name != nullptr || update.friendly_name != nullptr) {
    KoreState::Edits& edits = call.state.edits[sim];
    if (update.unique_name != nullptr) edits.unique_name = *update.unique_name;
    if (update.friendly_name != nullptr) edits.friendly_name = *update.friendly_name;
    edits.at = live.now();
    WatchCallbacks(live, call.state);  // so that a reset forgets them
  }
  return KoreJson(KoreSimJson(live, call.state, call.base, sim));
}

}  // namespace carriersim
