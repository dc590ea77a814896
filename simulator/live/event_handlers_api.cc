// /v1/event_handlers: list, create, read, update and delete the caller's carrier's event
// handlers, in the shape of the public definition's EventHandlerModel (ruleConfig,
// actionConfigList). What the emulator cannot run (other rule or action types, actions at a
// later time than IMMEDIATELY) is refused with a 400 rather than stored and never fired.
#include <algorithm>
#include <cmath>
#include <string>

#include "simulator/live/soracom_internal.h"

namespace carriersim {
namespace {

using Rule = EventHandlerSpec::Rule;

// Event handler action types and the API verb each performs.
constexpr std::pair<std::string_view, std::string_view> kVerbActions[] = {
    {"ActivationAction", "activate"},
    {"DeactivationAction", "deactivate"},
    {"StandbyAction", "set_to_standby"},
    {"SuspendAction", "suspend"}};
constexpr std::pair<std::string_view, Rule> kRules[] = {
    {"SimStatusAttributeRule", Rule::kStatusChange},
    {"SubscriberStatusAttributeRule", Rule::kStatusChange},
    {"SubscriberSessionStatusRule", Rule::kSessionStatus},
    {"SubscriberDailyTrafficRule", Rule::kDailyTraffic},
    {"SubscriberMonthlyTrafficRule", Rule::kMonthlyTraffic}};
constexpr int64_t kMegaByte = 1024 * 1024;  // as the scenario's data sizes

// Thrown while reading a request body; turned into a 400 with its message.
struct BadInput {
  std::string message;
};

std::string Str(const Json& object, const char* name, bool required, std::string fallback = "") {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) throw BadInput{std::string(name) + " is required"};
    return fallback;
  }
  if (!it->is_string()) throw BadInput{std::string(name) + " must be a string"};
  return it->get<std::string>();
}

const Json& Obj(const Json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_object()) throw BadInput{std::string(name) + " must be an object"};
  return *it;
}

StatusId StatusByWord(const CarrierProfile& profile, const std::string& word) {
  for (StatusId s = 0; s < profile.statuses.size(); ++s) {
    if (profile.ApiStatusName(s) == word) return s;
  }
  throw BadInput{"no status '" + word + "'"};
}

void ReadRule(const Json& config, const CarrierProfile& profile, LiveHandler* h) {
  const std::string type = Str(config, "type", true);
  const auto rule = std::find_if(std::begin(kRules), std::end(kRules),
                                 [&](const auto& r) { return r.first == type; });
  if (rule == std::end(kRules)) throw BadInput{"ruleConfig.type " + type + " is not supported"};
  h->spec.rule = rule->second;
  const Json& p = Obj(config, "properties");
  if (rule->second == Rule::kStatusChange) {
    if (const std::string to = Str(p, "targetStatus", false); !to.empty()) {
      h->spec.status = StatusByWord(profile, to);
    }
    if (const std::string from = Str(p, "sourceStatus", false); !from.empty()) {
      h->from = StatusByWord(profile, from);
    }
  } else if (rule->second == Rule::kSessionStatus) {
    // The definition names no property for it; the emulator's: "online" or "offline".
    const std::string to = Str(p, "targetSessionStatus", false, "online");
    if (to != "online" && to != "offline") throw BadInput{"targetSessionStatus: online or offline"};
    h->spec.online = to == "online";
  } else {
    const auto it = p.find("limitTotalTrafficMegaByte");
    double mb = -1;
    if (it != p.end() && it->is_number()) mb = it->get<double>();
    if (it != p.end() && it->is_string()) mb = std::atof(it->get<std::string>().c_str());
    if (!(mb > 0 && mb < 1e9)) throw BadInput{"limitTotalTrafficMegaByte must be a positive number"};
    h->spec.bytes = static_cast<int64_t>(std::llround(mb * kMegaByte));
  }
}

