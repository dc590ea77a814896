// The Hologram-shaped API under /api/1: devices and their cellular links, state changes one at
// a time or in batches, usage limits. Envelope {success, data} / {success: false, error}; auth
// by API key (HTTP Basic with user `apikey`, or ?apikey=), each key a user with an organization
// role (HOL-4). Requests act through the channel "api": the dashboard's limit of 10 SIMs does not
// apply (HOL-3). NOTES-kore-hologram.md describes the shapes.
#include <nlohmann/json.hpp>

#include "simulator/base/calendar.h"
#include "simulator/live/apis.h"
#include "simulator/live/carrier_sims.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

constexpr int64_t kDefaultLimit = 100;
constexpr int64_t kMaxLimit = 1000;
// Organization ids: one organization per carrier, numbered from here by the carrier's index.
constexpr int64_t kFirstOrgId = 10'000;

struct HologramState {
  int64_t jobs = 0;  // job ids handed out
};

struct HologramCall {
  LiveService& live;
  const ApiUser& user;
  const HttpRequest& request;
  std::vector<std::string> path;  // after /api/1
};

HttpResponse Error(int status, std::string_view message) {
  return ApiError("hologram", status, "", message);
}

// Hologram's envelope of every answer that worked: {"success": true, "data": ...}.
HttpResponse Success(Json data) {
  Json j;
  j["success"] = true;
  j["data"] = std::move(data);
  HttpResponse r;
  r.body = j.dump();
  return r;
}

int64_t OrgId(uint32_t carrier) { return kFirstOrgId + carrier; }

// "2026-01-01 00:00:00", as Hologram writes times (UTC).
std::string HologramTime(const LiveService& live, SimTime t) {
  std::string text = FormatTimestamp(live.scenario().start + t - t % kSecond);
  if (text.size() >= 19) text = text.substr(0, 10) + " " + text.substr(11, 8);
  return text;
}

const ApiUser* Caller(LiveService& live, const HttpRequest& request) {
  std::string user, key;
  if (ParseBasicAuth(request.Header("authorization"), &user, &key)) {
    return user == "apikey" ? live.access().LoginBySecret("hologram", key) : nullptr;
  }
  const std::string* query_key = request.Query("apikey");
  return query_key != nullptr ? live.access().LoginBySecret("hologram", *query_key) : nullptr;
}

std::optional<SimId> FindDevice(const HologramCall& call, const std::string& text) {
  const std::optional<SimId> sim = call.live.ids().FromDeviceId(text);
  if (!sim || !SimOfCarrier(call.live.world(), *sim, call.user.carrier)) return std::nullopt;
  return sim;
}

Json DeviceJson(const HologramCall& call, SimId sim) {
  const World& world = call.live.world();
  const CarrierProfile& profile = world.directory().ProfileOf(sim);
  const int64_t id = call.live.ids().DeviceId(sim);
  const PlanId plan = world.network().plan(sim);
  Json link;
  link["id"] = id;  // one link per device: it shares the device's id
  link["deviceid"] = id;
  link["sim"] = call.live.ids().Iccid(sim);
  link["imsi"] = call.live.ids().Imsi(sim);
  link["msisdn"] = "";
  link["state"] = profile.ApiStatusName(world.network().status(sim));
  link["plan"] = {{"id", plan}, {"name", profile.plans[plan].name}};
  link["carrierid"] = call.user.carrier;
  link["whenclaimed"] = HologramTime(call.live, 0);
  Json j;
  j["id"] = id;
  j["orgid"] = OrgId(call.user.carrier);
  j["name"] = world.directory().SimName(sim);
  j["type"] = "Custom";
  j["whencreated"] = HologramTime(call.live, 0);
  j["phonenumber"] = "";
  j["tunnelable"] = false;
  j["imei"] = "";
  j["links"] = {{"cellular", Json::array({link})}};
  return j;
}

