#include "tests/test_util.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulator/base/diagnostics.h"
#include "simulator/cli/commands.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim::test {

std::string SourcePath(const std::string& relative) {
  return std::string(CARRIERSIM_SOURCE_DIR) + "/" + relative;
}

std::string ReadText(const std::string& path) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) FAIL("cannot read " << path << ": " << error);
  return text;
}

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

CliResult Cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = RunCli(args, out, err);
  return {code, out.str(), err.str()};
}

int RunBinary(const std::string& arguments) {
  const std::string command = std::string(CARRIERSIM_BINARY) + " " + arguments + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Scenario LoadValid(const std::string& text, const std::string& file) {
  Diagnostics diag;
  LoadResult result = LoadScenarioText(file, text, diag);
  INFO(diag.ToText());
  REQUIRE(result.scenario.has_value());
  return std::move(*result.scenario);
}

std::vector<std::string> LoadErrors(const std::string& text, const std::string& file) {
  Diagnostics diag;
  LoadResult result = LoadScenarioText(file, text, diag);
  REQUIRE_FALSE(result.scenario.has_value());
  std::vector<std::string> lines;
  for (const Diagnostic& d : diag.Sorted()) {
    std::string line = FormatDiagnostic(d);
    if (line.rfind(file + ":", 0) == 0) line = line.substr(file.size() + 1);
    lines.push_back(line);
  }
  return lines;
}

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "carriersim-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) FAIL("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace carriersim::test
