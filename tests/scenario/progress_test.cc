// Runs always make progress: loops of automatic moves and reboot storms that take no time are
// refused when the scenario loads, and a loop the checks would miss stops the run with an error
// that names the SIM, the time and what repeats, instead of hanging.
#include <catch2/catch.hpp>

#include "simulator/base/no_progress.h"
#include "simulator/results/pipeline.h"
#include "simulator/scenario/scenario_loader.h"
#include "tests/scenario/rules_util.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::Strings;

// Two statuses a SIM leaves for each other after an hour in each.
constexpr const char* kSeesawProfile = R"(carrier: seesaw
prices: Example prices as of 2026-11-30; replace them with your price list.
initial: a
statuses:
  a: { attach: accept }
  b: { attach: accept }
counters:
  a-time: { counts: time, in: [a], reset: stay }
  b-time: { counts: time, in: [b], reset: stay }
rules:
  a-to-b: { when: a-time, reaches: 1h, to: b }
  b-to-a: { when: b-time, reaches: 1h, to: a }
plans:
  p:
    basic: { a: free, b: free }
)";

constexpr const char* kSeesawScenario = R"(name: seesaw
start: 2026-01-01T00:00:00Z
duration: 1d
carriers:
  c: { profile: seesaw.yaml }
devices:
  t: {}
fleet:
  - { group: g, count: 3, carrier: c, plan: p, device: t }
)";

Scenario LoadSeesaw(const test::TempDir& dir) {
  REQUIRE(test::WriteText(dir.File("seesaw.yaml"), kSeesawProfile));
  REQUIRE(test::WriteText(dir.File("s.yaml"), kSeesawScenario));
  Diagnostics diag;
  LoadResult loaded = LoadScenarioFile(dir.File("s.yaml"), diag);
  INFO(diag.ToText());
  REQUIRE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

TEST_CASE("hardening: a cycle of automatic moves that takes time runs, one move an hour",
          "[progress]") {
  test::TempDir dir;
  const Scenario scenario = LoadSeesaw(dir);
  const RunResult run = RunScenario(scenario);
  // 24 moves in a day, at 1h, 2h, ...: the reset each stay makes every move wait its hour.
  size_t changes = 0;
  for (const StatusChange& c : run.world().recorder().history().changes) changes += c.sim == 0;
  CHECK(changes == 23);
}

TEST_CASE("hardening: a loop of automatic moves at one instant stops the run with an error "
          "naming the SIM, the time and the rules, instead of hanging",
          "[progress]") {
  test::TempDir dir;
  Scenario scenario = LoadSeesaw(dir);
  // A loop the loader refuses (rule_cycles.yaml): counts that never restart stay reached, so
  // once both have reached their hour the SIM goes a -> b -> a at one instant. Made here after
  // loading, as a loop the checks missed would be.
  for (CounterDef& counter : scenario.carriers[0].profile.counters) {
    counter.reset = CounterDef::Reset::kNever;
  }
  std::string error;
  try {
    RunScenario(scenario);
  } catch (const NoProgressError& e) {
    error = e.what();
  }
  INFO(error);
  // a -> b at 1h, b -> a at 2h (b's hour), then a's hour is still reached: b at once, and so on.
  CHECK(error.find("no progress: SIM 'g#0' handled 1000000 events in a row at "
                   "2026-01-01T02:00:00Z (2h into the run) without the clock moving on") == 0);
  CHECK(error.find("What repeats: subscription-timer (status b, modem registered), "
                   "subscription-timer (status a, modem registered)") != std::string::npos);
  CHECK(error.find("its status goes b -> a -> b by the rules 'b-to-a', 'a-to-b' of carrier 'c' "
                   "(profile seesaw)") != std::string::npos);
}

TEST_CASE("hardening: the same loop with the bound lowered stops after that many events",
          "[progress]") {
  test::TempDir dir;
  Scenario scenario = LoadSeesaw(dir);
  for (CounterDef& counter : scenario.carriers[0].profile.counters) {
    counter.reset = CounterDef::Reset::kNever;
  }
  World world(scenario, scenario.seed);
  world.set_max_events_per_instant(50);
  CHECK_THROWS_AS(world.RunUntil(kDay), NoProgressError);
  // Up to the loop, one move an hour; then 50 events at 2h, and the watched ones after them.
  CHECK(world.events() >= 50);
  CHECK(world.events() < 100);
}

// The naive preset reboots after every failure, with no back-off: on a SIM that is rejected, a
// modem that boots in no time would attach again within the millisecond, for ever.
std::string NaiveOnSuspended(const std::string& boot) {
  return "carriers:\n  soracom: { profile: soracom, overrides: { rules: { storm: { reaches: "
         "1_000_000_000 } } } }\ndevices:\n  t: { boot: " + boot +
         ", firmware: { preset: naive } }\nfleet:\n  - { group: g, count: 1, carrier: soracom, "
         "plan: plan01s, device: t, status: suspended }\n";
}

TEST_CASE("hardening: the naive firmware booting in no time on a rejected SIM is refused at "
          "load, and with a boot of a second it runs a bounded storm",
          "[progress]") {
  const std::string header = "name: storm\nstart: 2026-01-01T00:00:00Z\nduration: 1d\n";
  const std::vector<std::string> errors = test::LoadErrors(header + NaiveOnSuspended("0s"));
  REQUIRE(errors.size() == 1);
  INFO(errors[0]);
  CHECK(errors[0].find("7:14: error: devices.t.boot: device 't' reboots its modem after a failed "
                       "attach (reboot-after-failures: 1) with no wait before rebooting") == 0);
  // A boot of 1s: one attempt a second, a day of them, and the run ends.
  const test::Run run = test::Simulate(NaiveOnSuspended("1s"), "1d");
  const SimId sim = run.Sim("g");
  CHECK(run.world->devices().reboots(sim) == 86'399);
  CHECK(run.Changes(sim) == Strings{});
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
