// The thin slice of behaviour end to end: Soracom-style statuses, attach, permanent reject,
// power cycle. Tests step the simulation with RunUntil to observe it between events.
#include <catch2/catch.hpp>
#include <filesystem>

#include "simulator/results/pipeline.h"
#include "simulator/scenario/scenario_loader.h"
#include "simulator/world/world.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr const char* kSlice = R"(name: slice
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker:
    boot: 10s
    traffic: { every: 1h, uplink: 2KB, downlink: 512B }
fleet:
  - { group: trackers, count: 3, carrier: soracom, plan: plan01s, device: tracker }
  - { group: bystanders, count: 2, carrier: soracom, plan: plan01s, device: tracker }
timeline:
  - { at: 10d, suspend: { group: trackers } }
  - { at: 20d, activate: { group: trackers } }
  - { at: 20d 1h, power-cycle: { group: trackers } }
)";

constexpr SimId kTracker = 0;    // trackers are SIMs 0..2
constexpr SimId kBystander = 3;  // bystanders are SIMs 3..4

std::string StatusName(const World& w, SimId sim) {
  return w.directory().ProfileOf(sim).statuses[w.network().status(sim)].name;
}

std::vector<StatusChange> HistoryOf(const World& w, SimId sim) {
  std::vector<StatusChange> changes;
  for (const StatusChange& c : w.recorder().history().changes) {
    if (c.sim == sim) changes.push_back(c);
  }
  return changes;
}

// Sends of a device in [from, to), counted one by one: independent of the arithmetic under test.
int64_t SendsByBruteForce(SimTime anchor, SimTime every, SimTime from, SimTime to) {
  int64_t n = 0;
  for (SimTime t = anchor; t < to; t += every) n += t >= from;
  return n;
}

TEST_CASE("SOR-1 SOR-2: a new SIM is ready and its first attach makes it active", "[slice]") {
  const Scenario s = test::LoadValid(kSlice);
  World w(s, s.seed);
  CHECK(StatusName(w, kTracker) == "ready");
  w.RunUntil(10 * kSecond);  // the boot ends exactly at 10 s: not handled yet
  CHECK(StatusName(w, kTracker) == "ready");
  CHECK(w.recorder().signaling().total.attach_attempts == 0);
  w.RunUntil(10 * kSecond + 1);
  CHECK(StatusName(w, kTracker) == "active");
  CHECK(w.recorder().signaling().total.attach_attempts == 5);
  CHECK(w.recorder().signaling().total.attach_accepts == 5);
  CHECK(w.devices().modem(kTracker) == ModemState::kRegistered);
  CHECK(w.network().online(kTracker) == 1);
  const std::vector<StatusChange> history = HistoryOf(w, kTracker);
  REQUIRE(history.size() == 1);
  CHECK(history[0].time == 10 * kSecond);
  CHECK(w.directory().ProfileOf(kTracker).statuses[history[0].from].name == "ready");
  CHECK(w.directory().ProfileOf(kTracker).statuses[history[0].to].name == "active");
  CHECK(history[0].cause == ChangeCause::kDeviceAttach);
}

TEST_CASE("SOR-6 NET-1: a suspended SIM's attach gets permanent reject #7 and the modem stops",
          "[slice]") {
  const Scenario s = test::LoadValid(kSlice);
  World w(s, s.seed);
  w.RunUntil(10 * kDay + 1);
  CHECK(StatusName(w, kTracker) == "suspended");
  // Detached at the suspension, re-attached at once and permanently rejected.
  CHECK(w.devices().attach_attempts(kTracker) == 2);
  CHECK(w.recorder().signaling().by_group[0].network_detaches == 3);
  CHECK(w.recorder().signaling().by_group[0].detaches_by_cause[kCauseEpsNotAllowed] == 0);  // re-attach required
  CHECK(w.recorder().signaling().by_group[0].rejects_by_cause[kCauseEpsNotAllowed] == 3);
  CHECK(w.recorder().signaling().by_group[0].AttachRejects() == 3);
  CHECK(w.devices().modem(kTracker) == ModemState::kSimInvalid);
  CHECK(w.network().online(kTracker) == 0);
  CHECK_FALSE(w.queue().IsTimerSet(EntityOfDevice(kTracker), kModemTimer));
  // Devices of other groups are untouched.
  CHECK(StatusName(w, kBystander) == "active");
  CHECK(w.devices().attach_attempts(kBystander) == 1);
  CHECK(w.network().online(kBystander) == 1);
}