HandlerAction ReadAction(const Json& config, const CarrierProfile& profile) {
  if (!config.is_object()) throw BadInput{"each actionConfigList item must be an object"};
  const std::string type = Str(config, "type", true);
  const Json& p = Obj(config, "properties");
  if (const std::string when = Str(p, "executionDateTimeConst", false, "IMMEDIATELY");
      when != "IMMEDIATELY") {
    throw BadInput{"executionDateTimeConst " + when + " is not supported: only IMMEDIATELY"};
  }
  HandlerAction action;
  if (type == "ExecuteWebRequestAction") {
    action.kind = HandlerAction::Kind::kWebhook;
    action.webhook.url = Str(p, "url", true);
    if (action.webhook.url.rfind("http://", 0) != 0) throw BadInput{"url must start with http://"};
    action.webhook.method = Str(p, "httpMethod", false, "POST");
    if (action.webhook.method != "GET" && action.webhook.method != "POST" &&
        action.webhook.method != "PUT" && action.webhook.method != "DELETE") {
      throw BadInput{"httpMethod must be GET, POST, PUT or DELETE"};
    }
    action.webhook.content_type = Str(p, "contentType", false, "application/json");
    action.webhook.body = Str(p, "body", false);
    if (const auto it = p.find("headers"); it != p.end() && !it->is_null()) {
      if (!it->is_object()) throw BadInput{"headers must be an object"};
      for (const auto& [name, value] : it->items()) {
        if (!value.is_string()) throw BadInput{"header " + name + " must be a string"};
        action.webhook.headers.emplace_back(name, value.get<std::string>());
      }
    }
    return action;
  }
  const auto verb = std::find_if(std::begin(kVerbActions), std::end(kVerbActions),
                                 [&](const auto& v) { return v.first == type; });
  if (verb == std::end(kVerbActions)) throw BadInput{"action type " + type + " is not supported"};
  const std::optional<VerbId> id = profile.ApiVerb(verb->second);
  if (!id) throw BadInput{"this carrier has no " + std::string(verb->second)};
  action.kind = HandlerAction::Kind::kVerb;
  action.verb = *id;
  return action;
}

// A handler from a request body. Throws BadInput.
LiveHandler ReadHandler(const LiveService& live, const ApiUser& user, const Json& body) {
  const CarrierProfile& profile = live.scenario().carriers[user.carrier].profile;
  LiveHandler h;
  h.spec.carrier = user.carrier;
  h.spec.name = Str(body, "name", false);
  h.description = Str(body, "description", false);
  const std::string status = Str(body, "status", false, "active");
  if (status != "active" && status != "inactive") throw BadInput{"status: active or inactive"};
  h.active = status == "active";
  if (const std::string op = Str(body, "targetOperatorId", false);
      !op.empty() && op != OperatorId(user.carrier)) {
    throw BadInput{"targetOperatorId is not your operator"};
  }
  const std::string imsi = Str(body, "targetImsi", false);
  const std::string sim_id = Str(body, "targetSimId", false);
  if (!imsi.empty() || !sim_id.empty()) {
    h.sim = CallerSim(live, user, imsi.empty() ? sim_id : imsi, !imsi.empty());
    if (!h.sim) throw BadInput{"the target names no SIM of yours"};
  }
  if (const std::string group = Str(body, "targetGroupId", false); !group.empty()) {
    const auto& groups = live.scenario().groups;
    const auto it = std::find_if(groups.begin(), groups.end(), [&](const GroupSpec& g) {
      return g.name == group && g.carrier == user.carrier;
    });
    if (it == groups.end()) throw BadInput{"no group " + group};
    h.group = static_cast<uint32_t>(it - groups.begin());
  }
  ReadRule(Obj(body, "ruleConfig"), profile, &h);
  const auto actions = body.find("actionConfigList");
  if (actions == body.end() || !actions->is_array() || actions->empty()) {
    throw BadInput{"actionConfigList must be a non-empty array"};
  }
  for (const Json& a : *actions) h.spec.actions.push_back(ReadAction(a, profile));
  return h;
}

Json RuleJson(const LiveHandler& h, const CarrierProfile& profile) {
  Json properties = Json::object();
  properties["inactiveTimeoutDateConst"] =
      h.spec.rule == Rule::kDailyTraffic     ? "BEGINNING_OF_NEXT_DAY"
      : h.spec.rule == Rule::kMonthlyTraffic ? "BEGINNING_OF_NEXT_MONTH"
                                             : "IMMEDIATELY";
  if (h.spec.status) properties["targetStatus"] = profile.ApiStatusName(*h.spec.status);
  if (h.from) properties["sourceStatus"] = profile.ApiStatusName(*h.from);
  if (h.spec.rule == Rule::kSessionStatus) {
    properties["targetSessionStatus"] = h.spec.online ? "online" : "offline";
  }
  if (h.spec.rule == Rule::kDailyTraffic || h.spec.rule == Rule::kMonthlyTraffic) {
    properties["limitTotalTrafficMegaByte"] = std::to_string(h.spec.bytes / kMegaByte);
  }
  const auto rule = std::find_if(std::begin(kRules), std::end(kRules),
                                 [&](const auto& r) { return r.second == h.spec.rule; });
  return Json{{"type", rule->first}, {"properties", properties}};
}

