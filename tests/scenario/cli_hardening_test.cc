// The command line's rough edges: reports that do not depend on how the scenario's path was
// typed.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace carriersim {
namespace {

namespace fs = std::filesystem;
using test::Cli;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("hardening: a scenario run by a relative and by an absolute path writes the same bytes",
          "[cli]") {
  test::TempDir dir;
  const std::string absolute = test::SourcePath("scenarios/quickstart.yaml");
  const std::string relative = fs::relative(absolute, fs::current_path()).string();
  REQUIRE(relative != absolute);
  REQUIRE(relative.front() != '/');
  REQUIRE(Cli({"run", absolute, "--out", dir.File("a"), "--trace"}).code == 0);
  REQUIRE(Cli({"run", relative, "--out", dir.File("b"), "--trace"}).code == 0);
  for (const char* report : {"summary.json", "ledger.csv", "history.csv", "sessions.csv",
                             "sims.csv", "junit.xml", "timeseries.csv", "report.html",
                             "events.jsonl"}) {
    INFO(report);
    CHECK(test::ReadText(dir.File(std::string("a/") + report)) ==
          test::ReadText(dir.File(std::string("b/") + report)));
  }
  // They name the scenario by its file name, which both runs share.
  CHECK(Contains(test::ReadText(dir.File("a/junit.xml")), "value=\"quickstart.yaml\""));
}

}  // namespace
}  // namespace carriersim
