// The KORE-shaped API, in the shape of the Twilio Wireless v1 API it derives from: auth (HTTP
// Basic with an account SID and auth token, or a Bearer token from POST /v1/auth/token), the
// routes, and GET /v1/Sims and /v1/Sims/{Sid}. Field names, paging and errors follow
// twilio/twilio-oai spec/json/twilio_wireless_v1.json, so the official helper library works
// against it (NOTES-kore-hologram.md).
#include <algorithm>
#include <cctype>

#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "simulator/live/carrier_sims.h"
#include "simulator/live/kore_internal.h"

namespace carriersim {
namespace {

constexpr int64_t kTokenLifetimeSeconds = 3600;

const ApiUser* Caller(LiveService& live, const HttpRequest& request) {
  const std::string* header = request.Header("authorization");
  const std::string token = BearerToken(header);
  if (!token.empty()) return live.access().FromToken("kore", token);
  std::string user, password;
  if (ParseBasicAuth(header, &user, &password)) return live.access().Login("kore", user, password);
  return nullptr;
}

// POST /v1/auth/token: OAuth2 client credentials, as a form or JSON body, the client's id and
// secret in the body or in Basic auth.
HttpResponse IssueToken(LiveService& live, const HttpRequest& request) {
  if (request.method != "POST") return KoreError(405, 20004, "use POST for /v1/auth/token");
  HttpFields fields;
  const std::string* type = request.Header("content-type");
  if (type != nullptr && type->rfind("application/json", 0) == 0) {
    const Json body = Json::parse(request.body, nullptr, false);
    if (!body.is_object()) return KoreError(400, 20001, "the body is not a JSON object");
    for (const auto& [key, value] : body.items()) {
      if (!value.is_string()) return KoreError(400, 20001, "'" + key + "' must be a string");
      fields.emplace_back(key, value.get<std::string>());
    }
  } else if (!ParseForm(request.body, &fields)) {
    return KoreError(400, 20001, "malformed form body (a bad percent escape)");
  }
  const auto field = [&](std::string_view name) -> std::string {
    for (const auto& [k, v] : fields) {
      if (k == name) return v;
    }
    return "";
  };
  if (field("grant_type") != "client_credentials") {
    return KoreError(400, 20001, "grant_type must be client_credentials");
  }
  std::string id = field("client_id"), secret = field("client_secret");
  if (id.empty()) ParseBasicAuth(request.Header("authorization"), &id, &secret);
  const ApiUser* user = live.access().Login("kore", id, secret);
  if (user == nullptr) return KoreError(401, 20003, "Authenticate: unknown client or bad secret");
  Json j;
  j["access_token"] = live.access().IssueToken(user, kTokenLifetimeSeconds * 1000);
  j["expires_in"] = kTokenLifetimeSeconds;
  j["token_type"] = "Bearer";
  return KoreJson(j);
}

// A SIM's default unique_name: its scenario name with '-' for '#' ("trackers-3"), as clients
// do not escape a '#' in a path (the helper library does not).
std::string DefaultUniqueName(const World& world, SimId sim) {
  std::string name = world.directory().SimName(sim);
  name[name.rfind('#')] = '-';
  return name;
}

// The SIM a path segment names, among the caller's: its SID, a UniqueName set through the API,
// or its scenario name with '#' or '-' before the index ("trackers-3", its default unique_name).
std::optional<SimId> FindSim(const KoreCall& call, const std::string& text) {
  const World& world = call.live.world();
  std::optional<SimId> sim = call.live.ids().FromSid(text);
  if (!sim) {
    for (const auto& [s, edits] : call.state.edits) {
      if (edits.unique_name == text) sim = s;
    }
  }
  if (!sim) sim = SimNamed(world.scenario(), text, "#-");  // the default unique_name
  if (!sim || !SimOfCarrier(world, *sim, call.user.carrier)) return std::nullopt;
  return sim;
}

// The plan a RatePlan filter names: its rate plan SID or its profile name.
std::optional<PlanId> FindPlan(const KoreCall& call, const std::string& text) {
  const Scenario& scenario = call.live.scenario();
  const CarrierProfile& profile = scenario.carriers[call.user.carrier].profile;
  for (PlanId p = 0; p < profile.plans.size(); ++p) {
    if (text == profile.plans[p].name || text == KoreRatePlanSid(scenario, call.user.carrier, p)) {
      return p;
    }
  }
  return std::nullopt;
}

HttpResponse ListSims(KoreCall& call) {
  KorePage page;
  HttpResponse error;
  if (!ReadKorePage(call.request, &page, &error)) return error;
  const World& world = call.live.world();
  const CarrierProfile& profile = world.scenario().carriers[call.user.carrier].profile;
  HttpFields filters;
  std::optional<std::string> status;
  std::optional<SimId> iccid_sim;
  std::optional<PlanId> plan;
  bool none = false;  // a filter no SIM can match
  if (const std::string* s = call.request.Query("Status")) {
    filters.emplace_back("Status", *s);
    bool known = false;
    for (StatusId st = 0; st < profile.statuses.size(); ++st)
      known |= profile.ApiStatusName(st) == *s;
    if (!known) return KoreError(400, 20001, "Status '" + *s + "' is not a SIM status");
    status = *s;
  }
  if (const std::string* s = call.request.Query("Iccid")) {
    filters.emplace_back("Iccid", *s);
    iccid_sim = call.live.ids().FromIccid(*s);
    none |= !iccid_sim;
  }
  if (const std::string* s = call.request.Query("RatePlan")) {
    filters.emplace_back("RatePlan", *s);
    plan = FindPlan(call, *s);
    none |= !plan;
  }
  const auto matches = [&](SimId sim) {
    return (!status || profile.ApiStatusName(world.network().status(sim)) == *status) &&
           (!iccid_sim || sim == *iccid_sim) && (!plan || world.network().plan(sim) == *plan);
  };
  Json sims = Json::array();
  std::optional<int64_t> next;
  int64_t skip = page.token ? 0 : page.page * page.size;
  if (!none) {
    ForEachSimOf(world.scenario(), call.user.carrier, page.token.value_or(0), [&](SimId sim) {
      if (!matches(sim)) return true;
      if (skip > 0) {
        --skip;
        return true;
      }
      if (static_cast<int64_t>(sims.size()) == page.size) {
        next = sim;  // the next page starts here
        return false;
      }
      sims.push_back(KoreSimJson(call.live, call.state, call.base, sim));
      return true;
    });
  }
  Json body;
  body["sims"] = std::move(sims);
  body["meta"] = KoreMeta(call, "sims", filters, page, next);
  return KoreJson(body);
}

HttpResponse SimRoutes(KoreCall& call) {
  const std::vector<std::string>& s = call.request.segments;
  const std::string& method = call.request.method;
  if (s.size() == 2) {
    return method == "GET" ? ListSims(call) : KoreError(405, 20004, "use GET for /v1/Sims");
  }
  const std::optional<SimId> sim = FindSim(call, s[2]);
  if (!sim)
    return KoreError(404, 20404, "The requested resource /v1/Sims/" + s[2] + " was not found");
  if (s.size() == 3) {
    if (method == "GET") return KoreJson(KoreSimJson(call.live, call.state, call.base, *sim));
    if (method == "POST") return KoreUpdateSim(call, *sim);
    return KoreError(405, 20004, "use GET or POST for /v1/Sims/{Sid}");
  }
  if (s.size() == 4 && (s[3] == "UsageRecords" || s[3] == "DataSessions")) {
    if (method != "GET") return KoreError(405, 20004, "use GET for /v1/Sims/{Sid}/" + s[3]);
    return s[3] == "UsageRecords" ? KoreUsageRecords(call, *sim) : KoreDataSessions(call, *sim);
  }
  return KoreError(404, 20404, "The requested resource " + call.request.path + " was not found");
}

}  // namespace

HttpResponse KoreError(int status, int code, std::string_view message) {
  return ApiError("kore", status, std::to_string(code), message);
}

HttpResponse KoreJson(const Json& body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

std::string KoreSid(std::string_view prefix, uint64_t a, uint64_t b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  for (const uint64_t v : {a, b}) {
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 15];
  }
  return out;
}

std::string KoreAccountSid(const Scenario& scenario, uint32_t carrier) {
  return KoreSid("AC", Mix64(scenario.seed ^ 0xacc0), Mix64(scenario.seed + carrier + 1));
}

std::string KoreRatePlanSid(const Scenario& scenario, uint32_t carrier, PlanId plan) {
  return KoreSid("WP", Mix64(scenario.seed ^ 0x9a7e),
                 Mix64(((uint64_t{carrier} << 16) | plan) + 1));
}

std::string KoreTime(const LiveService& live, SimTime t) {
  // Twilio writes whole seconds; the helper library parses no fraction.
  return FormatTimestamp(live.scenario().start + t - t % kSecond);
}

Json KoreSimJson(const LiveService& live, const KoreState& state, const std::string& base,
                 SimId sim) {
  const World& world = live.world();
  const Network& network = world.network();
  const uint32_t carrier = world.directory().GroupOf(sim).carrier;
  const CarrierProfile& profile = world.scenario().carriers[carrier].profile;
  const std::string sid = live.ids().Sid(sim);
  const std::string url = base + "/v1/Sims/" + sid;
  const auto edits = state.edits.find(sim);
  SimTime updated = network.stable_since(sim);
  if (network.status(sim) != network.stable(sim)) {
    // A change in progress began after the stable status was entered: its time is the SIM's
    // last change (the newest of the history, found from the end).
    const SpillLog<StatusChange>& changes = world.recorder().history().changes;
    for (size_t i = changes.size(); i-- > 0;) {
      if (changes[i].sim == sim) {
        updated = std::max(updated, changes[i].time);
        break;
      }
    }
  }
  if (edits != state.edits.end()) updated = std::max(updated, edits->second.at);
  const std::string name = world.directory().SimName(sim);
  Json j;
  j["sid"] = sid;
  j["unique_name"] = edits != state.edits.end() && !edits->second.unique_name.empty()
                         ? edits->second.unique_name
                         : DefaultUniqueName(world, sim);
  j["account_sid"] = KoreAccountSid(world.scenario(), carrier);
  j["rate_plan_sid"] = KoreRatePlanSid(world.scenario(), carrier, network.plan(sim));
  j["friendly_name"] = edits != state.edits.end() && !edits->second.friendly_name.empty()
                           ? edits->second.friendly_name
                           : name;
  j["iccid"] = live.ids().Iccid(sim);
  j["e_id"] = nullptr;
  j["status"] = profile.ApiStatusName(network.status(sim));
  j["reset_status"] = nullptr;
  j["commands_callback_url"] = nullptr;
  j["commands_callback_method"] = "POST";
  for (const char* channel : {"sms_fallback", "sms", "voice_fallback", "voice"}) {
    j[std::string(channel) + "_method"] = "POST";
    j[std::string(channel) + "_url"] = nullptr;
  }
  j["date_created"] = KoreTime(live, 0);  // every SIM of a scenario exists from its start
  j["date_updated"] = KoreTime(live, updated);
  j["url"] = url;
  j["links"] = {{"usage_records", url + "/UsageRecords"},
                {"data_sessions", url + "/DataSessions"},
                {"rate_plan", base + "/v1/RatePlans/" + j["rate_plan_sid"].get<std::string>()}};
  j["ip_address"] = nullptr;
  return j;
}

bool ReadKorePage(const HttpRequest& request, KorePage* page, HttpResponse* error) {
  const auto number = [&](const char* name, int64_t low, int64_t high, int64_t* out) {
    const std::string* text = request.Query(name);
    if (text == nullptr) return true;
    int64_t v = 0;
    bool ok = !text->empty() && text->size() <= 12;
    for (const char c : *text) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    if (ok) v = std::stoll(*text);
    if (!ok || v < low || v > high) {
      *error = KoreError(400, 20001,
                         std::string(name) + " must be a whole number from " + std::to_string(low) +
                             " to " + std::to_string(high));
      return false;
    }
    *out = v;
    return true;
  };
  if (!number("PageSize", 1, 1000, &page->size) || !number("Page", 0, 1'000'000'000, &page->page)) {
    return false;
  }
  if (const std::string* token = request.Query("PageToken")) {
    int64_t at = -1;
    if (token->size() > 2 && token->size() <= 14 && token->rfind("PA", 0) == 0 &&
        std::all_of(token->begin() + 2, token->end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      at = std::stoll(token->substr(2));
    }
    if (at < 0) {
      *error = KoreError(400, 20001, "PageToken '" + *token + "' is not one this API gave");
      return false;
    }
    page->token = at;
  }
  return true;
}

Json KoreMeta(const KoreCall& call, std::string_view key, const HttpFields& filters,
              const KorePage& page, std::optional<int64_t> next) {
  const auto url = [&](int64_t number, std::optional<int64_t> token) {
    std::string u = call.base + call.request.path + "?";
    for (const auto& [k, v] : filters) u += k + "=" + PercentEncode(v) + "&";
    u += "PageSize=" + std::to_string(page.size) + "&Page=" + std::to_string(number);
    if (token) u += "&PageToken=PA" + std::to_string(*token);
    return u;
  };
  Json meta;
  meta["page"] = page.page;
  meta["page_size"] = page.size;
  meta["first_page_url"] = url(0, std::nullopt);
  // Previous pages are found by their number (the offset), next ones by where they start.
  meta["previous_page_url"] = page.page > 0 ? Json(url(page.page - 1, std::nullopt)) : Json();
  meta["url"] = url(page.page, page.token);
  meta["next_page_url"] = next ? Json(url(page.page + 1, next)) : Json();
  meta["key"] = key;
  return meta;
}

HttpResponse KoreApi(LiveService& live, const HttpRequest& request) {
  std::vector<std::string> s = request.segments;
  if (!s.empty() && s.back().empty()) s.pop_back();  // a trailing '/'
  if (s.size() == 3 && s[1] == "auth" && s[2] == "token") return IssueToken(live, request);
  const ApiUser* user = Caller(live, request);
  if (user == nullptr) {
    return KoreError(401, 20003,
                     "Authenticate: HTTP Basic (account SID, auth token) or a Bearer "
                     "token from POST /v1/auth/token required");
  }
  HttpRequest normalized = request;
  normalized.segments = std::move(s);
  KoreCall call{live, *user, normalized, BaseUrlOf(request), live.ApiState<KoreState>("kore")};
  live.Sync();
  if (normalized.segments.size() >= 2 && normalized.segments[1] == "Sims") return SimRoutes(call);
  if (normalized.segments.size() == 2 && normalized.segments[1] == "Commands") {
    return KoreSendCommand(call, [&](const std::string& text) { return FindSim(call, text); });
  }
  return KoreError(404, 20404, "The requested resource " + request.path + " was not found");
}

}  // namespace carriersim
