// The core network on its own, through its seams: attach, data sessions, detach, cells and the
// core (tests/unit/network_rig.h has the scripted device side).
#include <catch2/catch.hpp>

#include "tests/unit/network_rig.h"

namespace carriersim::test::network_seam {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("SOR-2: an attach request from ready makes the SIM active and is accepted",
          "[seam][network]") {
  Rig rig;
  CHECK(rig.Status(kFresh) == "ready");
  const AttachAnswer answer = rig.network.AttachRequest(kFresh, kOpen, 10 * kSecond);
  CHECK(answer.outcome == AttachOutcome::kAccepted);
  CHECK(answer.cause == 0);
  CHECK(rig.Status(kFresh) == "active");
  CHECK(rig.network.stable(kFresh) == rig.network.status(kFresh));
  CHECK(rig.network.stable_since(kFresh) == 10 * kSecond);
  const std::vector<StatusChange> history = rig.History(kFresh);
  REQUIRE(history.size() == 1);
  CHECK(history[0].time == 10 * kSecond);
  CHECK(rig.StatusName(kFresh, history[0].from) == "ready");
  CHECK(rig.StatusName(kFresh, history[0].to) == "active");
  CHECK(history[0].cause == ChangeCause::kDeviceAttach);
  CHECK(rig.recorder.signaling().total.attach_attempts == 1);
  CHECK(rig.recorder.signaling().total.attach_accepts == 1);
  // The answer is the return value: nothing goes to the device, and no session is up yet.
  CHECK(rig.devices.received.empty());
  CHECK(rig.network.online(kFresh) == 0);
  CHECK(rig.Sessions(kFresh).empty());
}

TEST_CASE("SOR-2: with test mode enabled in advance the first attach leads to testing",
          "[seam][network]") {
  Rig rig;
  CHECK(rig.network.AttachRequest(kTrial, kOpen, 0).outcome == AttachOutcome::kAccepted);
  CHECK(rig.Status(kTrial) == "testing");
  REQUIRE(rig.History(kTrial).size() == 1);
  CHECK(rig.History(kTrial)[0].cause == ChangeCause::kDeviceAttach);
}

TEST_CASE("NET-5: attach complete and a PDN request bring up a session the device is told of",
          "[seam][network]") {
  Rig rig;
  rig.network.AttachRequest(kFresh, kOpen, 10 * kSecond);
  rig.network.AttachComplete(kFresh, 10 * kSecond);
  // Registered, but not asking for data yet: nothing to say.
  CHECK(rig.devices.received.empty());
  CHECK(rig.network.online(kFresh) == 0);

  rig.network.PdnRequest(kFresh, 10 * kSecond);
  REQUIRE(rig.devices.received.size() == 1);
  CHECK(Is(rig.devices.received[0], Received::Kind::kPdnEstablished, 10 * kSecond, kFresh));
  CHECK(rig.network.online(kFresh) == 1);
  const std::vector<SessionRecord> sessions = rig.Sessions(kFresh);
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].opened == 10 * kSecond);
  CHECK(sessions[0].closed == kNever);
  CHECK(sessions[0].end == SessionEnd::kOpen);
  CHECK(rig.recorder.signaling().total.sessions_opened == 1);
  // Nothing has been sent yet, so nothing was asked; active has no data threshold to watch.
  CHECK(rig.devices.traffic_queries.empty());
  CHECK(rig.devices.crossing_queries.empty());
}

TEST_CASE("NET-5: a PDN request from a device that is not attached opens nothing",
          "[seam][network]") {
  Rig rig;
  // The SIM is active (attach request answered) but the attach never completed.
  rig.network.AttachRequest(kFresh, kOpen, 0);
  rig.network.PdnRequest(kFresh, 0);
  CHECK(rig.network.online(kFresh) == 0);
  CHECK(rig.Sessions(kFresh).empty());
  CHECK(rig.devices.received.empty());
}

