// The devices on their own, through their seams: attach timing, rejects, T3346, outages,
// power, re-entrant network answers, data session refusals and traffic (tests/unit/devices_rig.h
// has the scripted network).
#include <catch2/catch.hpp>

#include "tests/unit/devices_rig.h"

namespace carriersim::test::devices_seam {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE(
    "NET-2: the first attach request comes when the boot is over, and an accept "
    "registers the device, which asks for data at once",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.devices.Start();
  CHECK(rig.devices.modem(kUnit) == ModemState::kWaiting);
  rig.RunUntil(10 * kSecond);
  CHECK(rig.network.log.empty());
  rig.RunUntil(10 * kSecond + 1);
  REQUIRE(rig.network.log.size() == 3);
  CHECK(rig.network.Kinds() ==
        std::vector<Kind>{Kind::kAttach, Kind::kAttachComplete, Kind::kPdnRequest});
  for (const Request& r : rig.network.log) {
    CHECK(r.time == 10 * kSecond);
    CHECK(r.sim == kUnit);
  }
  CHECK(rig.network.log[0].cell == 0);
  CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
  CHECK(rig.devices.attach_attempts(kUnit) == 1);
  CHECK(rig.devices.rejects(kUnit) == 0);
  CHECK_FALSE(rig.ModemTimerSet());                    // registered: no modem timer (invariant 2)
  CHECK(rig.devices.radio_ms(kUnit) == 10 * kSecond);  // the boot; the answer took no time
}

TEST_CASE("NET-2: the answer arrives the modem's attach time after the request",
          "[seam][devices]") {
  Rig rig("{ boot: 10s, modem: { attach-time: 2s } }");
  rig.devices.Start();
  rig.RunUntil(12 * kSecond);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond});
  CHECK(rig.network.Times(Kind::kAttachComplete).empty());
  CHECK(rig.devices.modem(kUnit) == ModemState::kAttaching);
  rig.RunUntil(12 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttachComplete) == Times{12 * kSecond});
  CHECK(rig.network.Times(Kind::kPdnRequest) == Times{12 * kSecond});
  CHECK(rig.devices.radio_ms(kUnit) == 12 * kSecond);
}

TEST_CASE("NET-2: temporary rejects are retried T3411 apart, and after T3402 once 5 failed",
          "[seam][devices]") {
  REQUIRE_FALSE(IsPermanentReject(kCauseNetworkFailure));
  Rig rig("{ boot: 10s, modem: { t3411: 10s, t3402: 12m, attempts-before-t3402: 5 } }");
  rig.network.answer = Reject(kCauseNetworkFailure);
  rig.devices.Start();
  rig.RunUntil(1530 * kSecond + 1);
  // 10 s boot, then 10 s apart: 10, 20, 30, 40, 50 s; the 5th failure waits 12 min (720 s):
  // 770 .. 810 s; again 720 s: 1530 s.
  CHECK(rig.network.Times(Kind::kAttach) ==
        Times{10 * kSecond, 20 * kSecond, 30 * kSecond, 40 * kSecond, 50 * kSecond, 770 * kSecond,
              780 * kSecond, 790 * kSecond, 800 * kSecond, 810 * kSecond, 1530 * kSecond});
  CHECK(rig.devices.rejects(kUnit) == 11);
  CHECK(rig.devices.modem(kUnit) == ModemState::kWaiting);
  CHECK(rig.network.Times(Kind::kAttachComplete).empty());
  // The 11th failure is the 1st of a new round: T3411 again.
  rig.RunUntil(1540 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach).back() == 1540 * kSecond);
}

TEST_CASE(
    "NET-1: a permanent reject leaves the SIM invalid and the modem silent until a power "
    "cycle or a re-inserted SIM",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.network.answer = Reject(kCauseEpsNotAllowed);
  rig.devices.Start();
  rig.RunUntil(kDay);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond});
  CHECK(rig.devices.modem(kUnit) == ModemState::kSimInvalid);
  CHECK_FALSE(rig.ModemTimerSet());
  CHECK(rig.devices.rejects(kUnit) == 1);

  rig.network.answer = Accept();
  SECTION("power cycle") { CHECK(rig.devices.SwitchCycle(kUnit, kDay)); }
  SECTION("SIM re-inserted") { CHECK(rig.devices.ReinsertSim(kUnit, kDay)); }
  CHECK(rig.devices.modem(kUnit) == ModemState::kWaiting);
  // It was never registered, so it has nothing to detach; it boots (10 s) and attaches.
  rig.RunUntil(kDay + 10 * kSecond);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond});
  rig.RunUntil(kDay + 10 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, kDay + 10 * kSecond});
  CHECK(rig.network.Times(Kind::kDetach).empty());
  CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
}

