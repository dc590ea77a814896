// The Hologram-shaped API driven directly on a live session with a manual clock: API keys, device
// lists and paging, state changes one at a time and in batches (HOL-3, HOL-4), usage limits
// (HOL-5), organizations, and every error's envelope.
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
name: hologram-live
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 5
carriers:
  hologram:
    profile: hologram
  hologram-b:
    profile: hologram
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB }
fleet:
  - { group: fleet, count: 12, carrier: hologram, plan: flexible, device: tracker, status: active }
  - { group: elsewhere, count: 1, carrier: hologram-b, plan: flexible, device: tracker, status: active }
live:
  users:
    - { carrier: hologram, name: ops, secret: key-owner, role: owner }
    - { carrier: hologram, name: intern, secret: key-member, role: member }
    - { carrier: hologram-b, name: other, secret: key-other, role: owner }
)";

constexpr int64_t kOrg = 10'000;  // the first carrier's organization

HttpFields Key(const char* key = "key-owner") {
  return {{"authorization", BasicAuth("apikey", key)}};
}

HttpResponse Get(LiveService& live, const std::string& target, HttpFields headers = Key()) {
  return HologramApi(live, MakeRequest("GET", target, "", std::move(headers)));
}

HttpResponse Post(LiveService& live, const std::string& target, const json& body,
                  HttpFields headers = Key()) {
  headers.emplace_back("content-type", "application/json");
  return HologramApi(live, MakeRequest("POST", target, body.dump(), std::move(headers)));
}

void RequireError(const HttpResponse& r, int status) {
  INFO(r.body);
  REQUIRE(r.status == status);
  const json j = BodyOf(r);
  REQUIRE(j["success"] == false);
  REQUIRE(j["error"].is_string());
  REQUIRE_FALSE(j["error"].get<std::string>().empty());
}

int64_t DeviceOf(LiveService& live, int64_t index) {
  return live.ids().DeviceId(static_cast<SimId>(index));  // the fleet group comes first
}

std::string StateOf(LiveService& live, int64_t device) {
  return BodyOf(Get(
      live, "/api/1/devices/" + std::to_string(device)))["data"]["links"]["cellular"][0]["state"];
}

TEST_CASE("Hologram API: API key by Basic apikey or query, 401 otherwise") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  REQUIRE(Get(live, "/api/1/devices").status == 200);
  REQUIRE(Get(live, "/api/1/devices?apikey=key-owner", {}).status == 200);
  RequireError(Get(live, "/api/1/devices", {}), 401);
  RequireError(Get(live, "/api/1/devices?apikey=nope", {}), 401);
  RequireError(Get(live, "/api/1/devices", Key("nope")), 401);
  RequireError(Get(live, "/api/1/devices", {{"authorization", BasicAuth("admin", "key-owner")}}),
               401);
}

TEST_CASE("Hologram API: device list with limit and links.next paging, one device") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  json page = BodyOf(Get(live, "/api/1/devices?limit=5"));
  REQUIRE(page["success"] == true);
  REQUIRE(page["limit"] == 5);
  REQUIRE(page["size"] == 5);
  REQUIRE(page["continues"] == true);
  REQUIRE(page["lastid"] == DeviceOf(live, 4));
  std::vector<int64_t> ids;
  for (;;) {
    for (const json& d : page["data"]) ids.push_back(d["id"]);
    if (page["continues"] == false) break;
    page = BodyOf(Get(live, page["links"]["next"].get<std::string>()));
  }
  REQUIRE(ids.size() == 12);  // the other organization's device is not listed
  REQUIRE(ids.front() == DeviceOf(live, 0));
  REQUIRE(ids.back() == DeviceOf(live, 11));

  const json device = BodyOf(Get(live, "/api/1/devices/" + std::to_string(ids[3])))["data"];
  REQUIRE(device["id"] == ids[3]);
  REQUIRE(device["orgid"] == kOrg);
  REQUIRE(device["name"] == "fleet#3");
  const json& link = device["links"]["cellular"][0];
  REQUIRE(link["sim"] == live.ids().Iccid(3));
  REQUIRE(link["imsi"] == live.ids().Imsi(3));
  REQUIRE(link["state"] == "LIVE");
  REQUIRE(link["plan"]["name"] == "flexible");

  RequireError(Get(live, "/api/1/devices?limit=0"), 400);
  RequireError(Get(live, "/api/1/devices?limit=abc"), 400);
  RequireError(Get(live, "/api/1/devices?startafter=12"), 400);
  RequireError(Get(live, "/api/1/devices?orgid=" + std::to_string(kOrg + 1)), 403);
  RequireError(Get(live, "/api/1/devices/" + std::to_string(DeviceOf(live, 12))), 404);
  RequireError(Get(live, "/api/1/devices/12345"), 404);
  RequireError(Get(live, "/api/1/nothing"), 404);
  RequireError(HologramApi(live, MakeRequest("DELETE", "/api/1/devices", "", Key())), 405);
}