TEST_CASE(
    "SOR-6 NET-1: suspending an attached SIM detaches its device, closes its session, "
    "and attaches then get #7",
    "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh, 10 * kSecond);
  CHECK(rig.Verb(kFresh, "suspend", 2 * kHour).result == VerbResult::kApplied);
  CHECK(rig.Status(kFresh) == "suspended");

  // Soracom detaches with "re-attach required" (network.blocked-detach: re-attach), naming the
  // suspended status's cause #7; no T3346 without #22.
  REQUIRE(rig.devices.received.size() == 2);
  CHECK(Is(rig.devices.received[0], Received::Kind::kPdnEstablished, 10 * kSecond, kFresh));
  const Received& detach = rig.devices.received[1];
  CHECK(Is(detach, Received::Kind::kNetworkDetach, 2 * kHour, kFresh));
  CHECK(detach.detach.reattach);
  CHECK(detach.detach.cause == kCauseEpsNotAllowed);
  CHECK(detach.detach.t3346 == DurationRange{});
  CHECK(rig.recorder.signaling().total.network_detaches == 1);

  // The session ends at the suspension, detached.
  CHECK(rig.network.online(kFresh) == 0);
  const std::vector<SessionRecord> sessions = rig.Sessions(kFresh);
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].closed == 2 * kHour);
  CHECK(sessions[0].end == SessionEnd::kDetached);
  // Its usage was asked for once, for [10 s, 2 h): the one send at 1 h.
  REQUIRE(rig.devices.traffic_queries.size() == 1);
  CHECK(rig.devices.traffic_queries[0].sim == kFresh);
  CHECK(rig.devices.traffic_queries[0].from == 10 * kSecond);
  CHECK(rig.devices.traffic_queries[0].to == 2 * kHour);
  CHECK(rig.network.uplink_bytes(kFresh) == 2 * kKB);
  CHECK(rig.network.downlink_bytes(kFresh) == 512);
  CHECK(rig.network.online_ms(kFresh) == 2 * kHour - 10 * kSecond);

  // The re-attach is permanently rejected (NET-1), in the answer itself.
  const AttachAnswer answer = rig.network.AttachRequest(kFresh, kOpen, 2 * kHour);
  CHECK(answer.outcome == AttachOutcome::kRejected);
  CHECK(answer.cause == kCauseEpsNotAllowed);
  CHECK(answer.t3346 == DurationRange{});
  CHECK(rig.recorder.signaling().total.rejects_by_cause[kCauseEpsNotAllowed] == 1);
  CHECK(rig.Status(kFresh) == "suspended");
  CHECK(rig.devices.received.size() == 2);

  // SOR-6: no SMS either.
  CHECK(rig.network.SendCommands(kFresh, 1, 3 * kHour).result == VerbResult::kRefused);
  CHECK(rig.devices.received.size() == 2);
}

TEST_CASE(
    "SOR-5: standby detaches an attached device to re-attach, and the re-attach "
    "reactivates the SIM",
    "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh, 0);
  CHECK(rig.Verb(kFresh, "set-to-standby", kHour).result == VerbResult::kApplied);
  REQUIRE(rig.devices.received.size() == 2);
  const Received& detach = rig.devices.received[1];
  CHECK(Is(detach, Received::Kind::kNetworkDetach, kHour, kFresh));
  CHECK(detach.detach.reattach);
  CHECK(rig.Sessions(kFresh)[0].end == SessionEnd::kDetached);

  CHECK(rig.network.AttachRequest(kFresh, kOpen, kHour).outcome == AttachOutcome::kAccepted);
  CHECK(rig.Status(kFresh) == "active");
  const std::vector<StatusChange> history = rig.History(kFresh);
  REQUIRE(history.size() == 3);  // ready > active > standby > active
  CHECK(history[2].time == kHour);
  CHECK(history[2].cause == ChangeCause::kDeviceAttach);
}

TEST_CASE("SOR-4: in a status without data a PDN request is answered with a reject",
          "[seam][network]") {
  Rig rig;
  CHECK(rig.network.AttachRequest(kIdle, kOpen, 10 * kSecond).outcome == AttachOutcome::kAccepted);
  CHECK(rig.Status(kIdle) == "inactive");  // inactive accepts attaches as it is
  CHECK(rig.History(kIdle).empty());
  rig.network.AttachComplete(kIdle, 10 * kSecond);
  CHECK(rig.devices.received.empty());

  rig.network.PdnRequest(kIdle, 10 * kSecond);
  REQUIRE(rig.devices.received.size() == 1);
  CHECK(Is(rig.devices.received[0], Received::Kind::kPdnReject, 10 * kSecond, kIdle));
  CHECK(rig.network.online(kIdle) == 0);
  CHECK(rig.Sessions(kIdle).empty());
  CHECK(rig.recorder.signaling().total.sessions_opened == 0);

  // The request stands while the device stays attached: activating the SIM brings the session
  // up without the device asking again.
  CHECK(rig.Verb(kIdle, "activate", kHour).result == VerbResult::kApplied);
  REQUIRE(rig.devices.received.size() == 2);
  CHECK(Is(rig.devices.received[1], Received::Kind::kPdnEstablished, kHour, kIdle));
  REQUIRE(rig.Sessions(kIdle).size() == 1);
  CHECK(rig.Sessions(kIdle)[0].opened == kHour);
}