TEST_CASE(
    "NET-3: after #22 the next request waits exactly for T3346, which survives a power "
    "cycle",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.network.answer = Congestion({10 * kMinute, 10 * kMinute});
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond});
  // A fixed range draws nothing: T3346 is exactly 10 min.
  CHECK(rig.devices.t3346_until(kUnit) == 10 * kSecond + 10 * kMinute);
  CHECK(rig.devices.modem(kUnit) == ModemState::kWaiting);

  SECTION("each #22 restarts the attempt counter: T3346 every time, never T3402") {
    rig.RunUntil(10 * kSecond + 50 * kMinute + 1);
    Times expected;
    for (int k = 0; k < 6; ++k) expected.push_back(10 * kSecond + k * 10 * kMinute);
    CHECK(rig.network.Times(Kind::kAttach) == expected);
  }
  SECTION("a power cycle keeps T3346") {
    // Switched off and on at 1 min: the boot would end at 1 min 10 s, T3346 at 10 min 10 s.
    rig.network.answer = Accept();
    CHECK(rig.devices.SwitchCycle(kUnit, kMinute));
    CHECK(rig.devices.t3346_until(kUnit) == 10 * kSecond + 10 * kMinute);
    rig.RunUntil(10 * kSecond + 10 * kMinute);
    CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond});
    rig.RunUntil(10 * kSecond + 10 * kMinute + 1);
    CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, 10 * kSecond + 10 * kMinute});
    CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
  }
}

TEST_CASE("NET-4: a request the core never answers fails after T3410", "[seam][devices]") {
  Rig rig("{ boot: 10s, modem: { t3410: 15s, t3411: 10s } }");
  rig.network.answer = NoAnswer();
  rig.devices.Start();
  // Sent at 10 s, failed at 25 s, T3411: again at 35 s.
  rig.RunUntil(35 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, 35 * kSecond});
  CHECK(rig.devices.modem(kUnit) == ModemState::kAttaching);
  CHECK(rig.devices.rejects(kUnit) == 0);
  CHECK(rig.devices.radio_ms(kUnit) == 10 * kSecond + 2 * 15 * kSecond);
}

TEST_CASE("NET-4: with the cell down attempts reach no network and are retried by T3411",
          "[seam][devices]") {
  Rig rig("{ boot: 10s }");  // no-cell: retry, the default
  rig.network.cell_up = false;
  rig.devices.Start();
  rig.RunUntil(35 * kSecond);
  CHECK(rig.network.log.empty());
  CHECK(rig.devices.attach_attempts(kUnit) == 3);  // 10, 20, 30 s
  CHECK(rig.recorder.signaling().total.attempts_without_cell == 3);
  rig.network.cell_up = true;
  rig.RunUntil(40 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{40 * kSecond});
  CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
}

TEST_CASE("NET-4: a modem that searches attaches cell-search after the cell is back",
          "[seam][devices]") {
  Rig rig("{ boot: 10s, modem: { no-cell: search, cell-search: 5s } }");
  rig.network.cell_up = false;
  rig.network.cell_back_at = kHour;
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  CHECK(rig.devices.attach_attempts(kUnit) == 0);  // it searched instead
  CHECK(rig.devices.modem(kUnit) == ModemState::kWaiting);
  rig.network.cell_up = true;  // the script's cell is back at 1 h, as it said
  rig.RunUntil(kHour + 5 * kSecond);
  CHECK(rig.network.log.empty());
  rig.RunUntil(kHour + 5 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{kHour + 5 * kSecond});
  CHECK(rig.devices.radio_ms(kUnit) == 10 * kSecond + 5 * kSecond);
}

TEST_CASE("NET-4: a device that loses service detaches and attaches again after loss detection",
          "[seam][devices]") {
  Rig rig("{ boot: 10s, modem: { loss-detection: 30s } }");
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  REQUIRE(rig.devices.modem(kUnit) == ModemState::kRegistered);
  CHECK(rig.devices.LoseService(kUnit, kHour));
  REQUIRE(rig.network.log.size() == 4);
  CHECK(rig.network.log[3].kind == Kind::kDetach);
  CHECK(rig.network.log[3].time == kHour);
  CHECK(rig.network.log[3].why == SessionEnd::kLostService);
  CHECK_FALSE(rig.devices.LoseService(kUnit, kHour));  // nothing left to lose
  rig.RunUntil(kHour + 30 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, kHour + 30 * kSecond});
  CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
}

