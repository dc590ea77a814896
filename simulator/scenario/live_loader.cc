// The scenario's `live:` section, read by every command and used by `carriersim serve`:
//
//   live:
//     control-key: ctl-secret            # of /_carriersim/ (default: derived from the seed)
//     users:                             # credentials of the carriers' APIs
//       - { carrier: soracom, name: keyId-ops, secret: secret-ops, role: owner }
//     event-handlers: [...]              # Soracom-style; see scenarios/README.md
#include <string>

#include "simulator/scenario/loader_internal.h"

namespace carriersim {

void ScenarioLoader::ReadLive(const Field& live) {
  MapFields fields(reader_, live);
  const Field control_key = fields.Optional("control-key");
  const Field users = fields.Optional("users");
  const Field handlers = fields.Optional("event-handlers");
  fields.Finish();
  if (control_key.present()) scenario_.live.control_key = reader_.Text(control_key).value_or("");
  if (users.present()) ReadApiUsers(users);
  if (handlers.present()) ReadEventHandlers(handlers);
}

void ScenarioLoader::ReadApiUsers(const Field& users) {
  for (const Field& element : reader_.Elements(users)) {
    MapFields fields(reader_, element);
    const Field carrier = fields.Required("carrier", "the carrier whose API the user calls");
    const Field name = fields.Required("name", "the user, key id, account SID or client id");
    const Field secret = fields.Required("secret", "the password, key, auth token or API key");
    const Field role = fields.Optional("role");
    fields.Finish();
    ApiUser user;
    user.line = reader_.Where(element).line;
    std::optional<uint32_t> c;
    if (carrier.present()) c = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
    if (name.present()) user.name = reader_.Text(name).value_or("");
    if (secret.present()) user.secret = reader_.Text(secret).value_or("");
    if (role.present()) user.role = reader_.Name(role).value_or("");
    if (!c || user.name.empty() || user.secret.empty() || user.role.empty()) continue;
    user.carrier = *c;
    if (scenario_.carriers[*c].profile.api.style.empty()) {
      reader_.Error(carrier, "carrier '" + scenario_.carriers[*c].name +
                                 "' has no HTTP API: its profile sets no api.style");
      continue;
    }
    for (const ApiUser& other : scenario_.live.users) {
      if (other.name == user.name && other.carrier == user.carrier) {
        reader_.Error(name, "user '" + user.name + "' is already defined for this carrier (line " +
                                std::to_string(other.line) + ")");
      }
    }
    scenario_.live.users.push_back(std::move(user));
  }
}


// - { name: on-suspend, carrier: soracom, rule: { type: status-change, to: suspended },
//     actions: [ { webhook: { url: http://127.0.0.1:9/x, method: POST, headers: {X-A: b},
//                             body: '{"sim":"${simId}"}' } }, { status: activate } ] }
void ScenarioLoader::ReadEventHandlers(const Field& handlers) {
  for (const Field& element : reader_.Elements(handlers)) {
    MapFields fields(reader_, element);
    const Field name = fields.Required("name", "the handler's name, unique in the scenario");
    const Field carrier = fields.Required("carrier", "the carrier whose SIMs it watches");
    const Field rule = fields.Required("rule", "{ type: status-change | session-status | "
                                               "daily-traffic | monthly-traffic, ... }");
    const Field actions = fields.Required("actions", "a list of { webhook: {...} } or "
                                                     "{ status: activate|deactivate|standby|suspend }");
    fields.Finish();
    EventHandlerSpec handler;
    handler.line = reader_.Where(element).line;
    if (name.present()) handler.name = reader_.Name(name).value_or("");
    std::optional<uint32_t> c;
    if (carrier.present()) c = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
    if (!c || handler.name.empty()) continue;
    handler.carrier = *c;
    const CarrierSpec& spec = scenario_.carriers[*c];
    if (spec.profile.api.style != "soracom") {
      reader_.Error(carrier, "carrier '" + spec.name + "' does not speak the Soracom API " +
                                 "(api.style), which event handlers belong to");
      continue;
    }
    for (const EventHandlerSpec& other : scenario_.live.handlers) {
      if (other.name == handler.name) {
        reader_.Error(name, "event handler '" + handler.name + "' is already defined (line " +
                                std::to_string(other.line) + ")");
      }
    }
    const bool rule_ok = rule.present() && ReadHandlerRule(rule, spec.profile, &handler);
    bool actions_ok = actions.present();
    for (const Field& a : actions.present() ? reader_.Elements(actions) : std::vector<Field>{}) {
      HandlerAction action;
      if (ReadHandlerAction(a, spec.profile, &action)) {
        handler.actions.push_back(std::move(action));
      } else {
        actions_ok = false;
      }
    }
    if (actions.present() && handler.actions.empty() && actions_ok) {
      reader_.Error(actions, "an event handler needs at least one action");
      actions_ok = false;
    }
    if (rule_ok && actions_ok) scenario_.live.handlers.push_back(std::move(handler));
  }
}

bool ScenarioLoader::ReadHandlerRule(const Field& rule, const CarrierProfile& profile,
                                     EventHandlerSpec* handler) {
  using Rule = EventHandlerSpec::Rule;
  MapFields fields(reader_, rule);
  if (!fields.is_map()) return false;
  const Field type = fields.Required("type", "status-change, session-status, daily-traffic or "
                                             "monthly-traffic");
  const Field to = fields.Optional("to");
  const Field online = fields.Optional("online");
  const Field above = fields.Optional("above");
  const std::optional<std::string> kind =
      type.present() ? reader_.Choice(type, {"status-change", "session-status", "daily-traffic",
                                             "monthly-traffic"}, "rule type")
                     : std::nullopt;
  if (!kind) {
    fields.Finish();
    return false;
  }
  // Each type takes its own keys: another's is an error, not silently ignored (every misplaced
  // key is reported, hence both checks run).
  const auto refuse = [&](const Field& f, const char* key) {
    if (f.present()) reader_.Error(f, std::string(key) + " does not apply to a " + *kind + " rule");
    return !f.present();
  };
  bool ok = true;
  if (*kind == "status-change") {
    handler->rule = Rule::kStatusChange;
    const bool a = refuse(online, "online"), b = refuse(above, "above");
    ok = a && b;
    if (to.present()) {
      const std::optional<std::string> status = reader_.Name(to);
      if (status) handler->status = profile.FindStatus(*status);
      if (status && !handler->status) {
        reader_.Error(to, "no status '" + *status + "' in this carrier's profile" +
                              DidYouMean(*status, profile.StatusNames()));
      }
      ok = ok && handler->status.has_value();
    }
  } else if (*kind == "session-status") {
    handler->rule = Rule::kSessionStatus;
    const bool a = refuse(to, "to"), b = refuse(above, "above");
    ok = a && b;
    if (!online.present()) reader_.Error(rule, "a session-status rule needs online: true|false");
    const std::optional<bool> value = online.present() ? reader_.Bool(online) : std::nullopt;
    handler->online = value.value_or(true);
    ok = ok && value.has_value();
  } else {
    handler->rule = *kind == "daily-traffic" ? Rule::kDailyTraffic : Rule::kMonthlyTraffic;
    const bool a = refuse(to, "to"), b = refuse(online, "online");
    ok = a && b;
    if (!above.present()) reader_.Error(rule, "a traffic rule needs above: SIZE (e.g. 10MB)");
    const std::optional<int64_t> bytes = above.present() ? reader_.DataSize(above) : std::nullopt;
    if (bytes && *bytes <= 0) reader_.Error(above, "above must be more than 0");
    handler->bytes = bytes.value_or(0);
    ok = ok && bytes && *bytes > 0;
  }
  fields.Finish();
  return ok;
}

bool ScenarioLoader::ReadHandlerAction(const Field& entry, const CarrierProfile& profile,
                                       HandlerAction* action) {
  MapFields fields(reader_, entry);
  if (!fields.is_map()) return false;
  const Field webhook = fields.Optional("webhook");
  const Field status = fields.Optional("status");
  fields.Finish();
  if (webhook.present() == status.present()) {
    reader_.Error(entry, "an action is either { webhook: {...} } or { status: VERB }");
    return false;
  }
  if (status.present()) {
    const std::optional<std::string> word =
        reader_.Choice(status, {"activate", "deactivate", "standby", "suspend"}, "status action");
    if (!word) return false;
    const std::optional<VerbId> verb = profile.ApiVerb(*word == "standby" ? "set_to_standby" : *word);
    if (!verb) {
      reader_.Error(status, "this carrier's profile has no verb for " + *word);
      return false;
    }
    action->kind = HandlerAction::Kind::kVerb;
    action->verb = *verb;
    return true;
  }
  action->kind = HandlerAction::Kind::kWebhook;
  return ReadWebhook(webhook, &action->webhook);
}

bool ScenarioLoader::ReadWebhook(const Field& f, WebhookSpec* webhook) {
  MapFields fields(reader_, f);
  if (!fields.is_map()) return false;
  const Field url = fields.Required("url", "http://HOST:PORT/PATH");
  const Field method = fields.Optional("method");
  const Field headers = fields.Optional("headers");
  const Field body = fields.Optional("body");
  const Field content_type = fields.Optional("content-type");
  bool ok = url.present();
  if (url.present()) {
    webhook->url = reader_.Text(url).value_or("");
    if (webhook->url.rfind("http://", 0) != 0 || webhook->url.size() <= 7) {
      reader_.Error(url, "a webhook URL is http://HOST:PORT/PATH (no TLS)");
      ok = false;
    }
  }
  if (method.present()) {
    const auto m = reader_.Choice(method, {"GET", "POST", "PUT", "DELETE"}, "HTTP method");
    webhook->method = m.value_or("POST");
    ok = ok && m.has_value();
  }
  if (body.present()) webhook->body = reader_.Text(body).value_or("");
  if (content_type.present()) webhook->content_type = reader_.Text(content_type).value_or("");
  if (headers.present()) {
    MapFields map(reader_, headers);
    for (const Field& h : map.Entries()) {
      const std::optional<std::string> name = reader_.Name(Field{h.key, h.key, h.path});
      const std::optional<std::string> value = reader_.Text(h);
      if (name && value) webhook->headers.emplace_back(*name, *value);
      ok = ok && name && value;
    }
  }
  fields.Finish();
  return ok;
}

}  // namespace carriersim
