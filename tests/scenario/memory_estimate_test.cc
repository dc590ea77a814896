// A run whose estimated memory exceeds --max-memory is refused when the scenario loads, with the
// estimate and what drives it, before anything of the run is allocated (these tests would run
// out of memory, or for hours, if it were not).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "simulator/results/memory_estimate.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string Fleet(const std::string& duration, int64_t sims) {
  return "name: big\nstart: 2026-01-01T00:00:00Z\nduration: " + duration +
         "\ncarriers:\n  soracom: { profile: soracom }\ndevices:\n  idle: { boot: 10s }\n"
         "fleet:\n  - { group: g, count: " + std::to_string(sims) +
         ", carrier: soracom, plan: plan01s, device: idle }\n";
}

TEST_CASE("hardening: a million SIMs under 1,000 spread actions are refused by their memory "
          "estimate before the run allocates anything",
          "[memory][cli]") {
  std::string text = Fleet("30d", 1'000'000) + "timeline:\n";
  for (int i = 0; i < 1000; ++i) {
    text += "  - { at: " + std::to_string(60 + i * 40) + "m, spread: 1h, " +
            (i % 2 == 0 ? "suspend" : "activate") + ": { group: g } }\n";
  }
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("spread.yaml"), text));
  const std::string out = dir.File("out");
  const test::CliResult run =
      test::Cli({"run", dir.File("spread.yaml"), "--out", out, "--max-memory", "16GB"});
  CHECK(run.code == 3);
  INFO(run.err);
  CHECK(Contains(run.err, dir.File("spread.yaml") + ": error: the run would need about "));
  CHECK(Contains(run.err, "GB of memory, more than the limit of 16.0 GB (--max-memory 16GB)"));
  CHECK(Contains(run.err, "status history"));
  CHECK(Contains(run.err, "1,000 actions on 1,000,000,000 SIMs in all"));
  CHECK(Contains(run.err, "spread actions"));
  // Refused as an invalid scenario is: the folder holds only a failing junit.xml.
  CHECK_FALSE(std::filesystem::exists(out + "/summary.json"));
  CHECK(Contains(test::ReadText(out + "/junit.xml"), "the run would need about "));
  const test::CliResult validate =
      test::Cli({"validate", "--max-memory", "16GB", dir.File("spread.yaml")});
  CHECK(validate.code == 3);
  CHECK(validate.err == run.err);
}

TEST_CASE("hardening: 2 million SIMs over 100 years are refused for their fee ledger",
          "[memory][cli]") {
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("century.yaml"), Fleet("36500d", 2'000'000)));
  const test::CliResult r =
      test::Cli({"validate", "--format", "json", "--max-memory", "16GB", dir.File("century.yaml")});
  CHECK(r.code == 3);
  INFO(r.out);
  CHECK(Contains(r.out, "\"valid\": false"));
  CHECK(Contains(r.out, "fee ledger"));
  CHECK(Contains(r.out, "each subscription's fees for 1,200 calendar months"));
  // The estimate grows with the fleet and the duration: a tenth of the fleet for a year fits.
  REQUIRE(test::WriteText(dir.File("year.yaml"), Fleet("365d", 200'000)));
  CHECK(test::Cli({"validate", "--max-memory", "16GB", dir.File("year.yaml")}).code == 0);
}

TEST_CASE("the memory estimate of the examples is small, and within the default limit",
          "[memory][cli]") {
  for (const char* example : {"scenarios/quickstart.yaml", "scenarios/firmware-thundering-herd.yaml",
                              "scenarios/cost-idle-fleet.yaml"}) {
    INFO(example);
    CHECK(test::Cli({"validate", "--max-memory", "64MB", test::SourcePath(example)}).code == 0);
    CHECK(test::Cli({"validate", test::SourcePath(example)}).code == 0);
  }
}

TEST_CASE("the memory limit, --max-memory, takes a size or a share of memory, and nothing else", "[memory][cli]") {
  const std::string quickstart = test::SourcePath("scenarios/quickstart.yaml");
  CHECK(test::Cli({"validate", "--max-memory", "50%", quickstart}).code == 0);
  for (const char* wrong : {"0", "abc", "150%", "0%", "-1GB", "16Gb"}) {
    INFO(wrong);
    const test::CliResult r = test::Cli({"validate", "--max-memory", wrong, quickstart});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "--max-memory: '" + std::string(wrong) + "'"));
    CHECK(test::Cli({"run", quickstart, "--max-memory", wrong}).code == 2);
  }
  const test::CliResult tiny = test::Cli({"validate", "--max-memory", "1MB", quickstart});
  CHECK(tiny.code == 3);
  CHECK(Contains(tiny.err, "more than the limit of 1 MB (--max-memory 1MB)"));
}

TEST_CASE("the memory estimate counts the moves of a cycle of automatic rules", "[memory]") {
  // A profile whose rules move a SIM between two statuses every second: a year of it is 63
  // million changes a SIM.
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("seesaw.yaml"), R"(carrier: seesaw
prices: Example prices as of 2026-11-30; replace them with your price list.
initial: a
statuses:
  a: { attach: accept }
  b: { attach: accept }
counters:
  a-time: { counts: time, in: [a], reset: stay }
  b-time: { counts: time, in: [b], reset: stay }
rules:
  a-to-b: { when: a-time, reaches: 1s, to: b }
  b-to-a: { when: b-time, reaches: 1s, to: a }
plans:
  p:
    basic: { a: free, b: free }
)"));
  REQUIRE(test::WriteText(dir.File("s.yaml"), R"(name: seesaw
start: 2026-01-01T00:00:00Z
duration: 365d
carriers:
  c: { profile: seesaw.yaml }
devices:
  t: {}
fleet:
  - { group: g, count: 1000, carrier: c, plan: p, device: t }
)"));
  const test::CliResult r = test::Cli({"validate", "--max-memory", "16GB", dir.File("s.yaml")});
  CHECK(r.code == 3);
  INFO(r.err);
  CHECK(Contains(r.err, "status history"));
  CHECK(Contains(r.err, "and the carriers' rules (63,072,002,000)"));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
