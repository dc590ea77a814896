// Every file in tests/bad_scenarios/ is a malformed scenario whose "# expect:" lines are the
// exact diagnostics it must produce, in order: all of them, in one pass, and nothing else.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "simulator/scenario/scenario_loader.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> BadScenarioFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test::SourcePath("tests/bad_scenarios"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> ExpectedErrors(const fs::path& file) {
  std::vector<std::string> expected;
  std::istringstream lines(test::ReadText(file.string()));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("# expect: ", 0) == 0) expected.push_back(line.substr(10));
  }
  return expected;
}

TEST_CASE("the malformed-scenario corpus covers at least a dozen kinds of mistake", "[loader]") {
  CHECK(BadScenarioFiles().size() >= 12);
}

TEST_CASE("every malformed scenario gets exactly its expected diagnostics", "[loader]") {
  for (const fs::path& file : BadScenarioFiles()) {
    const std::vector<std::string> expected = ExpectedErrors(file);
    INFO(file.filename().string());
    REQUIRE_FALSE(expected.empty());

    Diagnostics diag;
    // As `carriersim validate` loads it: every run of a scenario with variants or a sweep.
    const LoadResult result = LoadScenarioOrProfileFile(file.string(), diag);
    CHECK_FALSE(result.scenario.has_value());
    CHECK_FALSE(result.io_error);
    std::vector<std::string> got;
    const std::string prefix = file.parent_path().string() + "/";
    for (const Diagnostic& d : diag.Sorted()) {
      std::string text = FormatDiagnostic(d);
      if (text.rfind(prefix, 0) == 0) text = text.substr(prefix.size());
      got.push_back(text);
    }
    CHECK(got == expected);
  }
}

TEST_CASE("malformed scenarios exit 3 from validate and run, and write only a failing junit.xml",
          "[loader][cli]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  for (const fs::path& file : BadScenarioFiles()) {
    INFO(file.filename().string());
    const test::CliResult validate = test::Cli({"validate", file.string()});
    CHECK(validate.code == 3);
    CHECK(validate.out.empty());
    CHECK(validate.err.find(": error: ") != std::string::npos);
    const test::CliResult run = test::Cli({"run", file.string(), "--out", out});
    CHECK(run.code == 3);
    // No report of a run, but a junit.xml that fails, so that CI shows red (output_folder_test).
    std::vector<std::string> files;
    for (const fs::directory_entry& e : fs::directory_iterator(out)) {
      files.push_back(e.path().filename().string());
    }
    CHECK(files == std::vector<std::string>{"junit.xml"});
    CHECK(test::ReadText(out + "/junit.xml").find("<failure") != std::string::npos);
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