TEST_CASE("Hologram API: pause and live one device, the history has each change once") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  rig.AdvanceTo(kHour);
  const std::string path = "/api/1/devices/" + std::to_string(DeviceOf(live, 2)) + "/state";
  const HttpResponse paused = Post(live, path, {{"state", "pause"}});
  REQUIRE(paused.status == 200);
  REQUIRE(BodyOf(paused)["data"]["devices"][0]["result"] == "applied");
  REQUIRE(StateOf(live, DeviceOf(live, 2)) == "PAUSED-USER");
  REQUIRE(BodyOf(Post(live, path, {{"state", "pause"}}))["data"]["devices"][0]["result"] ==
          "unchanged");
  rig.AdvanceTo(2 * kHour);
  REQUIRE(Post(live, path, {{"state", "live"}}).status == 200);
  REQUIRE(StateOf(live, DeviceOf(live, 2)) == "LIVE");
  int changes = 0;
  for (const StatusChange& c : live.world().recorder().history().changes) changes += c.sim == 2;
  REQUIRE(changes == 2);
  RequireError(Post(live, path, {{"state", "sleep"}}), 400);
  RequireError(Post(live, path, {{"state", 3}}), 400);
  RequireError(HologramApi(live, MakeRequest("POST", path, "{\"state\":", Key())), 400);
  RequireError(HologramApi(live, MakeRequest("GET", path, "", Key())), 405);
}

TEST_CASE("HOL-4 a member may not deactivate, and nothing changes") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const json body = {{"state", "deactivate"},
                     {"deviceids", {DeviceOf(live, 0), DeviceOf(live, 1)}}};
  RequireError(Post(live, "/api/1/devices/batch/state?orgid=" + std::to_string(kOrg), body,
                    Key("key-member")),
               403);
  REQUIRE(StateOf(live, DeviceOf(live, 0)) == "LIVE");
  REQUIRE(live.journaled() == 0);
  // A member may pause.
  REQUIRE(Post(live, "/api/1/devices/state",
               {{"state", "pause"}, {"deviceids", {DeviceOf(live, 0)}}}, Key("key-member"))
              .status == 200);
  REQUIRE(StateOf(live, DeviceOf(live, 0)) == "PAUSED-USER");
}