TEST_CASE(
    "DEV-1: switching a registered device off detaches it, and switching it on boots it "
    "again",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  CHECK(rig.devices.SwitchOff(kUnit, kHour));
  CHECK(rig.network.Times(Kind::kDetach) == Times{kHour});
  CHECK(rig.network.log.back().why == SessionEnd::kPowerOff);
  CHECK(rig.devices.modem(kUnit) == ModemState::kOff);
  CHECK_FALSE(rig.ModemTimerSet());
  CHECK_FALSE(rig.devices.SwitchOff(kUnit, kHour));
  CHECK(rig.devices.SwitchOn(kUnit, 2 * kHour));
  rig.RunUntil(2 * kHour + 10 * kSecond + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, 2 * kHour + 10 * kSecond});
}

TEST_CASE(
    "Seam re-entrancy: a detach with re-attach inside attach complete makes the device "
    "attach again at once",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  int completes = 0;
  rig.network.on_attach_complete = [&](SimId sim, SimTime now) {
    if (++completes == 1) rig.devices.NetworkDetach(sim, now, {true, 0, {}});
  };
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  // No PDN request after the first complete: the device re-read its state and was detached.
  CHECK(rig.network.Kinds() == std::vector<Kind>{Kind::kAttach, Kind::kAttachComplete,
                                                 Kind::kAttach, Kind::kAttachComplete,
                                                 Kind::kPdnRequest});
  for (const Request& r : rig.network.log) CHECK(r.time == 10 * kSecond);
  CHECK(rig.devices.modem(kUnit) == ModemState::kRegistered);
  CHECK(rig.devices.attach_attempts(kUnit) == 2);
  // A detach the network started is not one the device reports back.
  CHECK(rig.network.Times(Kind::kDetach).empty());
}

TEST_CASE(
    "Seam re-entrancy NET-1: a detach with #7 inside attach complete leaves the SIM "
    "invalid and asks for no data",
    "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.network.on_attach_complete = [&](SimId sim, SimTime now) {
    rig.devices.NetworkDetach(sim, now, {false, kCauseEpsNotAllowed, {}});
  };
  rig.devices.Start();
  rig.RunUntil(kDay);
  CHECK(rig.network.Kinds() == std::vector<Kind>{Kind::kAttach, Kind::kAttachComplete});
  CHECK(rig.devices.modem(kUnit) == ModemState::kSimInvalid);
  CHECK_FALSE(rig.ModemTimerSet());
}

TEST_CASE("NET-3: a network detach with #22 holds the next attach for its T3346",
          "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.devices.Start();
  rig.RunUntil(kHour);
  rig.devices.NetworkDetach(kUnit, kHour, {false, kCauseCongestion, {15 * kMinute, 15 * kMinute}});
  CHECK(rig.devices.t3346_until(kUnit) == kHour + 15 * kMinute);
  rig.RunUntil(kHour + 15 * kMinute + 1);
  CHECK(rig.network.Times(Kind::kAttach) == Times{10 * kSecond, kHour + 15 * kMinute});
}

// The data session requests a device of profile `device` makes while the scripted network
// refuses them from its attach (at 10 s) for `refused`, then brings the session up.
uint32_t PdnRequestsWhileRefused(const std::string& device, SimTime refused) {
  Rig rig(device);
  rig.network.on_pdn_request = [&](SimId sim, SimTime now) { rig.devices.PdnReject(sim, now); };
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  // One PDN request crosses the seam; the retries are counted by arithmetic when it ends.
  CHECK(rig.network.Times(Kind::kPdnRequest) == Times{10 * kSecond});
  CHECK(rig.devices.pdn_requests(kUnit) == 0);
  rig.devices.PdnEstablished(kUnit, 10 * kSecond + refused);
  CHECK(rig.devices.pdn_requests(kUnit) ==
        PdnRequests(rig.Spec().firmware.pdn_retry, 10 * kSecond, 10 * kSecond + refused));
  CHECK(rig.recorder.signaling().total.pdn_rejects == rig.devices.pdn_requests(kUnit));
  CHECK(rig.network.Times(Kind::kPdnRequest).size() == 1);
  return rig.devices.pdn_requests(kUnit);
}

