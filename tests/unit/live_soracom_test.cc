// The Soracom-shaped API and its event handlers, called directly (no socket) on a manual clock.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "simulator/live/apis.h"
#include "simulator/live/event_handlers.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using Json = nlohmann::json;

const char* const kScenario = R"(
name: live-soracom
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 7
currency: JPY
carriers:
  soracom:
    profile: soracom
    overrides: { verbs: { terminate: { roles: [owner] } } }
  other: { profile: soracom }
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 2KB, downlink: 512B }
fleet:
  - { group: trackers, count: 3, carrier: soracom, plan: plan-KM1, device: tracker }
  - { group: japan, count: 1, carrier: soracom, plan: plan-D, device: tracker }
  - { group: theirs, count: 2, carrier: other, plan: plan-KM1, device: tracker }
live:
  users:
    - { carrier: soracom, name: keyId-ops, secret: secret-ops, role: owner }
    - { carrier: soracom, name: viewer, secret: pw-viewer, role: viewer }
    - { carrier: other, name: keyId-other, secret: secret-other }
  event-handlers:
    - name: on-suspend
      carrier: soracom
      rule: { type: status-change, to: suspended }
      actions:
        - webhook: { url: 'http://127.0.0.1:9/hook', headers: { X-A: b },
                     body: '{"sim":"${simId}","status":"${status}","was":"${previousStatus}"}' }
)";

HttpRequest Make(std::string method, std::string target, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  const size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) ParseForm(target.substr(q + 1), &r.query);
  size_t start = 1;
  while (start <= r.path.size()) {
    const size_t end = std::min(r.path.find('/', start), r.path.size());
    r.segments.push_back(r.path.substr(start, end - start));
    start = end + 1;
  }
  r.body = std::move(body);
  return r;
}

struct Fixture {
  Scenario scenario = test::LoadValid(kScenario);
  LiveService live{scenario, LiveClock::Mode::kManual, 1};
  HttpFields auth;

  Fixture() {
    InstallEventHandlers(live);
    auth = Login(R"({"authKeyId":"keyId-ops","authKey":"secret-ops"})");
  }
  HttpFields Login(const std::string& body) {
    const HttpResponse r = Call("POST", "/v1/auth", body, {});
    REQUIRE(r.status == 200);
    const Json j = Json::parse(r.body);
    return {{"x-soracom-api-key", j["apiKey"]}, {"x-soracom-token", j["token"]}};
  }
  HttpResponse Call(std::string method, std::string target, std::string body = "") {
    return Call(std::move(method), std::move(target), std::move(body), auth);
  }
  HttpResponse Call(std::string method, std::string target, std::string body,
                    const HttpFields& headers) {
    HttpRequest r = Make(std::move(method), std::move(target), std::move(body));
    r.headers = headers;
    return Route(live, ControlHooks{}, r);
  }
  void AdvanceTo(SimTime t) {
    const auto wall = std::chrono::steady_clock::now();
    live.clock().Set(t, wall);
    live.Sync(wall);
  }
  std::string Iccid(SimId sim) const { return live.ids().Iccid(sim); }
};

void CheckErrorShape(const HttpResponse& r, int status) {
  CHECK(r.status == status);
  const Json j = Json::parse(r.body);
  REQUIRE(j.is_object());
  CHECK(j.value("code", Json()).is_string());
  CHECK(j.value("message", Json()).is_string());
}

const std::string* HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return &v;
  }
  return nullptr;
}