TEST_CASE("SOR-4: deactivating an online SIM takes its data session away", "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh, 10 * kSecond);
  CHECK(rig.Verb(kFresh, "deactivate", 3 * kHour).result == VerbResult::kApplied);
  REQUIRE(rig.devices.received.size() == 2);
  CHECK(Is(rig.devices.received[1], Received::Kind::kPdnReject, 3 * kHour, kFresh));
  const std::vector<SessionRecord> sessions = rig.Sessions(kFresh);
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].closed == 3 * kHour);
  CHECK(sessions[0].end == SessionEnd::kDataBarred);
  // Sends at 1 h and 2 h fell in the session [10 s, 3 h).
  CHECK(rig.network.uplink_bytes(kFresh) == 2 * 2 * kKB);
  // Still registered: a new request is refused again, and no session opens.
  rig.network.PdnRequest(kFresh, 4 * kHour);
  REQUIRE(rig.devices.received.size() == 3);
  CHECK(Is(rig.devices.received[2], Received::Kind::kPdnReject, 4 * kHour, kFresh));
  CHECK(rig.Sessions(kFresh).size() == 1);
}

TEST_CASE("NET-3: past a cell's capacity an attach gets #22 with the cell's T3346 range",
          "[seam][network]") {
  Rig rig;
  // metro takes one attach a second: [0, 1 s) is the first window.
  CHECK(rig.network.AttachRequest(kFresh, kMetro, 0).outcome == AttachOutcome::kAccepted);
  const AttachAnswer congested = rig.network.AttachRequest(kFresh + 1, kMetro, 999);
  CHECK(congested.outcome == AttachOutcome::kRejected);
  CHECK(congested.cause == kCauseCongestion);
  // The range, not a value: the modem draws T3346 from its own stream.
  CHECK(congested.t3346 == DurationRange{10 * kMinute, 20 * kMinute});
  // It never reached the core: the SIM is still ready (no SOR-2).
  CHECK(rig.Status(kFresh + 1) == "ready");
  const CellStats& metro = rig.recorder.signaling().by_cell[kMetro];
  CHECK(metro.attempts == 2);
  CHECK(metro.rejects_by_cause.at(kCauseCongestion) == 1);
  CHECK(metro.collateral == 1);  // no mass event: collateral damage
  // The next window has room again; the open cell never had a limit.
  CHECK(rig.network.AttachRequest(kFresh + 1, kMetro, kSecond).outcome == AttachOutcome::kAccepted);
  CHECK(rig.network.AttachRequest(kIdle, kOpen, kSecond).outcome == AttachOutcome::kAccepted);
  CHECK(rig.devices.received.empty());
}

TEST_CASE("NET-3: a network detach with #22 carries the T3346 range of the device's cell",
          "[seam][network]") {
  Rig rig;
  REQUIRE(rig.network.AttachRequest(kBusy, kMetro, 0).outcome == AttachOutcome::kAccepted);
  rig.network.AttachComplete(kBusy, 0);
  CHECK(rig.Verb(kBusy, "suspend", kHour).result == VerbResult::kApplied);
  REQUIRE(rig.devices.received.size() == 1);
  const Received& detach = rig.devices.received[0];
  CHECK(Is(detach, Received::Kind::kNetworkDetach, kHour, kBusy));
  CHECK_FALSE(detach.detach.reattach);  // blocked-detach: with-cause
  CHECK(detach.detach.cause == kCauseCongestion);
  CHECK(detach.detach.t3346 == DurationRange{10 * kMinute, 20 * kMinute});
  CHECK(rig.recorder.signaling().total.detaches_by_cause[kCauseCongestion] == 1);
}

