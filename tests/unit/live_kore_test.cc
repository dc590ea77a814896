// The KORE-shaped API (Twilio Wireless v1 shape) driven directly on a live session with a manual
// clock: auth, lists and paging, fetch, status changes through `updating` and `scheduled`
// (KOR-5) with their callbacks, usage and data sessions, and every error's shape.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/unit/carrier_http_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using nlohmann::json;
using test::BasicAuth;
using test::BodyOf;
using test::LiveRig;
using test::MakeRequest;

const char* const kScenario = R"(
name: kore-live
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 7
carriers:
  kore:
    profile: kore
    upstream-outages:
      - { from: 2d, to: 2d 6h }
  kore-b:
    profile: kore
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB, downlink: 2KB }
fleet:
  - { group: trackers, count: 3, carrier: kore, plan: standard, device: tracker, status: active }
  - { group: spare, count: 2, carrier: kore, plan: standard, device: tracker, status: new, power: false }
  - { group: other, count: 1, carrier: kore-b, plan: standard, device: tracker, status: active }
live:
  users:
    - { carrier: kore, name: ACowner, secret: token-owner }
    - { carrier: kore-b, name: ACother, secret: token-other }
)";

HttpFields Auth(const char* user = "ACowner", const char* secret = "token-owner") {
  return {{"authorization", BasicAuth(user, secret)}};
}

HttpResponse Get(LiveService& live, const std::string& target, HttpFields headers = Auth()) {
  return KoreApi(live, MakeRequest("GET", target, "", std::move(headers)));
}

HttpResponse Post(LiveService& live, const std::string& target, const std::string& form,
                  HttpFields headers = Auth()) {
  headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  return KoreApi(live, MakeRequest("POST", target, form, std::move(headers)));
}

// Twilio's error shape, with its code and HTTP status.
void RequireError(const HttpResponse& r, int status, int code) {
  INFO(r.body);
  REQUIRE(r.status == status);
  const json j = BodyOf(r);
  REQUIRE(j["code"] == code);
  REQUIRE(j["status"] == status);
  REQUIRE(j["message"].is_string());
  REQUIRE(j["more_info"] == "https://www.twilio.com/docs/errors/" + std::to_string(code));
}

std::string SidOf(LiveService& live, const std::string& group, int64_t index) {
  for (const GroupSpec& g : live.scenario().groups) {
    if (g.name == group) return live.ids().Sid(static_cast<SimId>(g.first_sim + index));
  }
  return "";
}

std::string StatusOf(LiveService& live, const std::string& sid) {
  return BodyOf(Get(live, "/v1/Sims/" + sid))["status"];
}

TEST_CASE("KORE API: Basic auth, Bearer tokens, and 401 in Twilio's shape") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  REQUIRE(Get(live, "/v1/Sims").status == 200);
  RequireError(Get(live, "/v1/Sims", {}), 401, 20003);
  RequireError(Get(live, "/v1/Sims", Auth("ACowner", "wrong")), 401, 20003);
  RequireError(Get(live, "/v1/Sims", {{"authorization", "Bearer nope"}}), 401, 20003);

  const HttpResponse form = KoreApi(
      live, MakeRequest("POST", "/v1/auth/token",
                        "grant_type=client_credentials&client_id=ACowner&client_secret=token-owner",
                        {{"content-type", "application/x-www-form-urlencoded"}}));
  REQUIRE(form.status == 200);
  const json token = BodyOf(form);
  REQUIRE(token["token_type"] == "Bearer");
  REQUIRE(token["expires_in"] == 3600);
  const std::string bearer = "Bearer " + token["access_token"].get<std::string>();
  REQUIRE(Get(live, "/v1/Sims", {{"authorization", bearer}}).status == 200);

  const HttpResponse by_json = KoreApi(
      live,
      MakeRequest(
          "POST", "/v1/auth/token",
          R"({"grant_type":"client_credentials","client_id":"ACowner","client_secret":"token-owner"})",
          {{"content-type", "application/json"}}));
  REQUIRE(by_json.status == 200);
  const HttpResponse by_basic =
      KoreApi(live, MakeRequest("POST", "/v1/auth/token", "grant_type=client_credentials", Auth()));
  REQUIRE(by_basic.status == 200);

  RequireError(
      KoreApi(live,
              MakeRequest("POST", "/v1/auth/token",
                          "grant_type=client_credentials&client_id=ACowner&client_secret=bad")),
      401, 20003);
  RequireError(
      KoreApi(live, MakeRequest("POST", "/v1/auth/token",
                                "grant_type=password&client_id=ACowner&client_secret=token-owner")),
      400, 20001);
  RequireError(KoreApi(live, MakeRequest("POST", "/v1/auth/token", "{not json",
                                         {{"content-type", "application/json"}})),
               400, 20001);
  RequireError(KoreApi(live, MakeRequest("GET", "/v1/auth/token")), 405, 20004);
}