Json ActionJson(const HandlerAction& a, const CarrierProfile& profile) {
  Json properties;
  properties["executionDateTimeConst"] = "IMMEDIATELY";
  if (a.kind == HandlerAction::Kind::kWebhook) {
    properties["url"] = a.webhook.url;
    properties["httpMethod"] = a.webhook.method;
    properties["contentType"] = a.webhook.content_type;
    properties["body"] = a.webhook.body;
    Json headers = Json::object();
    for (const auto& [name, value] : a.webhook.headers) headers[name] = value;
    properties["headers"] = headers;
    return Json{{"type", "ExecuteWebRequestAction"}, {"properties", properties}};
  }
  std::string_view type = "ActivationAction";
  for (const auto& [t, word] : kVerbActions) {
    if (profile.ApiVerb(word) == a.verb) type = t;
  }
  return Json{{"type", type}, {"properties", properties}};
}

Json HandlerJson(const LiveService& live, const LiveHandler& h) {
  const CarrierProfile& profile = live.scenario().carriers[h.spec.carrier].profile;
  Json j;
  j["handlerId"] = h.id;
  j["name"] = h.spec.name;
  j["description"] = h.description;
  j["status"] = h.active ? "active" : "inactive";
  if (h.sim) {
    j["targetImsi"] = live.ids().Imsi(*h.sim);
  } else if (h.group) {
    j["targetGroupId"] = live.scenario().groups[*h.group].name;
  } else {
    j["targetOperatorId"] = OperatorId(h.spec.carrier);
  }
  j["ruleConfig"] = RuleJson(h, profile);
  Json actions = Json::array();
  for (const HandlerAction& a : h.spec.actions) actions.push_back(ActionJson(a, profile));
  j["actionConfigList"] = actions;
  return j;
}

HttpResponse Create(LiveService& live, SoracomState& st, const ApiUser& user, const Json& body,
                    std::vector<LiveHandler>::iterator replacing) {
  LiveHandler h = ReadHandler(live, user, body);
  if (replacing != st.handlers.end()) {
    h.id = replacing->id;
    h.uid = replacing->uid;
    h.from_scenario = replacing->from_scenario;
    if (h.spec.name.empty()) h.spec.name = replacing->spec.name;
    *replacing = std::move(h);
    WatchTraffic(live, st, *replacing);
    return JsonAnswer(200, HandlerJson(live, *replacing));
  }
  h.uid = st.next_handler++;
  h.id = "eh" + std::to_string(h.uid);
  if (h.spec.name.empty()) h.spec.name = h.id;
  st.handlers.push_back(std::move(h));
  WatchTraffic(live, st, st.handlers.back());
  return JsonAnswer(201, HandlerJson(live, st.handlers.back()));
}

}  // namespace

HttpResponse SoracomEventHandlers(LiveService& live, const ApiUser& user,
                                  const HttpRequest& request) {
  SoracomState& st = SoracomOf(live);
  const std::vector<std::string>& s = request.segments;  // v1 event_handlers [ID]
  if (s.size() > 3) return SoracomError(404, kNotFound, "no such API: " + request.path);
  const std::string& m = request.method;
  auto it = st.handlers.end();
  if (s.size() == 3) {
    it = std::find_if(st.handlers.begin(), st.handlers.end(), [&](const LiveHandler& h) {
      return h.id == s[2] && h.spec.carrier == user.carrier;
    });
    if (it == st.handlers.end()) return SoracomError(404, kNotFound, "no event handler " + s[2]);
    if (m == "GET") return JsonAnswer(200, HandlerJson(live, *it));
    if (m == "DELETE") {
      st.handlers.erase(it);
      HttpResponse gone = JsonAnswer(204, Json());
      gone.body.clear();
      return gone;
    }
    if (m != "PUT") return SoracomError(405, kBadMethod, "use GET, PUT or DELETE");
  } else if (m == "GET") {
    Json list = Json::array();
    for (const LiveHandler& h : st.handlers) {
      if (h.spec.carrier == user.carrier) list.push_back(HandlerJson(live, h));
    }
    return JsonAnswer(200, list);
  } else if (m != "POST") {
    return SoracomError(405, kBadMethod, "use GET or POST");
  }
  HttpResponse error;
  const std::optional<Json> body = ParseBody(request, &error);
  if (!body) return error;
  try {
    return Create(live, st, user, *body, it);
  } catch (const BadInput& bad) {
    return SoracomError(400, kBadRequest, bad.message);
  }
}

}  // namespace carriersim
