// setup.sh, the README's quick start: what it does without installing or building anything.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "tests/test_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

int RunSetup(const std::string& arguments, const std::string& output) {
  const std::string command =
      SourcePath("setup.sh") + " " + arguments + " >" + output + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("hardening: setup.sh help exits 0 and lists every command", "[cli][setup]") {
  TempDir dir;
  const std::string out = dir.path() + "/help.txt";
  for (const char* spelling : {"help", "--help", "-h"}) {
    CHECK(RunSetup(spelling, out) == 0);
    const std::string text = ReadText(out);
    for (const char* command : {"run SCENARIO", "test", "build", "install", "help"}) {
      CHECK(text.find(command) != std::string::npos);
    }
  }
}

TEST_CASE("hardening: setup.sh with an unknown command names it and exits 2", "[cli][setup]") {
  TempDir dir;
  const std::string out = dir.path() + "/err.txt";
  CHECK(RunSetup("frobnicate", out) == 2);
  CHECK(ReadText(out).find("setup.sh: unknown command 'frobnicate'") != std::string::npos);
  CHECK(RunSetup("", out) == 2);
  CHECK(ReadText(out).find("usage: ./setup.sh") != std::string::npos);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