TEST_CASE("NET-4: while the core is down an attach reaches the cell and gets no answer",
          "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh + 1, 0);  // online before the outage
  rig.network.TakeCoreDown();
  const AttachAnswer answer = rig.network.AttachRequest(kFresh, kOpen, 10 * kSecond);
  CHECK(answer.outcome == AttachOutcome::kNoAnswer);
  CHECK(rig.Status(kFresh) == "ready");                        // the core never saw it: no SOR-2
  CHECK(rig.recorder.signaling().total.attach_attempts == 2);  // it did reach the cell
  CHECK(rig.recorder.signaling().total.unanswered == 1);
  CHECK(rig.recorder.signaling().by_cell[kOpen].unanswered == 1);
  // The network learns of lost radio links from the devices (NetworkPort::detach): the outage
  // alone leaves the online device's session open and sends nothing.
  CHECK(rig.network.online(kFresh + 1) == 1);
  CHECK(rig.devices.received.size() == 1);  // the PdnEstablished at 0
  rig.network.Detach(kFresh + 1, 10 * kSecond, SessionEnd::kLostService);
  CHECK(rig.Sessions(kFresh + 1)[0].end == SessionEnd::kLostService);

  rig.network.RestoreCore();
  CHECK(rig.network.AttachRequest(kFresh, kOpen, 25 * kSecond).outcome == AttachOutcome::kAccepted);
  CHECK(rig.Status(kFresh) == "active");
}

TEST_CASE("NET-4: while a cell is down an attach through it reaches nobody", "[seam][network]") {
  Rig rig;
  rig.network.TakeCellDown(kOpen, kHour);
  CHECK_FALSE(rig.network.CellUp(kOpen));
  CHECK(rig.network.CellBackAt(kOpen) == kHour);
  CHECK(rig.network.CellUp(kMetro));
  CHECK(rig.network.AttachRequest(kFresh, kOpen, 0).outcome == AttachOutcome::kNoCell);
  CHECK(rig.recorder.signaling().total.attach_attempts == 0);
  CHECK(rig.Status(kFresh) == "ready");
  // Outages nest: the cell is back when the last one ends.
  rig.network.TakeCellDown(kOpen, 2 * kHour);
  CHECK(rig.network.CellBackAt(kOpen) == 2 * kHour);
  CHECK_FALSE(rig.network.RestoreCell(kOpen));
  CHECK_FALSE(rig.network.CellUp(kOpen));
  CHECK(rig.network.RestoreCell(kOpen));
  CHECK(rig.network.CellUp(kOpen));
  CHECK(rig.network.AttachRequest(kFresh, kOpen, 2 * kHour).outcome == AttachOutcome::kAccepted);
}

TEST_CASE("NET-5: a detach by the device closes its session with the reason it gives",
          "[seam][network]") {
  const SessionEnd why =
      GENERATE(SessionEnd::kPowerOff, SessionEnd::kLostService, SessionEnd::kSimRemoved);
  Rig rig;
  rig.Connect(kFresh, 10 * kSecond);
  rig.network.Detach(kFresh, 90 * kMinute, why);
  const std::vector<SessionRecord> sessions = rig.Sessions(kFresh);
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].closed == 90 * kMinute);
  CHECK(sessions[0].end == why);
  CHECK(rig.network.online(kFresh) == 0);
  // Sends in [10 s, 90 min): the one at 1 h.
  CHECK(rig.network.uplink_bytes(kFresh) == 2 * kKB);
  CHECK(rig.network.online_ms(kFresh) == 90 * kMinute - 10 * kSecond);
  // The device's own detach: nothing is sent back, and the subscriber status is untouched.
  CHECK(rig.devices.received.size() == 1);
  CHECK(rig.Status(kFresh) == "active");
  // Detached, it is no longer heard asking for data.
  rig.network.PdnRequest(kFresh, 2 * kHour);
  CHECK(rig.Sessions(kFresh).size() == 1);
  CHECK(rig.devices.received.size() == 1);
}

TEST_CASE("NET-5: a PDN release ends the session and the device stays registered",
          "[seam][network]") {
  Rig rig;
  rig.Connect(kFresh, 0);
  rig.network.PdnRelease(kFresh, 2 * kHour);
  CHECK(rig.network.online(kFresh) == 0);
  CHECK(rig.Sessions(kFresh)[0].end == SessionEnd::kReleased);
  CHECK(rig.devices.received.size() == 1);
  // Sends in [0, 2 h): at 0 and at 1 h.
  CHECK(rig.network.uplink_bytes(kFresh) == 2 * 2 * kKB);
  rig.network.PdnRequest(kFresh, 3 * kHour);
  REQUIRE(rig.devices.received.size() == 2);
  CHECK(Is(rig.devices.received[1], Received::Kind::kPdnEstablished, 3 * kHour, kFresh));
  REQUIRE(rig.Sessions(kFresh).size() == 2);
  CHECK(rig.Sessions(kFresh)[1].opened == 3 * kHour);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test::network_seam