TEST_CASE("SOR-4: refused data session requests are counted by the firmware's pdn-retry",
          "[seam][devices]") {
  // The default asks every minute (1 min, multiplier 1): at 0, 1, .., 9 min of 10 minutes.
  CHECK(PdnRequestsWhileRefused("{ boot: 10s }", 10 * kMinute) == 10);
  // Waits of 1, 2, 4, 8 min: at 0, 1, 3 and 7 min of 10 minutes (the next would be at 15).
  CHECK(PdnRequestsWhileRefused(
            "{ boot: 10s, firmware: { pdn-retry: { initial: 1m, multiplier: 2, cap: 30m } } }",
            10 * kMinute) == 4);
}

TEST_CASE("SOR-4: a refusal ends when the device leaves the network", "[seam][devices]") {
  Rig rig("{ boot: 10s }");
  rig.network.on_pdn_request = [&](SimId sim, SimTime now) { rig.devices.PdnReject(sim, now); };
  rig.devices.Start();
  rig.RunUntil(10 * kSecond + 1);
  // Powered off 5 min after the refusal: requests at 0 .. 4 min were made.
  CHECK(rig.devices.SwitchOff(kUnit, 5 * kMinute + 10 * kSecond));
  CHECK(rig.devices.pdn_requests(kUnit) == 5);
  CHECK(rig.network.Times(Kind::kDetach) == Times{5 * kMinute + 10 * kSecond});
  // A new refusal counts afresh, from the new attach.
  CHECK(rig.devices.SwitchOn(kUnit, kHour));
  rig.RunUntil(kHour + 10 * kSecond + 1);
  rig.devices.Finish(kHour + 10 * kSecond + 2 * kMinute);
  CHECK(rig.devices.pdn_requests(kUnit) == 5 + 2);
}

TEST_CASE("DEV-3: Traffic counts the sends of the device's schedule from one time up to another",
          "[seam][devices]") {
  Rig rig("{ boot: 10s, traffic: { every: 1h, uplink: 2KB, downlink: 512B, sms: 1 } }");
  const SimTime anchor = rig.devices.traffic_anchor(kUnit);
  REQUIRE(anchor >= 0);
  REQUIRE(anchor < kHour);
  constexpr int64_t kUp = 2048;
  constexpr int64_t kDown = 512;
  // Counted by arithmetic whatever the device is doing: whether it was online is the network's
  // business. It has not even been switched on.
  CHECK(rig.devices.modem(kUnit) == ModemState::kOff);

  // Sends at anchor + k h: the first day holds k = 0 .. 23.
  const TrafficTally day = rig.devices.Traffic(kUnit, 0, kDay);
  CHECK(day.sends == 24);
  CHECK(day.uplink == 24 * kUp);
  CHECK(day.downlink == 24 * kDown);
  CHECK(day.sms == 24);
  // [from, to): a send at `from` counts, one at `to` does not.
  CHECK(rig.devices.Traffic(kUnit, anchor, anchor + 1).sends == 1);
  const TrafficTally none = rig.devices.Traffic(kUnit, anchor + 1, anchor + kHour);
  CHECK(none.sends == 0);
  CHECK(none.uplink == 0);
  CHECK(rig.devices.Traffic(kUnit, anchor + 1, anchor + kHour + 1).sends == 1);
  // Any 48 hours hold 48 sends, and intervals add up.
  CHECK(rig.devices.Traffic(kUnit, 10 * kDay + 17 * kMinute, 12 * kDay + 17 * kMinute).uplink ==
        48 * kUp);
  const TrafficTally a = rig.devices.Traffic(kUnit, 0, anchor + 5 * kHour);
  const TrafficTally b = rig.devices.Traffic(kUnit, anchor + 5 * kHour, kDay);
  CHECK(a.sends == 5);
  CHECK(a.sends + b.sends == day.sends);
  CHECK(a.uplink + b.uplink == day.uplink);

  // Thresholds: just after the send that reaches them.
  CHECK(rig.devices.DataCrossing(kUnit, 0, 0, 3 * (kUp + kDown), kNever) == anchor + 2 * kHour + 1);
  CHECK(rig.devices.DataCrossing(kUnit, 0, 0, kUp + kDown + 1, kNever) == anchor + kHour + 1);
  // Counting from later on: the send at anchor is behind, the next at anchor + 1 h.
  CHECK(rig.devices.DataCrossing(kUnit, anchor + 1, kUp + kDown, 2 * (kUp + kDown), kNever) ==
        anchor + kHour + 1);
  CHECK(rig.devices.DataCrossing(kUnit, 5 * kHour, 100, 100, kNever) == 5 * kHour);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test::devices_seam