TEST_CASE("HOL-3 the batch API deactivates more than 10 devices at once") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  json ids = json::array();
  for (int64_t i = 0; i < 12; ++i) ids.push_back(DeviceOf(live, i));
  const std::string batch = "/api/1/devices/batch/state?orgid=" + std::to_string(kOrg);
  RequireError(
      Post(live, "/api/1/devices/batch/state", {{"state", "deactivate"}, {"deviceids", ids}}),
      400);  // orgid is required
  RequireError(Post(live, "/api/1/devices/batch/state?orgid=" + std::to_string(kOrg + 1),
                    {{"state", "deactivate"}, {"deviceids", ids}}),
               403);
  const HttpResponse r = Post(live, batch, {{"state", "deactivate"}, {"deviceids", ids}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  const json data = BodyOf(r)["data"];
  REQUIRE(data["jobid"].is_number());
  REQUIRE(data["accepted"] == 12);
  REQUIRE(data["refused"] == 0);
  REQUIRE(StateOf(live, DeviceOf(live, 11)) == "DEACTIVATE-PENDING");
  // Again: deactivation is not allowed from pending, so every device is refused.
  const HttpResponse again = Post(live, batch, {{"state", "live"}, {"deviceids", ids}});
  RequireError(again, 400);
  REQUIRE(BodyOf(again)["data"]["devices"].size() == 12);
}

TEST_CASE("Hologram API: a batch with some devices refused says which, per device") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const std::string one = "/api/1/devices/" + std::to_string(DeviceOf(live, 1)) + "/state";
  REQUIRE(Post(live, one, {{"state", "deactivate"}}).status == 200);
  const HttpResponse r =
      Post(live, "/api/1/devices/state",
           {{"state", "pause"}, {"deviceids", {DeviceOf(live, 0), DeviceOf(live, 1)}}});
  REQUIRE(r.status == 200);
  const json data = BodyOf(r)["data"];
  REQUIRE(data["accepted"] == 1);
  REQUIRE(data["refused"] == 1);
  REQUIRE(data["devices"][0]["result"] == "applied");
  REQUIRE(data["devices"][1]["result"] == "refused");
  REQUIRE(data["devices"][1]["error"].is_string());
  // A single device refused is an error.
  RequireError(Post(live, one, {{"state", "pause"}}), 400);
  // Unknown or foreign ids: nothing acts.
  const size_t before = live.journaled();
  RequireError(Post(live, "/api/1/devices/state",
                    {{"state", "pause"}, {"deviceids", {DeviceOf(live, 2), DeviceOf(live, 12)}}}),
               404);
  RequireError(Post(live, "/api/1/devices/state", {{"state", "pause"}, {"deviceids", {"x"}}}), 404);
  RequireError(
      Post(live, "/api/1/devices/state", {{"state", "pause"}, {"deviceids", json::array()}}), 400);
  RequireError(Post(live, "/api/1/devices/state", {{"state", "pause"}}), 400);
  RequireError(Post(live, "/api/1/devices/state", json::array()), 400);
  REQUIRE(live.journaled() == before);
  REQUIRE(StateOf(live, DeviceOf(live, 2)) == "LIVE");
}

TEST_CASE("HOL-5 a usage limit set through the API pauses the SIM when reached") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const std::string path = "/api/1/devices/" + std::to_string(DeviceOf(live, 4)) + "/usagelimit";
  RequireError(Post(live, path, {{"datathreshold", -1}}), 400);
  RequireError(Post(live, path, {{"datathreshold", "2KB"}}), 400);
  RequireError(Post(live, path, json::object()), 400);
  const HttpResponse r = Post(live, path, {{"datathreshold", 2048}});
  REQUIRE(r.status == 200);
  REQUIRE(BodyOf(r)["data"]["datathreshold"] == 2048);
  rig.AdvanceTo(5 * kHour);  // 1 KB an hour
  REQUIRE(StateOf(live, DeviceOf(live, 4)) == "PAUSED-USER");
  REQUIRE(StateOf(live, DeviceOf(live, 5)) == "LIVE");
  // The batch form.
  const HttpResponse batch =
      Post(live, "/api/1/devices/batch/usagelimit?orgid=" + std::to_string(kOrg),
           {{"datathreshold", 0}, {"deviceids", {DeviceOf(live, 5), DeviceOf(live, 6)}}});
  REQUIRE(batch.status == 200);
  REQUIRE(BodyOf(batch)["data"]["accepted"] == 2);
}

TEST_CASE("Hologram API: a key of another organization never reaches these devices") {
  LiveRig rig(kScenario);
  LiveService& live = *rig.live;
  const json list = BodyOf(Get(live, "/api/1/devices", Key("key-other")));
  REQUIRE(list["data"].size() == 1);
  REQUIRE(list["data"][0]["orgid"] == kOrg + 1);
  RequireError(Get(live, "/api/1/devices/" + std::to_string(DeviceOf(live, 0)), Key("key-other")),
               404);
  RequireError(Post(live, "/api/1/devices/state",
                    {{"state", "pause"}, {"deviceids", {DeviceOf(live, 0)}}}, Key("key-other")),
               404);
  REQUIRE(StateOf(live, DeviceOf(live, 0)) == "LIVE");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