TEST_CASE("KORE API: a user of another carrier never sees this carrier's SIMs") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const HttpFields other = Auth("ACother", "token-other");
  RequireError(Get(live, "/v1/Sims/" + SidOf(live, "trackers", 0), other), 404, 20404);
  RequireError(Post(live, "/v1/Sims/" + SidOf(live, "trackers", 0), "Status=suspended", other), 404,
               20404);
  const json list = BodyOf(Get(live, "/v1/Sims", other));
  REQUIRE(list["sims"].size() == 1);
  REQUIRE(list["sims"][0]["sid"] == SidOf(live, "other", 0));
  REQUIRE(list["sims"][0]["account_sid"] !=
          BodyOf(Get(live, "/v1/Sims"))["sims"][0]["account_sid"]);
}

TEST_CASE("KORE API: list, filters, and paging by the meta block's next_page_url") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  json page = BodyOf(Get(live, "/v1/Sims?PageSize=2"));
  REQUIRE(page["meta"]["key"] == "sims");
  REQUIRE(page["meta"]["page"] == 0);
  REQUIRE(page["meta"]["page_size"] == 2);
  REQUIRE(page["meta"]["previous_page_url"].is_null());
  REQUIRE(page["meta"]["first_page_url"] == "http://127.0.0.1:8080/v1/Sims?PageSize=2&Page=0");
  std::vector<std::string> sids;
  int pages = 1;
  for (;;) {
    for (const json& sim : page["sims"]) sids.push_back(sim["sid"]);
    if (page["meta"]["next_page_url"].is_null()) break;
    page = BodyOf(Get(live, page["meta"]["next_page_url"].get<std::string>()));
    ++pages;
    REQUIRE(page["meta"]["previous_page_url"].is_string());
  }
  REQUIRE(pages == 3);
  REQUIRE(sids.size() == 5);
  REQUIRE(sids[0] == SidOf(live, "trackers", 0));
  REQUIRE(sids[4] == SidOf(live, "spare", 1));
  // Page alone (no token) gives the same page.
  REQUIRE(BodyOf(Get(live, "/v1/Sims?PageSize=2&Page=1"))["sims"][0]["sid"] == sids[2]);

  const json fresh = BodyOf(Get(live, "/v1/Sims?Status=new"));
  REQUIRE(fresh["sims"].size() == 2);
  REQUIRE(fresh["meta"]["url"] == "http://127.0.0.1:8080/v1/Sims?Status=new&PageSize=50&Page=0");
  const std::string iccid = BodyOf(Get(live, "/v1/Sims/" + sids[1]))["iccid"];
  const json one = BodyOf(Get(live, "/v1/Sims?Iccid=" + iccid));
  REQUIRE(one["sims"].size() == 1);
  REQUIRE(one["sims"][0]["sid"] == sids[1]);
  REQUIRE(BodyOf(Get(live, "/v1/Sims?RatePlan=standard"))["sims"].size() == 5);
  REQUIRE(BodyOf(Get(live, "/v1/Sims?Iccid=8900000000000000000"))["sims"].empty());
  RequireError(Get(live, "/v1/Sims?Status=sleeping"), 400, 20001);
  RequireError(Get(live, "/v1/Sims?PageSize=0"), 400, 20001);
  RequireError(Get(live, "/v1/Sims?PageSize=1001"), 400, 20001);
  RequireError(Get(live, "/v1/Sims?Page=-1"), 400, 20001);
  RequireError(Get(live, "/v1/Sims?PageToken=xyz"), 400, 20001);
  RequireError(KoreApi(live, MakeRequest("DELETE", "/v1/Sims", "", Auth())), 405, 20004);
}

