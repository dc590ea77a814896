// Money that the reports cannot count (more than 2^63 - 1 micro-units, some 9.2 trillion units of
// the currency) is refused at load, or stops the run with an error: never a wrapped amount.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/scenario/rules_util.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// A soracom scenario of `duration` whose plan01s has the prices in `plan01s_overrides`.
std::string Priced(const std::string& plan01s_overrides, const std::string& fleet,
                   const std::string& duration = "60d") {
  return "name: money\nstart: 2026-01-01T00:00:00Z\nduration: " + duration +
         "\ncarriers:\n"
         "  soracom:\n"
         "    profile: soracom\n"
         "    overrides: { plans: { plan01s: " +
         plan01s_overrides +
         " } }\n"
         "devices:\n"
         "  idle: { boot: 0 }\n"
         "  sender: { boot: 0, traffic: { every: 1d, uplink: 2MB } }\n"
         "fleet:\n" +
         fleet;
}

const std::string kLimit =
    "more than the reports can count (at most 9223372036854.775807 USD)";

TEST_CASE("hardening: a fee of 9e12 USD a day is refused at load, never a negative line",
          "[money]") {
  const std::string text = Priced(
      "{ basic: { active: { price: 9000000000000 USD, per: day } } }",
      "  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active }\n");
  // 60 days at 9e12, and two renewal fees of 1.00 at most.
  CHECK(test::LoadErrors(text) ==
        std::vector<std::string>{
            "12:51: error: fleet[0].plan: one SIM of this group could be charged up to "
            "540000000000002.00 USD in 60d, " +
            kLimit + ": lower the prices of its plans or the duration"});
}

TEST_CASE("hardening: fees of a fleet past int64 from lines that fit are refused at load",
          "[money]") {
  // 5e12 USD a month is a line that fits, and so is one SIM's month; two SIMs' do not add up.
  const std::string text = Priced(
      "{ basic: { active: { price: 5000000000000 USD, per: month } } }",
      "  - { group: g, count: 2, carrier: soracom, plan: plan01s, device: idle, status: active }\n",
      "20d");
  // Per SIM: a month at 5e12, 20 days inactive at 0.06, two renewal fees of 1.00.
  CHECK(test::LoadErrors(text) ==
        std::vector<std::string>{
            "12:24: error: fleet[0].count: with this group the fleet could be charged up to "
            "10000000000006.40 USD in 20d, " +
            kLimit + ": lower the count, the prices or the duration"});
}

TEST_CASE("hardening: a usage fee past int64 is refused at load, not truncated", "[money]") {
  // 2 MB a day at 3e12 USD a MB: January's usage line is far past 2^63 micro-units.
  const std::string text = Priced(
      "{ usage: { per-mb: 3000000000000 USD } }",
      "  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: sender, status: active }\n",
      "20d");
  // 21 sends of 2 MB and one rounding up to 1 KB: 42 MB and 1023 B at 3e12, and a micro-unit of
  // rounding; 20 days inactive at 0.06 and two renewal fees of 1.00.
  CHECK(test::LoadErrors(text) ==
        std::vector<std::string>{
            "12:51: error: fleet[0].plan: one SIM of this group could be charged up to "
            "126002926826480.250782 USD in 20d, " +
            kLimit + ": lower the prices of its plans or the duration"});
}

TEST_CASE("hardening: money refused at load exits 3 from run, with no report", "[money][cli]") {
  test::TempDir dir;
  const std::string file = dir.File("money.yaml");
  REQUIRE(test::WriteText(
      file, Priced("{ basic: { active: { price: 9000000000000 USD, per: day } } }",
                   "  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, "
                   "status: active }\n")));
  const test::CliResult run = test::Cli({"run", file, "--out", dir.File("out")});
  CHECK(run.code == 3);
  CHECK(run.err.find(kLimit) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.File("out/summary.json")));
}

// Reactivations that the profile's rules make (an attach in standby) have no bound at load: the
// timeline's one verb allows for one reactivation, and the SIM makes two.
TEST_CASE("hardening: fees that rules set off past int64 stop the run, never a wrapped total",
          "[money][cli]") {
  test::TempDir dir;
  const std::string file = dir.File("money.yaml");
  REQUIRE(test::WriteText(
      file, Priced("{ transitions: { reactivation: { price: 5000000000000 USD } } }",
                   "  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, "
                   "status: standby }\n"
                   "timeline:\n"
                   "  - { at: 1d, set-to-standby: { group: g } }\n",
                   "5d")));
  const test::CliResult run = test::Cli({"run", file, "--out", dir.File("out")});
  CHECK(run.code == 5);  // the run stopped: the scenario's doing, not a bug (exit 70)
  const std::string why =
      "a fee of 5000000000000.00 on top of the 5000000000000.00 charged so far, for SIM g#0 at "
      "2026-01-02T00:00:00Z, is more than the reports can count";
  CHECK(run.err.find(file + ": error: " + why) != std::string::npos);
  CHECK(run.err.find("internal error") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.File("out/summary.json")));
  // What CI publishes says so: a junit.xml whose one test case failed with the reason.
  const std::string junit = test::ReadText(dir.File("out/junit.xml"));
  CHECK(junit.find("the run stopped: " + why) != std::string::npos);
  CHECK(junit.find("<failure") != std::string::npos);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
