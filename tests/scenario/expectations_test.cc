// Expectations (`expect:`): metrics measured in every scope, at a time or at the end; a failure
// exits 1 and shows in junit.xml; validate's text, json and github formats.
#include <catch2/catch.hpp>
#include <filesystem>

#include "reports/junit.h"
#include "reports/xml_escape.h"
#include "simulator/world/world.h"
#include "tests/scenario/rules_util.h"
#include "tests/test_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Two groups on soracom (trackers send 1 KB an hour), each in a cell of its own; trackers are suspended at
// 10d and reactivated at 20d; then `expect`.
std::string Scenario(const std::string& expect) {
  return R"(name: expecting
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: { boot: 0s, traffic: { every: 1h, uplink: 1KB } }
  idle: { boot: 0s }
network:
  cells:
    - { name: north }
    - { name: south }
fleet:
  - { group: trackers, count: 4, carrier: soracom, plan: plan01s, device: tracker, cell: north }
  - { group: idle, count: 2, carrier: soracom, plan: plan01s, device: idle, cell: south }
timeline:
  - { at: 10d, suspend: { group: trackers } }
  - { at: 20d, activate: { group: trackers } }
expect:
)" + expect;
}

// Runs `body` as `run` does: pausing at the expectations' times.
std::vector<ExpectationResult> Check(const std::string& body) {
  return Simulate(body, "30d").result->expectations();
}

}  // namespace

TEST_CASE("expectations measure metrics overall, per group, cell, plan and SIM, at a time or at "
          "the end",
          "[expect]") {
  const std::string header = Scenario("  []\n");
  const std::string body = header.substr(header.find("carriers:"));
  const auto results = Check(body.substr(0, body.find("expect:")) + R"(expect:
  - { metric: sims, "==": 6 }
  - { metric: sims.active, group: trackers, "==": 4 }
  - { metric: sims.suspended, group: trackers, at: 15d, "==": 4 }
  - { metric: sims.suspended, at: 10d, "==": 4 }
  - { metric: sims.online, cell: north, at: 15d, "==": 0 }
  - { metric: sims.online, cell: north, at: 5d, "==": 4 }
  - { metric: signaling.rejects.7, "==": 4 }
  - { metric: signaling.rejects.7, cell: south, "==": 0 }
  - { metric: usage.uplink, sim: "trackers#0", between: [239KB, 241KB] }
  - { metric: fees.reactivation, plan: plan01s, ">": 0 USD }
  - { metric: fees.total, group: idle, "<": 0.01 USD }
  - { metric: status_changes, group: trackers, "==": 12 }
  - { metric: sims.active, "!=": 6 }
)");
  REQUIRE(results.size() == 13);
  for (size_t i = 0; i < results.size(); ++i) {
    INFO("expectation " << i << ": got " << results[i].actual_text);
    if (i < 10) CHECK(results[i].passed);
  }
  // Suspended trackers stay offline after the reactivation (SOR-6): online at 5d, not at 15d;
  // 10 days of 24 sends of 1 KB. The idle devices attach, activate their SIMs and pay the basic
  // fee: not under 0.01 USD.
  CHECK_FALSE(results[10].passed);
  // 4 trackers: ready>active at attach, >suspended, >active; the idle: ready>active. 12 changes
  // of trackers, and sims.active is 6 at the end: both expectations are measured, not assumed.
  CHECK(results[11].passed);
  CHECK_FALSE(results[12].passed);
  CHECK(results[12].actual_text == "6");
}

TEST_CASE("a failing expectation exits 1 and is a failure in junit.xml", "[expect][cli]") {
  const std::string dir = (std::filesystem::temp_directory_path() / "carriersim_expect").string();
  const std::string file = dir + "/s.yaml";
  std::filesystem::create_directories(dir);
  REQUIRE(WriteText(file, Scenario("  - { metric: sims.active, \"==\": 6 }\n"
                                   "  - { metric: sims.suspended, \">=\": 1 }\n")));
  const CliResult r = Cli({"run", file, "--out", dir + "/out"});
  CHECK(r.code == 1);
  CHECK(Contains(r.out, "expect      1 passed, 1 failed"));
  // A failure says where it is written (the second expectation: line 21 of the file).
  CHECK(Contains(r.out, "    FAIL  sims.suspended >= 1  (got 0)  " + file + ":21\n"));
  CHECK(Contains(r.out, "    PASS  sims.active == 6  (got 6)\n"));
  const std::string junit = ReadText(dir + "/out/junit.xml");
  CHECK(junit.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0);
  CHECK(Count(junit, "<testcase ") == 2);
  CHECK(Count(junit, "<failure ") == 1);
  CHECK(Contains(junit, "tests=\"2\" failures=\"1\""));
  CHECK(Contains(junit, "name=\"sims.suspended &gt;= 1\" file=\"s.yaml\" line=\""));
  CHECK(Contains(junit, "<property name=\"seed\" value=\"1\"/>"));
  CHECK(Contains(ReadText(dir + "/out/summary.json"), "\"passed\": false"));

  // Without expectations, junit.xml still holds one test case: the run.
  REQUIRE(WriteText(file, Scenario("  []\n")));
  CHECK(Cli({"run", file, "--out", dir + "/out"}).code == 0);
  const std::string plain = ReadText(dir + "/out/junit.xml");
  CHECK(Count(plain, "<testcase ") == 1);
  CHECK(Count(plain, "<failure ") == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("validate writes errors as text, JSON or GitHub annotations", "[expect][cli]") {
  const std::string bad = SourcePath("tests/bad_scenarios/bad_expectations.yaml");
  const CliResult github = Cli({"validate", "--format", "github", bad});
  CHECK(github.code == 3);
  CHECK(Contains(github.out, "::error file=" + bad + ",line=22,col=15::expect[0].metric: unknown "
                                                    "metric 'sims.activ' (did you mean "
                                                    "'sims.active'?)"));
  CHECK(Count(github.out, "::error ") == 10);
  const CliResult json = Cli({"validate", "--format", "json", bad});
  CHECK(json.code == 3);
  CHECK(Contains(json.out, "\"valid\": false"));
  CHECK(Contains(json.out, "\"line\": 22,\n          \"column\": 15,"));
  CHECK(Cli({"validate", "--format", "xml", bad}).code == 2);
  CHECK(XmlEscape("a<b & \"c\"\x01") == "a&lt;b &amp; &quot;c&quot;?");
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