TEST_CASE("Soracom auth: keys and SAM users get tokens, bad credentials and missing headers 401") {
  Fixture f;
  const Json user = Json::parse(
      f.Call("POST", "/v1/auth", R"({"userName":"viewer","password":"pw-viewer"})", {}).body);
  CHECK(user["userName"] == "viewer");
  CHECK(user["operatorId"] == "OP0000000001");
  CheckErrorShape(f.Call("POST", "/v1/auth", R"({"authKeyId":"keyId-ops","authKey":"x"})", {}),
                  401);
  CheckErrorShape(f.Call("POST", "/v1/auth", "{not json", {}), 400);
  CheckErrorShape(f.Call("POST", "/v1/auth", R"({"authKeyId":7})", {}), 400);
  const HttpResponse missing = f.Call("GET", "/v1/sims", "", {});
  CheckErrorShape(missing, 401);
  CHECK(Json::parse(missing.body)["code"] == "AUM0001");
  // A key of one login and the token of another do not make a caller.
  HttpFields mixed = f.auth;
  mixed[1].second = f.Login(R"({"authKeyId":"keyId-other","authKey":"secret-other"})")[1].second;
  CheckErrorShape(f.Call("GET", "/v1/sims", "", mixed), 401);
  CHECK(f.Call("GET", "/v1/sims").status == 200);
}

TEST_CASE("Soracom GET /v1/sims pages the caller's carrier's SIMs with x-soracom-next-key") {
  Fixture f;
  const HttpResponse first = f.Call("GET", "/v1/sims?limit=3");
  REQUIRE(first.status == 200);
  const Json page = Json::parse(first.body);
  REQUIRE(page.size() == 3);
  REQUIRE(HeaderOf(first, "x-soracom-next-key") != nullptr);
  CHECK(*HeaderOf(first, "x-soracom-next-key") == f.Iccid(2));
  const HttpResponse second =
      f.Call("GET", "/v1/sims?limit=3&last_evaluated_key=" + f.Iccid(2));
  const Json rest = Json::parse(second.body);
  REQUIRE(rest.size() == 1);  // 4 SIMs of soracom; the other carrier's 2 are not listed
  CHECK(rest[0]["simId"] == f.Iccid(3));
  CHECK(rest[0]["subscription"] == "plan-D");
  CHECK(HeaderOf(second, "x-soracom-next-key") == nullptr);
  CheckErrorShape(f.Call("GET", "/v1/sims?limit=zero"), 400);
  CheckErrorShape(f.Call("DELETE", "/v1/sims"), 405);
}

TEST_CASE("SOR-2 GET /v1/sims/ID shows the SIM, active and online once its device attached") {
  Fixture f;
  const Json ready = Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(0)).body);
  CHECK(ready["status"] == "ready");
  CHECK(ready["imsi"] == f.live.ids().Imsi(0));
  CHECK(ready["terminationEnabled"] == true);
  CHECK(ready["groupId"] == "trackers");
  f.AdvanceTo(kMinute);
  const Json active = Json::parse(f.Call("GET", "/v1/subscribers/" + f.live.ids().Imsi(0)).body);
  CHECK(active["status"] == "active");
  CHECK(active["sessionStatus"]["online"] == true);
}

TEST_CASE("SOR-6 suspend over the API: the device's re-attach is rejected permanently") {
  Fixture f;
  f.AdvanceTo(kMinute);
  const HttpResponse r = f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/suspend");
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body)["status"] == "suspended");
  f.AdvanceTo(10 * kMinute);
  CHECK(f.live.world().recorder().signaling().total.rejects_by_cause[7] >= 1);
  const HttpResponse back = f.Call("POST", "/v1/subscribers/" + f.live.ids().Imsi(0) + "/activate");
  REQUIRE(back.status == 200);
  CHECK(Json::parse(back.body)["status"] == "active");
  CHECK(f.live.journaled() == 2);
}

