// DEV-1: power. Duty cycles with a phase per device, yearly off seasons, the timeline's switch,
// and timeline actions spread over time so that a fleet does not act in lockstep.
#include <catch2/catch.hpp>
#include <algorithm>
#include <tuple>
#include <vector>

#include <algorithm>
#include <set>

#include "devices/power.h"
#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// `count` devices of profile `device` (its YAML) on soracom, then `timeline`.
std::string Devices(const std::string& device, int count, const std::string& timeline = "",
                    const std::string& group_extra = "") {
  return R"(carriers:
  soracom: { profile: soracom }
devices:
  unit: )" + device + R"(
fleet:
  - { group: units, count: )" + std::to_string(count) +
         R"(, carrier: soracom, plan: plan01s, device: unit, status: active)" + group_extra +
         R"( }
timeline:
)" + (timeline.empty() ? "  []\n" : timeline);
}

}  // namespace

TEST_CASE("DEV-1: a duty-cycled device is on for its share of every period, at its own phase",
          "[rules][power]") {
  const Run run = Simulate(
      Devices("{ boot: 10s, power: { duty-cycle: { on: 10m, every: 1h } }, "
              "traffic: { every: 1m, uplink: 1KB } }",
              3),
      "1d");
  std::set<SimTime> phases;
  for (int64_t i = 0; i < 3; ++i) {
    const SimId sim = run.Sim("units", i);
    const SimTime phase = run.world->devices().PowerPhase(sim);
    REQUIRE(phase >= 0);
    REQUIRE(phase < kHour);
    phases.insert(phase);
    // On in [phase + k h, phase + k h + 10m), cut to the day; online from 10 s after power-on.
    SimTime online = 0;
    uint32_t attaches = 0;
    for (int k = -1; k <= 24; ++k) {
      const SimTime on = std::max<SimTime>(0, phase + k * kHour);
      const SimTime off = std::min<SimTime>(kDay, phase + k * kHour + 10 * kMinute);
      if (off <= on + 10 * kSecond) continue;
      ++attaches;
      online += off - (on + 10 * kSecond);
    }
    INFO("device " << i << ", phase " << phase);
    CHECK(run.world->devices().attach_attempts(sim) == attaches);
    CHECK(run.world->network().online_ms(sim) == online);
    CHECK(run.world->recorder().signaling().by_group[0].sessions_opened >= attaches);
    // 10 minutes in every hour, 24 hours, less the boots.
    CHECK(online > 23 * (10 * kMinute - 10 * kSecond));
    CHECK(online <= 24 * 10 * kMinute);
  }
  CHECK(phases.size() == 3);  // a phase of each device's own, not one for the fleet
}

TEST_CASE("DEV-1: a seasonal device is off from December to March, and the switch overrides it",
          "[rules][power]") {
  const std::string device = "{ boot: 10s, power: { off-seasons: [{ from: 12-01, to: 03-01 }] } }";
  // 2026-01-01 + 400 days: the season of 2025/26 runs out on Mar 1, the next starts on Dec 1.
  const Run seasonal = Simulate(Devices(device, 1), "400d");
  const SimId sim = seasonal.Sim("units");
  CHECK(seasonal.world->devices().attach_attempts(sim) == 1);
  CHECK(seasonal.world->network().online_ms(sim) ==
        seasonal.At("2026-12-01T00:00:00Z") - seasonal.At("2026-03-01T00:00:10Z"));
  CHECK(seasonal.world->devices().modem(sim) == ModemState::kOff);

  // Switched off in June, on again in July: the schedule applies only while switched on.
  const Run switched = Simulate(Devices(device, 1,
                                        "  - { at: 2026-06-01, power-off: { group: units } }\n"
                                        "  - { at: 2026-07-01, power-on: { group: units } }\n"
                                        "  - { at: 2026-12-15, power-on: { group: units } }\n"),
                                "400d");
  CHECK(switched.world->devices().attach_attempts(sim) == 2);
  CHECK(switched.world->network().online_ms(sim) ==
        (switched.At("2026-06-01T00:00:00Z") - switched.At("2026-03-01T00:00:10Z")) +
            (switched.At("2026-12-01T00:00:00Z") - switched.At("2026-07-01T00:00:10Z")));
  // The power-on in December, within the season, is a switch thrown, not power.
  CHECK(switched.world->recorder().actions()[2].unchanged == 1);
  CHECK(switched.world->devices().modem(sim) == ModemState::kOff);
}