TEST_CASE(
    "SOR-6: no attach between the permanent reject and the power cycle, even after "
    "reactivation",
    "[slice]") {
  const Scenario s = test::LoadValid(kSlice);
  World w(s, s.seed);
  w.RunUntil(10 * kDay + 1);
  const uint64_t attempts_after_reject = w.recorder().signaling().total.attach_attempts;
  w.RunUntil(20 * kDay + 1);  // reactivated
  CHECK(StatusName(w, kTracker) == "active");
  CHECK(w.devices().modem(kTracker) == ModemState::kSimInvalid);
  w.RunUntil(20 * kDay + kHour);  // up to the power cycle, not including it
  CHECK(w.recorder().signaling().total.attach_attempts == attempts_after_reject);
  CHECK(w.network().online(kTracker) == 0);

  const std::vector<StatusChange> history = HistoryOf(w, kTracker);
  REQUIRE(history.size() == 3);
  const CarrierProfile& p = w.directory().ProfileOf(kTracker);
  CHECK(p.statuses[history[1].to].name == "suspended");
  CHECK(history[1].time == 10 * kDay);
  CHECK(history[1].cause == ChangeCause::kApi);
  CHECK(p.statuses[history[2].to].name == "active");
  CHECK(history[2].time == 20 * kDay);
  CHECK(history[2].cause == ChangeCause::kApi);
}

TEST_CASE("DEV-1 NET-1: a power cycle clears the invalid SIM and the device reconnects",
          "[slice]") {
  const Scenario s = test::LoadValid(kSlice);
  World w(s, s.seed);
  w.RunUntil(20 * kDay + kHour + 10 * kSecond);  // cycled, booting
  CHECK(w.devices().modem(kTracker) == ModemState::kWaiting);
  w.RunToEnd();
  CHECK(w.devices().attach_attempts(kTracker) == 3);
  CHECK(w.devices().modem(kTracker) == ModemState::kRegistered);
  CHECK(w.network().online(kTracker) == 1);
  CHECK(StatusName(w, kTracker) == "active");
  CHECK(w.recorder().signaling().total.attach_attempts == 3 * 3 + 2);
  CHECK(w.recorder().signaling().total.attach_accepts == 3 * 2 + 2);
  CHECK(w.recorder().history().changes.size() == 3 * 3 + 2);
  CHECK(w.recorder().actions()[2].applied == 3);
}

TEST_CASE("NET-5: usage flows only while a data session is up", "[slice]") {
  const Scenario s = test::LoadValid(kSlice);
  World w(s, s.seed);
  w.RunToEnd();
  const SimTime every = kHour;
  for (SimId sim = 0; sim < 5; ++sim) {
    const SimTime anchor = w.devices().traffic_anchor(sim);
    int64_t sends = 0;
    SimTime online = 0;
    if (sim < 3) {  // trackers: online from boot to the suspension, and after the power cycle
      sends = SendsByBruteForce(anchor, every, 10 * kSecond, 10 * kDay) +
              SendsByBruteForce(anchor, every, 20 * kDay + kHour + 10 * kSecond, 30 * kDay);
      online = (10 * kDay - 10 * kSecond) + (30 * kDay - 20 * kDay - kHour - 10 * kSecond);
    } else {
      sends = SendsByBruteForce(anchor, every, 10 * kSecond, 30 * kDay);
      online = 30 * kDay - 10 * kSecond;
    }
    INFO("sim " << sim);
    CHECK(w.network().uplink_bytes(sim) == sends * 2048);
    CHECK(w.network().downlink_bytes(sim) == sends * 512);
    CHECK(w.network().online_ms(sim) == online);
  }
}