TEST_CASE("SOR-9 the status history holds each accepted verb once, newest first") {
  Fixture f;
  f.AdvanceTo(kMinute);
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(1) + "/set_to_standby").status == 200);
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(1) + "/set_to_standby").status == 200);  // unchanged
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(1) + "/deactivate").status == 200);
  const Json history =
      Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(1) + "/statuses/history").body);
  REQUIRE(history.size() == 3);  // ready -> active on attach, standby, inactive
  CHECK(history[0]["status"] == "inactive");
  CHECK(history[1]["status"] == "standby");
  CHECK(history[1]["cause"] == "api");
  CHECK(history[2]["cause"] == "device-attach");
  const HttpResponse page =
      f.Call("GET", "/v1/sims/" + f.Iccid(1) + "/statuses/history?limit=1");
  CHECK(Json::parse(page.body).size() == 1);
  CHECK(HeaderOf(page, "x-soracom-next-key") != nullptr);
  const Json sessions =
      Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(1) + "/events/sessions").body);
  REQUIRE(!sessions.empty());
  CHECK(sessions.back()["event"] == "Created");
}

TEST_CASE("SOR-5 standby refused for plan-D with a 400, terminate by a viewer with a 403") {
  Fixture f;
  CheckErrorShape(f.Call("POST", "/v1/sims/" + f.Iccid(3) + "/set_to_standby"), 400);
  const HttpFields viewer = f.Login(R"({"userName":"viewer","password":"pw-viewer"})");
  CheckErrorShape(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/terminate", "", viewer), 403);
  // SOR-8: termination protection refuses terminate until it is lifted.
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/disable_termination").status == 200);
  CHECK(Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(0)).body)["terminationEnabled"] == false);
  CheckErrorShape(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/terminate"), 400);
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/enable_termination").status == 200);
  CHECK(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/terminate").status == 200);
}

TEST_CASE("Soracom 404 for an unknown SIM, another carrier's SIM and an unknown path") {
  Fixture f;
  CheckErrorShape(f.Call("GET", "/v1/sims/8900000000000000000"), 404);
  CheckErrorShape(f.Call("GET", "/v1/sims/" + f.Iccid(4)), 404);  // carrier other's
  CheckErrorShape(f.Call("POST", "/v1/sims/" + f.Iccid(4) + "/suspend"), 404);
  CheckErrorShape(f.Call("GET", "/v1/sims/" + f.Iccid(0) + "/nothing"), 404);
  CheckErrorShape(f.Call("GET", "/v1/sims/" + f.Iccid(0) + "/suspend"), 405);
  CheckErrorShape(f.Call("GET", "/v1/event_handlers/a/b"), 404);
  CHECK(f.live.journaled() == 0);
}

TEST_CASE("Scenario event handler on a status change sends its webhook with placeholders") {
  Fixture f;
  f.AdvanceTo(kMinute);
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(2) + "/suspend").status == 200);
  const std::vector<OutgoingRequest> out = f.live.TakeOutbox();
  REQUIRE(out.size() == 1);
  CHECK(out[0].spec.url == "http://127.0.0.1:9/hook");
  CHECK(out[0].spec.body ==
        "{\"sim\":\"" + f.Iccid(2) + "\",\"status\":\"suspended\",\"was\":\"active\"}");
  CHECK(out[0].reason == "event handler on-suspend");
  CHECK(out[0].spec.headers.at(0).second == "b");
}

TEST_CASE("Event handler created over the API runs its status action and can be deleted") {
  Fixture f;
  const std::string body = R"({"name":"undo","status":"active","targetImsi":")" +
                           f.live.ids().Imsi(1) + R"(",
    "ruleConfig":{"type":"SimStatusAttributeRule","properties":{"targetStatus":"inactive",
      "inactiveTimeoutDateConst":"IMMEDIATELY"}},
    "actionConfigList":[{"type":"ActivationAction",
      "properties":{"executionDateTimeConst":"IMMEDIATELY"}}]})";
  const HttpResponse created = f.Call("POST", "/v1/event_handlers", body);
  REQUIRE(created.status == 201);
  const std::string id = Json::parse(created.body)["handlerId"];
  CHECK(Json::parse(f.Call("GET", "/v1/event_handlers").body).size() == 2);
  f.AdvanceTo(kMinute);
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(1) + "/deactivate").status == 200);
  CHECK(Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(1)).body)["status"] == "active");
  CHECK(f.live.journaled() == 2);  // the deactivate and the handler's activate
  // Another SIM is not its target.
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/deactivate").status == 200);
  CHECK(Json::parse(f.Call("GET", "/v1/sims/" + f.Iccid(0)).body)["status"] == "inactive");
  CHECK(f.Call("DELETE", "/v1/event_handlers/" + id).status == 204);
  CheckErrorShape(f.Call("GET", "/v1/event_handlers/" + id), 404);
  CheckErrorShape(f.Call("POST", "/v1/event_handlers", R"({"ruleConfig":{"type":"X"}})"), 400);
  CheckErrorShape(f.Call("POST", "/v1/event_handlers", "[1,2]"), 400);
}

