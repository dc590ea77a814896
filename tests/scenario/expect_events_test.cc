// Expectations on named timeline entries: how many SIMs an action applied to or was refused
// for, by reason; recovery per group and per mass event, with how many devices were back when a
// percentile was never reached; and the energy the devices an event hit spent coming back.
#include <catch2/catch.hpp>

#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

std::vector<ExpectationResult> Results(const Run& run) { return run.result->expectations(); }

// Ten always-on meters (with `meter_modem` settings) and three quitters (their firmware gives up
// after 3 failures in a row) on one cell, noticing a lost cell at once; the cell goes down at 1h
// for an hour. Five late devices are switched on at 3h. Then `expect`.
std::string Outage(const std::string& expect, const std::string& meter_modem = "") {
  return R"(carriers:
  soracom: { profile: soracom }
devices:
  meter: { boot: 0s, modem: { loss-detection: 0s)" +
         meter_modem + R"( } }
  quitter: { boot: 0s, modem: { loss-detection: 0s }, firmware: { max-attempts: 3 } }
  late: { boot: 10s }
network:
  cells: [{ name: metro }]
fleet:
  - { group: meters, count: 10, carrier: soracom, plan: plan01s, device: meter }
  - { group: quitters, count: 3, carrier: soracom, plan: plan01s, device: quitter }
  - { group: late, count: 5, carrier: soracom, plan: plan01s, device: late, power: false }
timeline:
  - { at: 1h, name: outage, cell-outage: { cell: metro, for: 1h } }
  - { at: 3h, name: wake, power-on: { group: late } }
expect:
)" + expect;
}

}  // namespace

TEST_CASE("HOL-3, HOL-4: a named action's SIMs applied, unchanged and refused by reason",
          "[expect]") {
  const Run run = Simulate(R"(carriers:
  hologram: { profile: hologram }
devices:
  tracker: { boot: 0s }
fleet:
  - { group: fleet, count: 12, carrier: hologram, plan: flexible, device: tracker }
timeline:
  - { at: 1d, name: bulk, deactivate: { group: fleet, via: dashboard } }
  - { at: 2d, name: developer, deactivate: { group: fleet, count: 5, as: developer } }
  - { at: 3d, name: retire, deactivate: { sim: "fleet#0", as: manager } }
  - { at: 4d, name: resume-all, resume: { group: fleet } }
expect:
  - { metric: timeline.refused, action: bulk, "==": 12 }
  - { metric: timeline.refused.channel, action: bulk, "==": 12 }
  - { metric: timeline.applied, action: bulk, "==": 0 }
  - { metric: timeline.refused.role, action: developer, "==": 5 }
  - { metric: timeline.refused.channel, action: developer, "==": 0 }
  - { metric: timeline.applied, action: retire, "==": 1 }
  - { metric: timeline.applied, action: retire, at: 2d, "==": 0 }
  - { metric: timeline.unchanged, action: resume-all, "==": 11 }
  - { metric: timeline.refused.status, action: resume-all, "==": 1 }
  - { metric: timeline.refused.role, action: resume-all, "==": 1 }
)",
                           "10d");
  const auto r = Results(run);
  REQUIRE(r.size() == 10);
  // The dashboard deactivates at most 10 SIMs at a time (HOL-3): all 12 refused for that; a
  // developer may not deactivate (HOL-4); resuming the pending deactivation is refused by its
  // status, and the others are already active.
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
  CHECK_FALSE(r[9].passed);
  CHECK(r[9].actual_text == "0");
}

