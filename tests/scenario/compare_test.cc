// carriersim compare: a scenario's variants at every sweep point, set against the baseline.
#include <catch2/catch.hpp>

#include <regex>

#include "reports/compare_reports.h"
#include "simulator/compare/comparison.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// 10 sensors on plan01s (0.06 USD a day; 0.50 USD to reactivate from standby, SOR-6): parked at
// day 10 and woken `wake` later. Parking in standby pays off once the days not paid outweigh
// the reactivation fee: 0.50 / 0.06 = 8.3 days, so from 9 idle days (SOR-11).
constexpr const char* kParking = R"(
name: parking
start: 2026-01-01T00:00:00Z
duration: 40d
seed: 4
parameters:
  park: activate
  wake: 20d
variants:
  active: {}
  standby: { park: set-to-standby }
sweep:
  wake: { from: 10d, to: 25d, step: 1d }
carriers:
  soracom: { profile: soracom }
devices:
  sensor: { boot: 5s..30s, traffic: { every: 6h, uplink: 1KB } }
fleet:
  - { group: fleet, count: 10, carrier: soracom, plan: plan01s, device: sensor }
timeline:
  - { at: 10d, power-off: { group: fleet } }
  - { at: 10d, ${park}: { group: fleet } }
  - { at: ${wake}, power-on: { group: fleet } }
expect:
  - { break-even: standby, "==": 19d }
  - { metric: fees.reactivation, variant: standby, where: { wake: 25d }, "==": 5.00 USD }
  - { metric: fees.reactivation, variant: active, "==": 0 USD }
)";

ScenarioFamily Family(const std::string& text) {
  Diagnostics diag;
  FamilyResult read = ReadScenarioFamilyText("parking.yaml", text, diag);
  INFO(diag.ToText());
  REQUIRE(read.family);
  return std::move(*read.family);
}

Comparison Run(const ScenarioFamily& family, int jobs) {
  Diagnostics diag;
  std::optional<Comparison> c = RunComparison(family, CompareOptions::OnWorkers(jobs), diag);
  INFO(diag.ToText());
  REQUIRE(c);
  return std::move(*c);
}

TEST_CASE("SOR-6 SOR-11 compare: parking in standby is cheaper from 9 idle days", "[compare]") {
  const ScenarioFamily family = Family(kParking);
  const Comparison c = Run(family, 2);
  REQUIRE(c.points.size() == 2 * 16);
  REQUIRE(c.break_evens.size() == 1);
  const BreakEven& b = c.break_evens[0];
  REQUIRE(b.from);
  CHECK(family.spec.sweep[0].values[*b.from].text == "19d");
  CHECK(b.sentence == "standby is cheaper than active from wake = 19d");
  REQUIRE(c.checks.size() == 1);
  CHECK(c.checks[0].passed);
  CHECK(c.failed() == 0);
  // Each standby run paid one reactivation per SIM; the active ones none.
  for (const PointResult& p : c.points) {
    const double reactivations = p.figures[static_cast<size_t>(Figure::kReactivations)].mean;
    CHECK(reactivations == (p.point.variant == 1 ? 10 : 0));
  }
}

TEST_CASE("compare: the reports are the same bytes with 1 and 2 workers", "[compare]") {
  std::string text = kParking;
  text.replace(text.find("seed: 4"), 7, "seed: 4\nreplicates: 3");
  const ScenarioFamily family = Family(text);
  const Comparison one = Run(family, 1);
  const Comparison two = Run(family, 2);
  CHECK(CompareCsv(one) == CompareCsv(two));
  CHECK(CompareJson(one) == CompareJson(two));
  CHECK(CompareHtml(one) == CompareHtml(two));
  // Common random numbers: replicate k draws the same boot times in both variants, so before
  // the parking day every variant's fees are the same and the difference has no spread from
  // the devices' draws beyond what parking changes.
  const PointResult& active = one.points[0];
  CHECK(active.replicates.size() == 3);
  CHECK(active.figures[0].n == 3);
}