TEST_CASE("KORE API: fetch a SIM by SID or unique name, with Twilio's fields") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const std::string sid = SidOf(live, "trackers", 1);
  const HttpResponse r = Get(live, "/v1/Sims/" + sid);
  REQUIRE(r.status == 200);
  const json sim = BodyOf(r);
  REQUIRE(sim["sid"] == sid);
  REQUIRE(sid.size() == 34);
  REQUIRE(sid.rfind("DE", 0) == 0);
  REQUIRE(sim["account_sid"].get<std::string>().rfind("AC", 0) == 0);
  REQUIRE(sim["rate_plan_sid"].get<std::string>().rfind("WP", 0) == 0);
  REQUIRE(sim["unique_name"] == "trackers-1");
  REQUIRE(sim["friendly_name"] == "trackers#1");
  REQUIRE(sim["iccid"] == live.ids().Iccid(*live.ids().FromSid(sid)));
  REQUIRE(sim["status"] == "active");
  REQUIRE(sim["date_created"] == "2026-01-01T00:00:00Z");
  REQUIRE(sim["url"] == "http://127.0.0.1:8080/v1/Sims/" + sid);
  REQUIRE(sim["links"]["usage_records"] == sim["url"].get<std::string>() + "/UsageRecords");
  REQUIRE(sim["links"]["data_sessions"] == sim["url"].get<std::string>() + "/DataSessions");
  REQUIRE(BodyOf(Get(live, "/v1/Sims/trackers-1"))["sid"] == sid);
  REQUIRE(BodyOf(Get(live, "/v1/Sims/trackers%231"))["sid"] == sid);
  RequireError(Get(live, "/v1/Sims/trackers-3"), 404, 20404);  // no such index

  REQUIRE(Post(live, "/v1/Sims/" + sid, "UniqueName=north-gate&FriendlyName=Gate").status == 200);
  const json renamed = BodyOf(Get(live, "/v1/Sims/north-gate"));
  REQUIRE(renamed["sid"] == sid);
  REQUIRE(renamed["friendly_name"] == "Gate");
  RequireError(Post(live, "/v1/Sims/" + SidOf(live, "trackers", 0), "UniqueName=north-gate"), 409,
               20409);
  RequireError(Get(live, "/v1/Sims/DE00000000000000000000000000000000"), 404, 20404);
  RequireError(Get(live, "/v1/Sims/nobody"), 404, 20404);
  RequireError(Get(live, "/v1/Sims/" + sid + "/Nothing"), 404, 20404);
  RequireError(Get(live, "/v1/RatePlans"), 404, 20404);
  RequireError(Get(live, "/v1/Commands"), 405, 20004);  // Commands are sent, not listed
  RequireError(KoreApi(live, MakeRequest("PUT", "/v1/Sims/" + sid, "", Auth())), 405, 20004);
}

TEST_CASE("KOR-5 suspend passes through updating, then suspended, then the callback is sent") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(2 * kHour);  // the devices booted and attached
  const std::string sid = SidOf(live, "trackers", 0);
  const SimId sim = *live.ids().FromSid(sid);
  REQUIRE(live.world().network().online(sim));
  const HttpResponse r =
      Post(live, "/v1/Sims/" + sid, "Status=suspended&CallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fcb");
  REQUIRE(r.status == 200);
  REQUIRE(BodyOf(r)["status"] == "updating");
  REQUIRE(BodyOf(r)["date_updated"] == "2026-01-01T02:00:00Z");
  REQUIRE(live.TakeOutbox().empty());  // not complete yet
  // A second change while the first is in progress is a conflict.
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=active"), 409, 20409);

  rig.AdvanceTo(2 * kHour + kMinute);  // the profile's update takes 30 s
  REQUIRE(StatusOf(live, sid) == "suspended");
  const std::vector<OutgoingRequest> out = live.TakeOutbox();
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].spec.url == "http://127.0.0.1:9/cb");
  REQUIRE(out[0].spec.method == "POST");
  REQUIRE(out[0].spec.content_type == "application/x-www-form-urlencoded");
  REQUIRE(out[0].spec.body.find("Sid=" + sid) != std::string::npos);
  REQUIRE(out[0].spec.body.find("Status=suspended") != std::string::npos);
  REQUIRE(out[0].reason == "callback of " + sid);
  rig.AdvanceTo(3 * kHour);
  REQUIRE(live.TakeOutbox().empty());  // sent once

  // KOR-6: the suspended SIM's device is refused: its next attach rejected with #7.
  REQUIRE_FALSE(live.world().network().online(sim));
  REQUIRE(live.world().devices().rejects(sim) >= 1);
}