TEST_CASE("NET-4: recovery per group and per mass event, and how many were back when never",
          "[expect]") {
  const Run run = Simulate(Outage(R"(
  - { metric: recovery.p100, group: meters, "==": 200s }
  - { metric: recovery.p100, group: meters, action: outage, "==": 200s }
  - { metric: recovery.p50, action: outage, "==": 200s }
  - { metric: recovery.p100, action: wake, "<": 1m }
  - { metric: recovery.p95, action: outage, "<=": 10m }
  - { metric: recovery.p95, "<=": 10m }
  - { metric: recovery.p100, group: quitters, "<": 1h }
  - { metric: recovery.p100, group: late, action: outage, "<": 1h }
  - { metric: recovery.p100, group: late, "<": 1h }
)"),
                           "4h");
  const auto r = Results(run);
  REQUIRE(r.size() == 9);
  // The meters retry at +10, +20, +30, +40 s, then after T3402: back 200 s after the cell is
  // (as in network_rules_test). The outage hit 13 devices; 7 of them is its median.
  for (size_t i = 0; i < 4; ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
  // The quitters gave up in the dead cell: 95 % of 13 is never reached, and the failure says
  // how far it got; overall, the outage is named as the event that fell short.
  CHECK_FALSE(r[4].passed);
  CHECK(r[4].actual_text == "never: 10 of 13 were back by the end");
  CHECK_FALSE(r[5].passed);
  CHECK(r[5].actual_text == "never: 10 of 13 were back by the end (cell-outage metro)");
  CHECK_FALSE(r[6].passed);
  CHECK(r[6].actual_text == "never: 0 of 3 were back by the end");
  // The late devices were off during the outage: it hit none of them. Their own power-on did.
  CHECK_FALSE(r[7].passed);
  CHECK(r[7].actual_text == "the event hit no device of group late");
  CHECK(r[8].passed);
}

TEST_CASE("DEV-4, NET-4: energy per mass event counts what coming back cost each device",
          "[expect]") {
  const Run run = Simulate(Outage(R"(
  - { metric: energy.attach_attempts, group: meters, action: outage, per-sim: each, "==": 26 }
  - { metric: energy.attach_attempts, group: meters, action: outage, "==": 260 }
  - { metric: energy.attach_attempts, group: quitters, action: outage, per-sim: max, "==": 3 }
  - { metric: energy.attach_attempts, action: wake, per-sim: each, "==": 1 }
  - { metric: energy.radio_on, action: wake, per-sim: each, "==": 10s }
  - { metric: energy.modem_reboots, action: outage, "==": 0 }
  - { metric: energy.attach_attempts, group: meters, "==": 270 }
)"),
                           "4h");
  const auto r = Results(run);
  REQUIRE(r.size() == 7);
  // Each meter tried 5 cycles of 5 into the dead cell and once more when it was back (as in
  // network_rules_test); the quitters tried 3 times and gave up. The power-on counts the boot
  // (10 s of radio) and one attach. Over the whole run the meters also attached at boot.
  for (size_t i = 0; i < r.size(); ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
}

TEST_CASE("DEV-4, NET-4: energy per mass event is what the devices spent from the hit on",
          "[expect]") {
  // Answers that take 2 s: each attempt into the dead cell keeps the radio on.
  const std::string text = Outage(R"(
  - { metric: energy.radio_on, group: meters, action: outage, ">": 0 }
  - { metric: energy.attach_attempts, group: meters, action: outage, ">": 0 }
  - { metric: energy.radio_on, group: meters, action: outage, per-sim: max, ">": 0 }
)",
                                  ", attach-time: 2s");
  const Run run = Simulate(text, "4h");
  const auto r = Results(run);
  REQUIRE(r.size() == 3);
  // The meters are registered again by 2h 30m and stay so: what the outage cost them is all
  // they spent from 1h on, which a run stopped at the outage shows apart.
  const Run before = SimulateUntil(text, kHour, "4h");
  int64_t radio = 0, attempts = 0, most = 0;
  for (SimId sim = 0; sim < 10; ++sim) {
    const World& end = *run.world;
    const World& then = *before.world;
    const int64_t spent = end.devices().radio_ms(sim) - then.devices().radio_ms(sim);
    radio += spent;
    most = std::max(most, spent);
    attempts += end.devices().attach_attempts(sim) - then.devices().attach_attempts(sim);
  }
  CHECK(radio > 0);
  CHECK(r[0].actual == radio);
  CHECK(r[1].actual == attempts);
  CHECK(r[2].actual == most);
  // The dead-air fast-forward counts the retries by arithmetic: the same expectations hold.
  RunOptions slow;
  slow.fast_forward = false;
  const Run stepped = Simulate(text, "4h", "USD", slow);
  for (size_t i = 0; i < r.size(); ++i) {
    CHECK(Results(stepped)[i].actual == r[i].actual);
  }
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