TEST_CASE("compare: a failed break-even check and a failed run expectation fail the comparison",
          "[compare]") {
  std::string text = kParking;
  text.replace(text.find("\"==\": 19d"), 9, "\"==\": 12d");
  text.replace(text.find("\"==\": 5.00 USD"), 14, "\"==\": 4.00 USD");
  const ScenarioFamily family = Family(text);
  const Comparison c = Run(family, 2);
  REQUIRE(c.checks.size() == 1);
  CHECK_FALSE(c.checks[0].passed);
  CHECK(c.checks[0].actual == "19d");
  size_t failures = 0;
  for (const PointResult& p : c.points) failures += p.failures.size();
  CHECK(failures == 1);  // only the standby run at wake = 25d checks it
  CHECK(c.failed() == 2);
  const std::string console = FormatCompareConsole(c);
  INFO(console);
  CHECK(console.find("FAIL  variant standby, wake = 25d: line 26: fees.reactivation") !=
        std::string::npos);
}

TEST_CASE("compare without a sweep prints a table of the variants with money to the cent",
          "[compare]") {
  std::string text = kParking;
  text.erase(text.find("sweep:"), text.find("carriers:") - text.find("sweep:"));
  text.erase(text.find("expect:"));
  text.replace(text.find("seed: 4"), 7, "seed: 4\nreplicates: 2");
  const ScenarioFamily family = Family(text);  // outlives the comparison, which points at it
  const Comparison c = Run(family, 2);
  const std::string console = FormatCompareConsole(c);
  INFO(console);
  // Means of the replicates (~), to the cent, and the difference from the baseline signed.
  CHECK(std::regex_search(console, std::regex(R"(\n  active +\d+\.\d\d~ +baseline )")));
  CHECK(std::regex_search(console, std::regex(R"(\n  standby +\d+\.\d\d~ +-\d+\.\d\d )")));
  CHECK(console.find("(~: means of 2 replicates") != std::string::npos);
}

TEST_CASE("compare: a variant's override replaces a part of the scenario", "[compare]") {
  std::string text = kParking;
  text.replace(text.find("  standby: { park: set-to-standby }"), 35,
               "  standby: { park: set-to-standby }\n  chatty:\n    overrides: { "
               "devices.sensor.traffic.every: 1h }");
  const ScenarioFamily family = Family(text);
  RunPoint point;
  point.variant = 2;
  Diagnostics diag;
  LoadResult loaded = LoadRun(family, point, diag);
  INFO(diag.ToText());
  REQUIRE(loaded.scenario);
  CHECK(loaded.scenario->devices[0].traffic.every == kHour);
  point.variant = 0;
  CHECK(LoadRun(family, point, diag).scenario->devices[0].traffic.every == 6 * kHour);
}

TEST_CASE("compare: an override path that leads nowhere is an error at the override", "[compare]") {
  std::string text = kParking;
  text.replace(text.find("  standby: { park: set-to-standby }"), 35,
               "  standby: { park: set-to-standby }\n  chatty:\n    overrides: { "
               "devices.sensr.traffic.every: 1h }");
  const ScenarioFamily family = Family(text);
  RunPoint point;
  point.variant = 2;
  Diagnostics diag;
  CHECK_FALSE(LoadRun(family, point, diag).scenario);
  CHECK(diag.ToText() ==
        "parking.yaml:13:18: error: override 'devices.sensr.traffic.every': no "
        "'sensr' in 'devices' (did you mean 'sensor'?)\n");
}

TEST_CASE("run --variant and --set choose one run of a family", "[compare]") {
  const ScenarioFamily family = Family(kParking);
  std::string error;
  std::optional<RunPoint> point = ChooseRun(family.spec, "standby", {"wake=12d"}, &error);
  REQUIRE(point);
  Diagnostics diag;
  LoadResult loaded = LoadRun(family, *point, diag);
  REQUIRE(loaded.scenario);
  CHECK(loaded.scenario->timeline.back().at == 12 * kDay);
  CHECK(loaded.scenario->timeline[1].text.find("set-to-standby") == 0);
  CHECK_FALSE(ChooseRun(family.spec, "stanby", {}, &error));
  CHECK(error ==
        "--variant 'stanby': no such variant (did you mean 'standby'?); variants: "
        "'active' or 'standby'");
  CHECK_FALSE(ChooseRun(family.spec, "", {"wake=plan01s"}, &error));
  CHECK(error == "--set 'wake=plan01s': 'wake' is a duration (20d)");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
