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
      test::Cli({"run", dir.File("spread.yaml"), "--out", out, "--max-memory", "8GB"});
  CHECK(run.code == 3);
  INFO(run.err);
  CHECK(Contains(run.err, dir.File("spread.yaml") + ": error: the run would need about "));
  CHECK(Contains(run.err, "GB of memory, more than the limit of 8.0 GB (--max-memory 8GB)"));
  // The records spill to disk past 16 MB each (--record-memory); the SIMs' turns of the spread
  // actions, each drawn when its action starts, do not.
  CHECK(Contains(run.err, "spread actions"));
  CHECK(Contains(run.err, "1,000,000,000 SIM turns x 16 B"));
  // Refused as an invalid scenario is: the folder holds only a failing junit.xml.
  CHECK_FALSE(std::filesystem::exists(out + "/summary.json"));
  CHECK(Contains(test::ReadText(out + "/junit.xml"), "the run would need about "));
  const test::CliResult validate =
      test::Cli({"validate", "--max-memory", "8GB", dir.File("spread.yaml")});
  CHECK(validate.code == 3);
  CHECK(validate.err == run.err);
}

TEST_CASE("the fee ledger of 2 million SIMs over 100 years is estimated in memory up to the "
          "record memory, the rest on disk",
          "[memory][cli]") {
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("century.yaml"), Fleet("36500d", 2'000'000)));
  // 2.4 billion lines: 58 GB on disk, 16 MB in memory, and 24 MB to sort ledger.csv.
  CHECK(test::Cli({"validate", "--max-memory", "16GB", dir.File("century.yaml")}).code == 0);
  const test::CliResult r =
      test::Cli({"validate", "--format", "json", "--max-memory", "900MB", dir.File("century.yaml")});
  CHECK(r.code == 3);
  INFO(r.out);
  CHECK(Contains(r.out, "\"valid\": false"));
  CHECK(Contains(r.out, "SIM and device state"));
  CHECK(Contains(r.out, "fee ledger"));
  CHECK(Contains(r.out, "each subscription's fees for 1,200 calendar months"));
  CHECK(Contains(r.out, "16 MB in memory, the rest ("));
  CHECK(Contains(r.out, " GB) on disk, sorted for ledger.csv in 24 MB"));
  // More record memory is more memory: the run is refused before it starts.
  const test::CliResult more = test::Cli({"run", dir.File("century.yaml"), "--out",
                                          dir.File("out"), "--max-memory", "2GB",
                                          "--record-memory", "1GB"});
  CHECK(more.code == 3);
  CHECK(Contains(more.err, "fee ledger"));
  CHECK(Contains(more.err, "1.0 GB in memory"));
  CHECK_FALSE(std::filesystem::exists(dir.File("out/summary.json")));
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
  // 1 TB of changes on disk; in memory, the 16 MB the history keeps stand out beside the state.
  const test::CliResult r = test::Cli({"validate", "--max-memory", "16MB", dir.File("s.yaml")});
  CHECK(r.code == 3);
  INFO(r.err);
  CHECK(Contains(r.err, "status history"));
  CHECK(Contains(r.err, "and the carriers' rules (63,072,002,000); 16 MB in memory, the rest ("));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
