// The core network on its own, through its seams: usage it asks the devices for, data
// thresholds, and commands (tests/unit/network_rig.h has the scripted device side).
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/unit/network_rig.h"

namespace carriersim::test::network_seam {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("NET-5: usage is asked for month by month and is exactly what the device reported",
          "[seam][network]") {
  Rig rig;
  // 2026-01-31 00:00 is 30 d after the start; February starts at 31 d.
  rig.Connect(kFresh, 30 * kDay);
  rig.network.Detach(kFresh, 32 * kDay, SessionEnd::kPowerOff);
  REQUIRE(rig.devices.traffic_queries.size() == 2);
  CHECK(rig.devices.traffic_queries[0].from == 30 * kDay);
  CHECK(rig.devices.traffic_queries[0].to == 31 * kDay);
  CHECK(rig.devices.traffic_queries[1].from == 31 * kDay);
  CHECK(rig.devices.traffic_queries[1].to == 32 * kDay);
  // 24 sends an hour apart in each day, the one at 30 d included.
  CHECK(rig.network.uplink_bytes(kFresh) == 48 * 2 * kKB);
  CHECK(rig.network.downlink_bytes(kFresh) == 48 * 512);
  CHECK(rig.network.online_ms(kFresh) == 2 * kDay);
}

TEST_CASE(
    "SOR-12: the network asks the device when testing's 10 MB is reached and moves the "
    "SIM to active then",
    "[seam][network]") {
  Rig rig;
  const CarrierProfile& profile = rig.Profile(kTrial);
  const std::optional<CounterId> testing_data = profile.FindCounter("testing-data");
  REQUIRE(testing_data);
  REQUIRE(profile.counters[*testing_data].counts == CounterDef::Counts::kData);
  const auto volume = std::find_if(profile.rules.begin(), profile.rules.end(),
                                   [&](const RuleDef& r) {
                                     return r.on == RuleDef::On::kThreshold && r.counter == *testing_data;
                                   });
  REQUIRE(volume != profile.rules.end());
  REQUIRE(volume->threshold.amount == 10 * kMB);
  rig.devices.uplink = kMB;  // 1 MB an hour, nothing down
  rig.devices.downlink = 0;

  rig.Connect(kTrial, 10 * kSecond);
  CHECK(rig.Status(kTrial) == "testing");
  // The session opened: the network asks when the data reaches 10 MB, bounded by testing's
  // 30 days. The script's answer: the 10th send, at 10 h, plus 1 ms.
  REQUIRE(rig.devices.crossing_queries.size() == 1);
  const CrossingQuery& q = rig.devices.crossing_queries[0];
  CHECK(q.sim == kTrial);
  CHECK(q.from == 10 * kSecond);
  CHECK(q.counted == 0);
  CHECK(q.threshold == 10 * kMB);
  CHECK(q.bound == 30 * kDay + 10 * kSecond);
  CHECK(rig.TimerSet(kTrial));

  rig.RunUntil(10 * kHour + 1);
  CHECK(rig.Status(kTrial) == "testing");
  rig.RunUntil(10 * kHour + 2);
  CHECK(rig.Status(kTrial) == "active");
  const std::vector<StatusChange> history = rig.History(kTrial);
  REQUIRE(history.size() == 2);
  CHECK(history[1].time == 10 * kHour + 1);
  CHECK(history[1].cause == ChangeCause::kNetwork);
  // Exactly what the script reported for [10 s, 10 h + 1 ms): sends at 1 h .. 10 h.
  REQUIRE(rig.devices.traffic_queries.size() == 1);
  CHECK(rig.devices.traffic_queries[0].from == 10 * kSecond);
  CHECK(rig.devices.traffic_queries[0].to == 10 * kHour + 1);
  CHECK(rig.network.uplink_bytes(kTrial) == 10 * kMB);
  CHECK(rig.network.downlink_bytes(kTrial) == 0);
  // Active keeps the session and watches no threshold.
  CHECK(rig.network.online(kTrial) == 1);
  CHECK(rig.devices.crossing_queries.size() == 1);
  CHECK_FALSE(rig.TimerSet(kTrial));
}

TEST_CASE(
    "SOR-12: a device that answers ask-again is asked again from where usage was "
    "accounted",
    "[seam][network]") {
  Rig rig;
  rig.devices.uplink = kMB;
  rig.devices.downlink = 0;
  rig.devices.look_ahead = 4 * kHour;
  rig.Connect(kTrial, 10 * kSecond);
  rig.RunUntil(11 * kHour);
  // Asked at 10 s (crossing 10 h + 1 ms is too far: again at 4 h 10 s), at 4 h 10 s with the
  // 4 MB of 1 h .. 4 h counted (again at 8 h 10 s), at 8 h 10 s with 8 MB (crossing within
  // reach: 10 h + 1 ms).
  const std::vector<CrossingQuery>& q = rig.devices.crossing_queries;
  REQUIRE(q.size() == 3);
  CHECK(q[0].from == 10 * kSecond);
  CHECK(q[0].counted == 0);
  CHECK(q[1].from == 4 * kHour + 10 * kSecond);
  CHECK(q[1].counted == 4 * kMB);
  CHECK(q[2].from == 8 * kHour + 10 * kSecond);
  CHECK(q[2].counted == 8 * kMB);
  // The same change as without the look-ahead, and every byte counted once.
  CHECK(rig.Status(kTrial) == "active");
  CHECK(rig.History(kTrial).back().time == 10 * kHour + 1);
  const std::vector<TrafficQuery>& t = rig.devices.traffic_queries;
  REQUIRE(t.size() == 3);
  CHECK(t[0].from == 10 * kSecond);
  CHECK(t[0].to == t[1].from);
  CHECK(t[1].to == t[2].from);
  CHECK(t[2].to == 10 * kHour + 1);
  CHECK(rig.network.uplink_bytes(kTrial) == 10 * kMB);
}

TEST_CASE("SOR-12: a data threshold stops counting when the session closes", "[seam][network]") {
  Rig rig;
  rig.devices.uplink = kMB;
  rig.devices.downlink = 0;
  rig.Connect(kTrial, 10 * kSecond);
  rig.network.Detach(kTrial, 5 * kHour + 30 * kMinute, SessionEnd::kPowerOff);
  CHECK(rig.network.uplink_bytes(kTrial) == 5 * kMB);
  // Past the time the session would have crossed 10 MB: still testing, nothing more asked.
  rig.RunUntil(11 * kHour);
  CHECK(rig.Status(kTrial) == "testing");
  CHECK(rig.devices.traffic_queries.size() == 1);
  CHECK(rig.network.uplink_bytes(kTrial) == 5 * kMB);
}

TEST_CASE("SOR-3: commands sent through the API reach the device as downlink SMS",
          "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh, 0);
  CHECK(rig.network.SendCommands(kFresh, 2, kHour).result == VerbResult::kApplied);
  REQUIRE(rig.devices.received.size() == 2);
  CHECK(Is(rig.devices.received[1], Received::Kind::kDownlinkSms, kHour, kFresh));
  CHECK(rig.devices.received[1].count == 2);
  CHECK(rig.network.commands_received(kFresh) == 2);
}

TEST_CASE("KOR-3: the 5th scheduled command moves a ready SIM to active", "[seam][network]") {
  Rig rig;
  const SimTime anchor = rig.network.CommandAnchor(kKore);
  REQUIRE(anchor >= 0);
  REQUIRE(anchor < kDay);
  CHECK(rig.Status(kKore) == "ready");
  // Commands at anchor + k days: the 5th at anchor + 4 d, the change 1 ms after it.
  rig.RunUntil(anchor + 4 * kDay + 1);
  CHECK(rig.Status(kKore) == "ready");
  rig.RunUntil(anchor + 4 * kDay + 2);
  CHECK(rig.Status(kKore) == "active");
  CHECK(rig.History(kKore).back().time == anchor + 4 * kDay + 1);
  CHECK(rig.History(kKore).back().cause == ChangeCause::kNetwork);
  // Scheduled commands are counted by arithmetic: none goes through the DevicePort.
  CHECK(rig.devices.received.empty());
}

// Commands sent through the API count towards the same rule as scheduled ones: the timer, armed
// for the 5th scheduled command, moves forward when API commands leave fewer to wait for.
TEST_CASE("KOR-3: commands sent through the API bring the 5-command transition forward",
          "[seam][network]") {
  Rig rig;
  const SimTime anchor = rig.network.CommandAnchor(kKore);
  // At anchor + 1 h one scheduled command has arrived; 2 more through the API make 3, so the
  // 5th is the scheduled one at anchor + 2 d, and the change is due 1 ms after it.
  rig.RunUntil(anchor + kHour);
  CHECK(rig.network.SendCommands(kKore, 2, anchor + kHour).result == VerbResult::kApplied);
  CHECK(rig.Status(kKore) == "ready");
  rig.RunUntil(anchor + 2 * kDay + 2);
  CHECK(rig.Status(kKore) == "active");
  REQUIRE_FALSE(rig.History(kKore).empty());
  CHECK(rig.History(kKore).back().time == anchor + 2 * kDay + 1);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test::network_seam
