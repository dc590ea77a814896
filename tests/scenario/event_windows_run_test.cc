// Attach signaling counted in the windows around the timeline's instants, in a real run: the
// network's answers land in the bins of their requests, and the windows add up to the run.
#include <catch2/catch.hpp>

#include "simulator/results/pipeline.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("the close-up's counts add up to the run's when the whole run is close-up",
          "[event-windows]") {
  // 200 naive devices powered on over 10 s into a cell of 5 a second: a surge with #22.
  const Scenario scenario = test::LoadValid(R"(name: surge
start: 2026-03-01T00:00:00Z
duration: 8m
carriers:
  soracom: { profile: soracom }
network:
  cells:
    - { name: c, capacity: 5/s }
devices:
  d: { boot: 1s..2s, firmware: { preset: naive } }
fleet:
  - { group: a, count: 100, carrier: soracom, plan: plan01s, device: d, power: false }
  - { group: b, count: 100, carrier: soracom, plan: plan01s, device: d, power: false }
timeline:
  - { at: 0s, spread: 10s, power-on: { group: a } }
  - { at: 0s, spread: 10s, power-on: { group: b } }
)");
  const RunResult run = RunScenario(scenario);
  const std::vector<EventWindow>& windows = run.event_windows().windows();
  REQUIRE(windows.size() == 1);
  REQUIRE(windows[0].to() >= scenario.duration);
  uint64_t attempts = 0, rejects = 0, congestion = 0, by_group = 0;
  for (const WindowBin& bin : windows[0].bins) {
    attempts += bin.attempts;
    rejects += bin.rejects;
    congestion += bin.congestion;
  }
  for (const uint32_t n : windows[0].group_attempts) by_group += n;
  const SignalingCounters& total = run.signaling().total;
  CHECK(total.rejects_by_cause[22] > 0);
  CHECK(attempts == total.attach_attempts);
  CHECK(by_group == total.attach_attempts);
  CHECK(rejects == total.AttachRejects());
  CHECK(congestion == total.rejects_by_cause[22]);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