// A non-negative whole number of query parameter `name`: false when malformed.
bool QueryNumber(const HttpRequest& request, const char* name, int64_t* out) {
  const std::string* text = request.Query(name);
  if (text == nullptr) return true;
  if (text->empty() || text->size() > 15 ||
      !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *out = std::stoll(*text);
  return true;
}

// ?orgid=N, when given, must be the caller's organization; `required` for batch requests.
std::optional<HttpResponse> CheckOrg(const HologramCall& call, bool required) {
  int64_t orgid = -1;
  if (!QueryNumber(call.request, "orgid", &orgid)) return Error(400, "orgid must be a number");
  if (orgid < 0) {
    return required ? std::optional(Error(400, "orgid is required for batch requests"))
                    : std::nullopt;
  }
  if (orgid != OrgId(call.user.carrier)) {
    return Error(403, "not a member of organization " + std::to_string(orgid));
  }
  return std::nullopt;
}

HttpResponse ListDevices(const HologramCall& call) {
  if (auto error = CheckOrg(call, false)) return *error;
  int64_t limit = kDefaultLimit;
  if (!QueryNumber(call.request, "limit", &limit) || limit < 1 || limit > kMaxLimit) {
    return Error(400, "limit must be a number from 1 to " + std::to_string(kMaxLimit));
  }
  int64_t first = 0;
  if (const std::string* s = call.request.Query("startafter")) {
    const std::optional<SimId> sim = FindDevice(call, *s);
    if (!sim) {
      return Error(400, "startafter must be the id of one of your devices");
    }
    first = int64_t{*sim} + 1;
  }
  Json devices = Json::array();
  bool continues = false;
  ForEachSimOf(call.live.scenario(), call.user.carrier, first, [&](SimId sim) {
    if (static_cast<int64_t>(devices.size()) == limit) {
      continues = true;
      return false;
    }
    devices.push_back(DeviceJson(call, sim));
    return true;
  });
  Json j;
  j["success"] = true;
  j["limit"] = limit;
  j["size"] = devices.size();
  j["continues"] = continues;
  const Json last = devices.empty() ? Json() : devices.back()["id"];
  j["lastid"] = last;
  const std::string base = BaseUrlOf(call.request) + "/api/1/devices";
  j["links"] = {{"base", base}};
  if (continues) {
    j["links"]["next"] = base + "?startafter=" + std::to_string(last.get<int64_t>()) +
                         "&limit=" + std::to_string(limit);
  }
  j["data"] = std::move(devices);
  HttpResponse r;
  r.body = j.dump();
  return r;
}

// The JSON object of a POST body, or the 400 that says why there is none.
std::optional<Json> BodyObject(const HttpRequest& request, HttpResponse* error) {
  Json body = Json::parse(request.body, nullptr, false);
  if (!body.is_object()) {
    *error = Error(400, "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

// The body's `deviceids`: ids of the caller's devices, each once, in order. Every id is checked
// before anything acts: a batch naming a device that is not the caller's changes nothing.
bool ReadDeviceIds(const HologramCall& call, const Json& body, std::vector<SimId>* sims,
                   HttpResponse* error) {
  const auto it = body.find("deviceids");
  if (it == body.end() || !it->is_array() || it->empty()) {
    *error = Error(400, "deviceids must be a non-empty list of device ids");
    return false;
  }
  for (const Json& id : *it) {
    std::string text;
    if (id.is_number_unsigned())
      text = std::to_string(id.get<uint64_t>());
    else if (id.is_string())
      text = id.get<std::string>();
    const std::optional<SimId> sim = text.empty() ? std::nullopt : FindDevice(call, text);
    if (!sim) {
      *error = Error(404, "device " + (text.empty() ? id.dump() : text) + " not found");
      return false;
    }
    if (std::find(sims->begin(), sims->end(), *sim) == sims->end()) sims->push_back(*sim);
  }
  return true;
}

int RefusalStatus(Refusal refusal) {
  if (refusal == Refusal::kRole) return 403;
  if (refusal == Refusal::kInProgress) return 409;
  return 400;
}

// Acts `action` (a verb or a usage limit) on each SIM. One SIM: its refusal is the answer. More:
// every SIM is tried and data.devices says what became of each; the answer is an error only
// when none was accepted (or the caller's role may not act at all: 403, and nothing changed).
HttpResponse ActOnEach(HologramCall& call, TimelineAction action, const std::vector<SimId>& sims,
                       Json data) {
  Json results = Json::array();
  int64_t accepted = 0;
  std::optional<Outcome> first_refusal;
  for (const SimId sim : sims) {
    // The caller's role and the API's channel with what `action` asks.
    TimelineAction a = SimAction(call.live.world(), sim, action.kind, call.user.role);
    a.verb = action.verb;
    a.amount = action.amount;
    const Outcome outcome = call.live.Act(a, "hologram", call.user.name);
    if (outcome.refusal == Refusal::kRole) return Error(403, outcome.reason);
    Json r;
    r["deviceid"] = call.live.ids().DeviceId(sim);
    r["result"] = outcome.result == VerbResult::kApplied     ? "applied"
                  : outcome.result == VerbResult::kUnchanged ? "unchanged"
                                                             : "refused";
    if (outcome.result == VerbResult::kRefused) {
      r["error"] = outcome.reason;
      if (!first_refusal) first_refusal = outcome;
    } else {
      ++accepted;
    }
    results.push_back(std::move(r));
  }
  if (accepted == 0) {
    Json j;
    j["success"] = false;
    j["error"] = (sims.size() == 1 ? "" : "no device changed: ") + first_refusal->reason;
    if (sims.size() > 1) j["data"] = {{"devices", results}};
    HttpResponse r;
    r.status = RefusalStatus(first_refusal->refusal);
    r.body = j.dump();
    return r;
  }
  data["jobid"] = ++call.live.ApiState<HologramState>("hologram").jobs;
  data["accepted"] = accepted;
  data["refused"] = static_cast<int64_t>(sims.size()) - accepted;
  data["devices"] = std::move(results);
  return Success(std::move(data));
}

// POST /devices/{id}/state, /devices/state, /devices/batch/state: {state, deviceids}.
HttpResponse ChangeState(HologramCall& call, std::optional<SimId> one) {
  HttpResponse error;
  const std::optional<Json> body = BodyObject(call.request, &error);
  if (!body) return error;
  const auto state = body->find("state");
  if (state == body->end() || !state->is_string()) return Error(400, "state must be a string");
  const std::string word = state->get<std::string>();
  const CarrierProfile& profile = call.live.scenario().carriers[call.user.carrier].profile;
  const std::optional<VerbId> verb = profile.ApiVerb(word);
  if (!verb) return Error(400, "unknown state '" + word + "' (pause, live or deactivate)");
  std::vector<SimId> sims;
  if (one)
    sims.push_back(*one);
  else if (!ReadDeviceIds(call, *body, &sims, &error))
    return error;
  TimelineAction action;
  action.kind = ActionKind::kVerb;
  action.verb = *verb;
  return ActOnEach(call, action, sims, Json{{"state", word}});
}

// POST /devices/{id}/usagelimit, /devices/batch/usagelimit: {datathreshold (bytes), deviceids}.
// overagelimit and smslimit are accepted and not modelled.
HttpResponse SetUsageLimit(HologramCall& call, std::optional<SimId> one) {
  HttpResponse error;
  const std::optional<Json> body = BodyObject(call.request, &error);
  if (!body) return error;
  const auto threshold = body->find("datathreshold");
  if (threshold == body->end() || !threshold->is_number_integer() ||
      threshold->get<int64_t>() < 0) {
    return Error(400, "datathreshold must be a whole number of bytes, 0 or more (0: no limit)");
  }
  std::vector<SimId> sims;
  if (one)
    sims.push_back(*one);
  else if (!ReadDeviceIds(call, *body, &sims, &error))
    return error;
  TimelineAction action;
  action.kind = ActionKind::kUsageLimit;
  action.amount = threshold->get<int64_t>();
  return ActOnEach(call, action, sims, Json{{"datathreshold", action.amount}});
}

HttpResponse DeviceRoutes(HologramCall& call) {
  const std::vector<std::string>& p = call.path;
  const std::string& method = call.request.method;
  const auto only = [&](const char* allowed) {
    return Error(405, "use " + std::string(allowed) + " for " + call.request.path);
  };
  if (p.size() == 1) return method == "GET" ? ListDevices(call) : only("GET");
  if (p.size() == 2 && p[1] == "state")
    return method == "POST" ? ChangeState(call, {}) : only("POST");
  if (p.size() == 3 && p[1] == "batch" && (p[2] == "state" || p[2] == "usagelimit")) {
    if (method != "POST") return only("POST");
    if (auto error = CheckOrg(call, true)) return *error;
    return p[2] == "state" ? ChangeState(call, {}) : SetUsageLimit(call, {});
  }
  const std::optional<SimId> sim = FindDevice(call, p[1]);
  if (!sim) return Error(404, "device " + p[1] + " not found");
  if (p.size() == 2) return method == "GET" ? Success(DeviceJson(call, *sim)) : only("GET");
  if (p.size() == 3 && p[2] == "state")
    return method == "POST" ? ChangeState(call, sim) : only("POST");
  if (p.size() == 3 && p[2] == "usagelimit") {
    return method == "POST" ? SetUsageLimit(call, sim) : only("POST");
  }
  return Error(404, "no API at " + call.request.path);
}

}  // namespace

HttpResponse HologramApi(LiveService& live, const HttpRequest& request) {
  const ApiUser* user = Caller(live, request);
  if (user == nullptr) {
    return Error(401, "an API key is required: HTTP Basic with user 'apikey', or ?apikey=");
  }
  std::vector<std::string> path(
      request.segments.begin() + std::min<size_t>(2, request.segments.size()),
      request.segments.end());
  if (!path.empty() && path.back().empty()) path.pop_back();  // a trailing '/'
  HologramCall call{live, *user, request, std::move(path)};
  live.Sync();
  if (!call.path.empty() && call.path[0] == "devices") return DeviceRoutes(call);
  return Error(404, "no API at " + request.path);
}

}  // namespace carriersim