TEST_CASE("KOR-5 a change during an upstream outage waits in scheduled, then completes") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(2 * kDay + kHour);  // the outage runs from 2d to 2d 6h
  const std::string sid = SidOf(live, "trackers", 2);
  const HttpResponse r =
      Post(live, "/v1/Sims/" + sid,
           "Status=suspended&CallbackUrl=http://127.0.0.1:9/cb&CallbackMethod=GET");
  REQUIRE(r.status == 200);
  REQUIRE(BodyOf(r)["status"] == "scheduled");
  rig.AdvanceTo(2 * kDay + 5 * kHour);
  REQUIRE(StatusOf(live, sid) == "scheduled");
  REQUIRE(live.TakeOutbox().empty());
  rig.AdvanceTo(2 * kDay + 6 * kHour + 10 * kSecond);
  REQUIRE(StatusOf(live, sid) == "updating");
  REQUIRE(live.TakeOutbox().empty());  // updating is transient too
  rig.AdvanceTo(2 * kDay + 6 * kHour + kMinute);
  REQUIRE(StatusOf(live, sid) == "suspended");
  const std::vector<OutgoingRequest> out = live.TakeOutbox();
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].spec.method == "GET");
  REQUIRE(out[0].spec.body.empty());
  REQUIRE(out[0].spec.url.find("http://127.0.0.1:9/cb?") == 0);
  REQUIRE(out[0].spec.url.find("Status=suspended") != std::string::npos);
}

TEST_CASE("KORE API: reactivate, and the history has each accepted change once") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(kHour);
  const std::string sid = SidOf(live, "trackers", 1);
  const SimId sim = *live.ids().FromSid(sid);
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=suspended").status == 200);
  rig.AdvanceTo(2 * kHour);
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=suspended").status == 200);    // already: unchanged
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=ready"), 400, 20001);     // not from suspended
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=updating"), 400, 20001);  // transient
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=new"), 400, 20001);  // nothing leads there
  const HttpResponse back = Post(live, "/v1/Sims/" + sid, "Status=active");
  REQUIRE(BodyOf(back)["status"] == "updating");
  rig.AdvanceTo(3 * kHour);
  REQUIRE(StatusOf(live, sid) == "active");
  // Deactivated, then restored to its previous status by asking for it (KOR-7).
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=deactivated").status == 200);
  rig.AdvanceTo(4 * kHour);
  REQUIRE(StatusOf(live, sid) == "deactivated");
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=active").status == 200);
  rig.AdvanceTo(5 * kHour);
  REQUIRE(StatusOf(live, sid) == "active");

  std::vector<std::string> moves;
  const CarrierProfile& profile = live.world().directory().ProfileOf(sim);
  for (const StatusChange& c : live.world().recorder().history().changes) {
    if (c.sim == sim) moves.push_back(profile.statuses[c.to].name);
  }
  REQUIRE(moves == std::vector<std::string>{"updating", "suspended", "updating", "active",
                                            "updating", "deactivated", "updating", "active"});
  // The journal: the four accepted changes and the unchanged one, then the end line.
  const std::string journal = live.JournalText();
  REQUIRE(std::count(journal.begin(), journal.end(), '\n') == 6);
  REQUIRE(journal.find("\"api\":\"kore\"") != std::string::npos);
}

TEST_CASE("KORE API: malformed and refused updates change nothing") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const std::string sid = SidOf(live, "trackers", 0);
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=%zz"), 400, 20001);
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=sleeping"), 400, 20001);
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=suspended&CallbackUrl=ftp://x"), 400, 20001);
  RequireError(Post(live, "/v1/Sims/" + sid, "Status=suspended&CallbackMethod=PUT"), 400, 20001);
  RequireError(Post(live, "/v1/Sims/" + sid, "RatePlan=gold"), 400, 20001);
  RequireError(Post(live, "/v1/Sims/" + sid, "UniqueName=" + SidOf(live, "trackers", 1)), 400,
               20001);
  HttpFields json_body = Auth();
  json_body.emplace_back("content-type", "application/json");
  RequireError(
      KoreApi(live, MakeRequest("POST", "/v1/Sims/" + sid, R"({"Status":"suspended"})", json_body)),
      400, 20001);
  REQUIRE(StatusOf(live, sid) == "active");
  REQUIRE(live.journaled() == 0);
  REQUIRE(live.TakeOutbox().empty());
}

