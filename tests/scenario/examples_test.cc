// The example scenarios in scenarios/: every one runs, writes its reports and meets its own
// expectations, so an example can never drift from what the simulator does.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

// scenarios/*.yaml, sorted by name; the carrier profiles in scenarios/carriers/ are not scenarios.
std::vector<fs::path> ExampleScenarios() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(test::SourcePath("scenarios"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("every example scenario runs, writes its reports and meets its expectations",
          "[examples]") {
  const std::vector<fs::path> files = ExampleScenarios();
  REQUIRE(files.size() >= 6);  // quickstart and the five examples at least
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    INFO("scenario " << name);
    test::TempDir dir;
    const std::string out = dir.File("out");
    const test::CliResult r = test::Cli({"run", file.string(), "--out", out});
    INFO(r.out << r.err);
    CHECK(r.code == 0);
    for (const char* report :
         {"summary.json", "ledger.csv", "history.csv", "sessions.csv", "sims.csv", "junit.xml"}) {
      INFO("report " << report);
      CHECK(fs::is_regular_file(out + "/" + report));
    }
    if (!fs::is_regular_file(out + "/junit.xml") || !fs::is_regular_file(out + "/summary.json")) {
      continue;
    }
    CHECK(test::ReadText(out + "/junit.xml").find("<failure") == std::string::npos);
    const nlohmann::json summary = nlohmann::json::parse(test::ReadText(out + "/summary.json"));
    REQUIRE(summary.contains("expectations"));
    REQUIRE(summary["expectations"].is_array());
    if (name != "quickstart.yaml") CHECK_FALSE(summary["expectations"].empty());
    for (const nlohmann::json& e : summary["expectations"]) {
      INFO("expectation " << e.value("expectation", std::string()) << ": got "
                          << e.value("actual", std::string()));
      CHECK(e.value("passed", false));
    }
  }
}

// An example with variants or a sweep is a family: `run` checks its baseline above; `compare`
// runs every member, and its break-even checks and each run's expectations must hold.
TEST_CASE("every example family compares and meets its expectations in every run",
          "[examples]") {
  size_t families = 0;
  for (const fs::path& file : ExampleScenarios()) {
    const std::string text = test::ReadText(file.string());
    if (text.find("\nvariants:") == std::string::npos && text.find("\nsweep:") == std::string::npos) {
      continue;
    }
    ++families;
    INFO("scenario " << file.filename().string());
    test::TempDir dir;
    const std::string out = dir.File("out");
    const test::CliResult r = test::Cli({"compare", file.string(), "--out", out, "--jobs", "2"});
    INFO(r.out << r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("FAIL") == std::string::npos);
    for (const char* report : {"compare.csv", "compare.json", "compare.html"}) {
      CHECK(fs::is_regular_file(out + "/" + report));
    }
  }
  CHECK(families >= 2);  // the seasonal cost comparison and the thundering herd
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