TEST_CASE("Event handler on daily traffic fires once a day for a SIM above the threshold") {
  Fixture f;
  const std::string body = R"({"status":"active",
    "ruleConfig":{"type":"SubscriberDailyTrafficRule","properties":{"limitTotalTrafficMegaByte":"0.001"}},
    "actionConfigList":[{"type":"ExecuteWebRequestAction","properties":{
      "url":"http://127.0.0.1:9/t","httpMethod":"POST","body":"${event} ${simId}"}}]})";
  REQUIRE(f.Call("POST", "/v1/event_handlers", body).status == 201);
  f.AdvanceTo(5 * kHour);
  // Each SIM's hourly session is accounted when it closes: past 1KB within the day.
  REQUIRE(f.Call("POST", "/v1/sims/" + f.Iccid(0) + "/suspend").status == 200);
  std::vector<OutgoingRequest> out = f.live.TakeOutbox();
  size_t traffic = 0;
  for (const OutgoingRequest& r : out) traffic += r.spec.body == "traffic " + f.Iccid(0);
  CHECK(traffic == 1);
  f.AdvanceTo(10 * kHour);
  out = f.live.TakeOutbox();
  for (const OutgoingRequest& r : out) CHECK(r.spec.body != "traffic " + f.Iccid(0));
}

TEST_CASE("Event handlers: placeholders substituted, unknown ones kept") {
  CHECK(SubstitutePlaceholders("a ${x} ${y} ${", {{"x", "1"}}) == "a 1 ${y} ${");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("live event-handlers: bad rules and actions are FILE:LINE:COLUMN errors") {
  const std::string base = R"(
name: h
start: 2026-01-01T00:00:00Z
duration: 1d
carriers: { soracom: { profile: soracom } }
devices: { d: { traffic: { every: 1h, uplink: 1KB } } }
fleet: [ { group: g, count: 1, carrier: soracom, plan: plan01s, device: d } ]
live:
  event-handlers:
)";
  const auto errors = test::LoadErrors(
      base +
      "    - { name: a, carrier: soracom, rule: { type: status-change, to: nowhere }, actions: "
      "[ { status: activate } ] }\n"
      "    - { name: b, carrier: soracom, rule: { type: daily-traffic }, actions: [ { status: "
      "fly } ] }\n"
      "    - { name: c, carrier: soracom, rule: { type: session-status, online: true }, actions: "
      "[ { webhook: { url: 'https://x/y' } } ] }\n");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].rfind("10:69: error:", 0) == 0);
  CHECK(errors[0].find("nowhere") != std::string::npos);
  CHECK(errors[1].find("above") != std::string::npos);
  CHECK(errors[2].find("fly") != std::string::npos);
  CHECK(errors[3].find("http://") != std::string::npos);
  const Scenario ok = test::LoadValid(
      base + "    - { name: a, carrier: soracom, rule: { type: session-status, online: false }, "
             "actions: [ { status: standby } ] }\n");
  REQUIRE(ok.live.handlers.size() == 1);
  CHECK(!ok.live.handlers[0].online);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