TEST_CASE("DEV-1: a power-on with a spread brings the fleet up over the spread, not in lockstep",
          "[rules][power]") {
  const std::string at_once = "  - { at: 1h, power-on: { group: units } }\n";
  const std::string spread = "  - { at: 1h, spread: 10m, power-on: { group: units } }\n";
  const std::string device = "{ boot: 10s }";
  const Run lockstep = Simulate(Devices(device, 1000, at_once, ", power: false"), "1d");
  const Run spread_run = Simulate(Devices(device, 1000, spread, ", power: false"), "1d");
  const MassEvent& all = lockstep.world->recorder().recovery().events().at(0);
  const MassEvent& spread_out = spread_run.world->recorder().recovery().events().at(0);
  CHECK(all.affected == 1000);
  CHECK(all.BackBy(1) == 10 * kSecond);
  CHECK(all.BackBy(100) == 10 * kSecond);
  CHECK(spread_out.affected == 1000);
  CHECK(spread_run.world->recorder().actions()[0].applied == 1000);
  CHECK(*spread_out.BackBy(1) < 30 * kSecond);
  CHECK(*spread_out.BackBy(50) > 4 * kMinute);
  CHECK(*spread_out.BackBy(50) < 6 * kMinute);
  CHECK(*spread_out.BackBy(100) > 9 * kMinute);
  CHECK(*spread_out.BackBy(100) < 10 * kMinute + 10 * kSecond);

  // Halfway through the spread, about half the fleet has acted.
  const Run midway = SimulateUntil(Devices(device, 1000, spread, ", power: false"),
                                   kHour + 5 * kMinute + 10 * kSecond, "1d");
  int64_t on = 0;
  for (DeviceId d = 0; d < midway.world->devices().size(); ++d) {
    on += midway.world->devices().modem(d) == ModemState::kRegistered;
  }
  CHECK(on > 400);
  CHECK(on < 600);
}

TEST_CASE("DEV-1: a spread applies to any action on SIMs, such as a verb", "[rules][power]") {
  const Run run = Simulate(
      Devices("{ boot: 10s }", 200, "  - { at: 1d, spread: 1h, suspend: { group: units } }\n"),
      "3d");
  std::set<SimTime> times;
  for (const StatusChange& change : run.world->recorder().history().changes) {
    if (run.world->scenario().carriers[0].profile.statuses[change.to].name != "suspended") continue;
    CHECK(change.time >= kDay);
    CHECK(change.time < kDay + kHour);
    times.insert(change.time);
  }
  CHECK(times.size() > 190);  // 200 SIMs at their own moments, give or take a coincidence
  CHECK(run.world->recorder().actions()[0].applied == 200);
}

TEST_CASE("spread actions that overlap take turns by time, then by action, then by SIM",
          "[rules][power]") {
  // Two suspends spread over 5 ms each, the second written after the first: many SIMs share a
  // millisecond, and at each one the first action's SIMs go first, each in id order.
  const std::string body = R"(carriers:
  soracom: { profile: soracom }
devices:
  unit: { boot: 10s }
fleet:
  - { group: first, count: 100, carrier: soracom, plan: plan01s, device: unit, status: active }
  - { group: second, count: 100, carrier: soracom, plan: plan01s, device: unit, status: active }
timeline:
  - { at: 1d, spread: 5ms, suspend: { group: first } }
  - { at: 1d, spread: 5ms, suspend: { group: second } }
)";
  const Run run = Simulate(body, "2d");
  std::vector<std::tuple<SimTime, int, SimId>> turns;  // (time, action, SIM) in the order run
  for (const StatusChange& change : run.world->recorder().history().changes) {
    if (change.cause != ChangeCause::kApi) continue;
    turns.emplace_back(change.time, change.sim < 100 ? 0 : 1, change.sim);
  }
  REQUIRE(turns.size() == 200);
  CHECK(std::is_sorted(turns.begin(), turns.end()));
  CHECK(std::get<0>(turns.front()) == kDay);
  CHECK(std::get<0>(turns.back()) < kDay + 5);
  // The two actions do interleave: some millisecond holds SIMs of both.
  bool interleaved = false;
  for (size_t i = 1; i < turns.size(); ++i) {
    interleaved |= std::get<1>(turns[i - 1]) == 1 && std::get<1>(turns[i]) == 0;
  }
  CHECK(interleaved);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