TEST_CASE("KORE API: usage records match the network's counters, data sessions list") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(10 * kHour);
  const std::string sid = SidOf(live, "trackers", 0);
  const SimId sim = *live.ids().FromSid(sid);
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=suspended").status == 200);
  rig.AdvanceTo(11 * kHour);  // suspended: the session closed and its usage accounted
  const json all = BodyOf(Get(live, "/v1/Sims/" + sid + "/UsageRecords"));
  REQUIRE(all["meta"]["key"] == "usage_records");
  REQUIRE(all["usage_records"].size() == 1);
  const json& record = all["usage_records"][0];
  REQUIRE(record["sim_sid"] == sid);
  REQUIRE(record["period"]["start"] == "2026-01-01T00:00:00Z");
  REQUIRE(record["period"]["end"] == "2026-01-01T11:00:00Z");
  REQUIRE(record["data"]["units"] == "bytes");
  REQUIRE(record["data"]["upload"] == live.world().network().uplink_bytes(sim));
  REQUIRE(record["data"]["download"] == live.world().network().downlink_bytes(sim));
  REQUIRE(record["data"]["upload"].get<int64_t>() >= 9 * 1024);
  REQUIRE(record["data"]["total"] ==
          record["data"]["upload"].get<int64_t>() + record["data"]["download"].get<int64_t>());

  const json hourly = BodyOf(Get(live, "/v1/Sims/" + sid +
                                           "/UsageRecords?Granularity=hourly"
                                           "&Start=2026-01-01T00:00:00Z&PageSize=5"));
  REQUIRE(hourly["usage_records"].size() == 5);
  REQUIRE(hourly["usage_records"][1]["period"]["start"] == "2026-01-01T01:00:00Z");
  int64_t upload = 0;
  json page = hourly;
  for (;;) {
    for (const json& r : page["usage_records"]) upload += r["data"]["upload"].get<int64_t>();
    if (page["meta"]["next_page_url"].is_null()) break;
    page = BodyOf(Get(live, page["meta"]["next_page_url"].get<std::string>()));
  }
  REQUIRE(upload == record["data"]["upload"]);
  const json daily = BodyOf(Get(live, "/v1/Sims/" + sid + "/UsageRecords?Granularity=daily"));
  REQUIRE(daily["usage_records"].size() == 1);
  REQUIRE(daily["usage_records"][0]["data"]["total"] == record["data"]["total"]);
  RequireError(Get(live, "/v1/Sims/" + sid + "/UsageRecords?Granularity=weekly"), 400, 20001);
  RequireError(Get(live, "/v1/Sims/" + sid + "/UsageRecords?Start=yesterday"), 400, 20001);
  RequireError(Get(live, "/v1/Sims/" + sid + "/UsageRecords?Start=2026-01-02&End=2026-01-01"), 400,
               20001);

  const json sessions = BodyOf(Get(live, "/v1/Sims/" + sid + "/DataSessions"));
  REQUIRE(sessions["meta"]["key"] == "data_sessions");
  REQUIRE(sessions["data_sessions"].size() >= 1);
  const json& last = sessions["data_sessions"][0];  // newest first
  REQUIRE(last["sim_sid"] == sid);
  REQUIRE(last["end"].is_string());  // closed by the suspension
  REQUIRE(last["sid"].get<std::string>().size() == 34);
  REQUIRE(last["packets_uploaded"].get<int64_t>() >= 9);
  RequireError(Post(live, "/v1/Sims/" + sid + "/DataSessions", ""), 405, 20004);
}

TEST_CASE("KOR-3 KORE API: five commands through POST /v1/Commands make a ready SIM active") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(kHour);
  const std::string sid = SidOf(live, "spare", 0);
  REQUIRE(Post(live, "/v1/Sims/" + sid, "Status=ready").status == 200);
  rig.AdvanceTo(kHour + kMinute);  // through updating
  REQUIRE(StatusOf(live, sid) == "ready");
  for (int i = 0; i < 4; ++i) {
    const HttpResponse r = Post(live, "/v1/Commands", "Sim=" + sid + "&Command=ping");
    INFO(r.body);
    REQUIRE(r.status == 201);
    REQUIRE(BodyOf(r)["sim_sid"] == sid);
    REQUIRE(BodyOf(r)["command"] == "ping");
    REQUIRE(BodyOf(r)["direction"] == "to_sim");
  }
  REQUIRE(StatusOf(live, sid) == "ready");
  REQUIRE(Post(live, "/v1/Commands", "Sim=spare-0&Command=ping").status == 201);  // by name
  rig.AdvanceTo(kHour + 2 * kMinute);
  REQUIRE(StatusOf(live, sid) == "active");
  // Malformed ones change nothing and are not journaled.
  const size_t journaled = live.journaled();
  RequireError(Post(live, "/v1/Commands", "Sim=" + sid), 400, 21602);
  RequireError(Post(live, "/v1/Commands", "Sim=" + sid + "&Command=" + std::string(161, 'x')),
               400, 21605);
  RequireError(Post(live, "/v1/Commands", "Sim=nobody&Command=ping"), 404, 20404);
  RequireError(Post(live, "/v1/Commands", "Sim=" + SidOf(live, "other", 0) + "&Command=ping",
                    Auth()),
               404, 20404);
  REQUIRE(live.journaled() == journaled);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