// A carrier profile of our own: the network behaviour comes from data, not code.
std::string WriteProfile(const test::TempDir& dir, const std::string& text) {
  const std::string path = dir.File("acme.yaml");
  REQUIRE(test::WriteText(path, text));
  return path;
}

std::string ScenarioWithProfile(const std::string& profile_path, const std::string& rest) {
  return "name: custom\nstart: 2026-01-01T00:00:00Z\nduration: 2d\ncarriers:\n  acme: { profile: " +
         profile_path + " }\ndevices:\n  d: { boot: 10s, traffic: { every: 1h, uplink: 1KB } }\n" +
         rest;
}

TEST_CASE("a profile can detach blocked devices with the reject cause instead", "[slice]") {
  test::TempDir dir;
  std::string soracom = test::ReadText(test::SourcePath("scenarios/carriers/soracom.yaml"));
  soracom.replace(soracom.find("blocked-detach: re-attach"), 25, "blocked-detach: with-cause");
  const std::string profile = WriteProfile(dir, soracom);
  const Scenario s = test::LoadValid(ScenarioWithProfile(profile, R"(fleet:
  - { group: g, count: 2, carrier: acme, plan: plan01s, device: d }
timeline:
  - { at: 1d, suspend: { group: g } }
)"));
  World w(s, s.seed);
  w.RunToEnd();
  CHECK(w.recorder().signaling().total.attach_attempts == 2);  // the boot attaches only: no re-attach
  CHECK(w.recorder().signaling().total.network_detaches == 2);
  CHECK(w.recorder().signaling().total.detaches_by_cause[kCauseEpsNotAllowed] == 2);
  CHECK(w.recorder().signaling().total.AttachRejects() == 0);
  CHECK(w.devices().modem(0) == ModemState::kSimInvalid);
}

TEST_CASE("NET-2: temporary rejects are retried after T3411, and after T3402 past the 5th",
          "[slice]") {
  test::TempDir dir;
  const std::string profile = WriteProfile(dir, R"(carrier: acme
prices: none
initial: barred
statuses:
  barred: { attach: { reject: 17 } }
  open: { attach: accept, data: true }
verbs:
  open: { from: [barred], to: open }
plans:
  basic:
    basic: { barred: free, open: free }
)");
  const Scenario s = test::LoadValid(ScenarioWithProfile(profile, R"(fleet:
  - { group: g, count: 1, carrier: acme, plan: basic, device: d }
timeline:
  - { at: 1h, open: { group: g } }
)"));
  World w(s, s.seed);
  const SimTime boot = 10 * kSecond, t3411 = 10 * kSecond, t3402 = 12 * kMinute;
  w.RunUntil(boot + 4 * t3411 + 1);  // attempts at 10, 20, 30, 40, 50 s
  CHECK(w.devices().attach_attempts(0) == 5);
  CHECK(w.recorder().signaling().total.rejects_by_cause[17] == 5);
  CHECK(w.devices().modem(0) == ModemState::kWaiting);  // temporary: it keeps trying
  w.RunUntil(boot + 4 * t3411 + t3402);            // T3402 running
  CHECK(w.devices().attach_attempts(0) == 5);
  w.RunUntil(boot + 4 * t3411 + t3402 + 1);
  CHECK(w.devices().attach_attempts(0) == 6);
  w.RunToEnd();  // opened at 1 h; the next retry is accepted
  CHECK(w.devices().modem(0) == ModemState::kRegistered);
  CHECK(w.recorder().signaling().total.attach_accepts == 1);
}

TEST_CASE("a verb not allowed from a SIM's status is refused and counted", "[slice]") {
  test::TempDir dir;
  const std::string profile = WriteProfile(dir, R"(carrier: acme
prices: none
initial: active
statuses:
  active: { attach: accept, data: true }
  paused: { attach: { reject: 7 } }
  closed: { attach: { reject: 8 }, final: true }
verbs:
  pause: { from: [active], to: paused }
  close: { from: [paused], to: closed }
plans:
  basic:
    basic: { active: free, paused: free }
)");
  const Scenario s = test::LoadValid(ScenarioWithProfile(profile, R"(fleet:
  - { group: a, count: 3, carrier: acme, plan: basic, device: d }
  - { group: b, count: 2, carrier: acme, plan: basic, device: d, status: paused }
timeline:
  - { at: 1h, close: { group: a } }
  - { at: 1h, close: { group: b } }
  - { at: 2h, close: { group: b } }
)"));
  World w(s, s.seed);
  w.RunToEnd();
  CHECK(w.recorder().actions()[0].refused == 3);  // active -> closed is not allowed
  CHECK(w.recorder().actions()[0].refusals.at("close is not allowed from active") == 3);
  CHECK(w.recorder().actions()[1].applied == 2);
  CHECK(w.recorder().actions()[2].unchanged == 2);  // already closed
  CHECK(StatusName(w, 0) == "active");
  CHECK(StatusName(w, 3) == "closed");
}

TEST_CASE("power actions that change nothing are counted as unchanged", "[slice]") {
  const std::string text = std::string(kSlice).substr(0, std::string(kSlice).find("timeline:")) +
                           R"(timeline:
  - { at: 1d, power-on: { group: bystanders } }
  - { at: 2d, power-off: { group: bystanders } }
  - { at: 3d, power-off: { group: bystanders } }
  - { at: 4d, power-cycle: { group: bystanders } }
)";
  const Scenario s = test::LoadValid(text);
  World w(s, s.seed);
  w.RunToEnd();
  CHECK(w.recorder().actions()[0].unchanged == 2);  // already on
  CHECK(w.recorder().actions()[0].applied == 0);
  CHECK(w.recorder().actions()[1].applied == 2);
  CHECK(w.recorder().actions()[2].unchanged == 2);  // already off
  CHECK(w.recorder().actions()[3].applied == 2);    // a cycle turns an off device on
  CHECK(w.devices().modem(kBystander) == ModemState::kRegistered);
}

TEST_CASE("powering off ends the session and powering on attaches again", "[slice]") {
  const std::string text = std::string(kSlice).substr(0, std::string(kSlice).find("timeline:")) +
                           R"(timeline:
  - { at: 1d, power-off: { group: bystanders } }
  - { at: 2d, power-on: { group: bystanders } }
)";
  const Scenario s = test::LoadValid(text);
  World w(s, s.seed);
  w.RunUntil(kDay + 1);
  CHECK(w.devices().modem(kBystander) == ModemState::kOff);
  CHECK(w.network().online(kBystander) == 0);
  CHECK(StatusName(w, kBystander) == "active");  // subscriber status is not session status
  w.RunUntil(2 * kDay + 10 * kSecond + 1);
  CHECK(w.devices().modem(kBystander) == ModemState::kRegistered);
  CHECK(w.devices().attach_attempts(kBystander) == 2);
  CHECK(w.network().online(kBystander) == 1);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("a count or fraction of a group is chosen the same way for the same seed", "[slice]") {
  const std::string body = R"(name: pick
start: 2026-01-01T00:00:00Z
duration: 2d
carriers:
  soracom: { profile: soracom }
devices:
  d: { boot: 0 }
fleet:
  - { group: g, count: 100, carrier: soracom, plan: plan01s, device: d, power: off }
timeline:
  - { at: 1h, suspend: { group: g, count: 7 } }
  - { at: 2h, deactivate: { group: g, fraction: 25% } }
)";
  // The SIMs an action moved, read from the history.
  const auto chosen = [&](uint64_t seed, const std::string& status) {
    const Scenario s = test::LoadValid(body);
    World w(s, seed);
    w.RunToEnd();
    std::vector<SimId> sims;
    for (const StatusChange& c : w.recorder().history().changes) {
      if (w.directory().ProfileOf(c.sim).statuses[c.to].name == status) sims.push_back(c.sim);
    }
    return sims;
  };
  const std::vector<SimId> seven = chosen(1, "suspended");
  CHECK(seven.size() == 7);
  CHECK(chosen(1, "suspended") == seven);
  CHECK(chosen(2, "suspended") != seven);
  CHECK(chosen(1, "inactive").size() == 25);  // 25% of 100
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
