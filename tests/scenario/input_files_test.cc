// Input files: what may be read as a scenario or a profile, the errors when one cannot be, and
// `validate` on a carrier profile file.
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "simulator/base/diagnostics.h"
#include "simulator/scenario/scenario_loader.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The real binary, killed after a minute: a regression that blocks on a FIFO fails the test
// (exit 124 from timeout) instead of hanging the suite.
test::CliResult RunBounded(const std::string& arguments, const test::TempDir& dir) {
  const std::string out = dir.File("stdout.txt"), err = dir.File("stderr.txt");
  const std::string command = "timeout 60 " + std::string(CARRIERSIM_BINARY) + " " + arguments +
                              " >" + out + " 2>" + err + " </dev/null";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::ReadText(out), test::ReadText(err)};
}

// ReadFile's error for `path`, as an unprivileged user: root reads any file, so when the tests
// run as root the read is made in a child process that gives root up first.
std::string ReadErrorAsUser(const std::string& path) {
  if (geteuid() != 0) {
    std::string text, error;
    return ReadFile(path, &text, &error) ? "read" : error;
  }
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_fds[0]);
    std::string text, error = "read";
    if (setgid(65534) != 0 || setuid(65534) != 0) {
      error = "cannot drop root";
    } else if (!ReadFile(path, &text, &error)) {
      // error is set
    } else {
      error = "read";
    }
    const ssize_t written = write(pipe_fds[1], error.data(), error.size());
    _exit(written == static_cast<ssize_t>(error.size()) ? 0 : 1);
  }
  close(pipe_fds[1]);
  std::string result;
  char buffer[256];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) result.append(buffer, n);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return result;
}

TEST_CASE("hardening: a FIFO or device given as a scenario or profile is refused at once",
          "[hardening]") {
  test::TempDir dir;
  const std::string fifo = dir.File("pipe.yaml");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const test::CliResult r = RunBounded("validate " + fifo, dir);
  CHECK(r.code == 4);
  CHECK(r.err == fifo + ": error: cannot read scenario: not a regular file (a named pipe)\n");
  const test::CliResult device = RunBounded("validate /dev/null", dir);
  CHECK(device.code == 4);
  CHECK(device.err ==
        "/dev/null: error: cannot read scenario: not a regular file (a character device)\n");
  REQUIRE(test::WriteText(dir.File("s.yaml"), R"(name: fifo
start: 2026-01-01T00:00:00Z
duration: 1d
carriers:
  acme: { profile: pipe.yaml }
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: acme, plan: basic, device: d }
)"));
  const test::CliResult profile = RunBounded("validate " + dir.File("s.yaml"), dir);
  CHECK(profile.code == 4);
  CHECK(profile.err == dir.File("s.yaml") +
                           ":5:20: error: carriers.acme.profile: cannot read "
                           "carrier profile '" +
                           fifo + "': not a regular file (a named pipe)\n");
}

TEST_CASE("hardening: why a file cannot be read is reported exactly", "[hardening]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.File("locked"));
  REQUIRE(test::WriteText(dir.File("locked/s.yaml"), "name: x\n"));
  REQUIRE(chmod(dir.File("locked").c_str(), 0) == 0);
  CHECK(ReadErrorAsUser(dir.File("locked/s.yaml")) == "permission denied");
  REQUIRE(chmod(dir.File("locked").c_str(), 0700) == 0);
  REQUIRE(test::WriteText(dir.File("unreadable.yaml"), "name: x\n"));
  REQUIRE(chmod(dir.File("unreadable.yaml").c_str(), 0) == 0);
  CHECK(ReadErrorAsUser(dir.File("unreadable.yaml")) == "permission denied");

  std::string text, error;
  CHECK_FALSE(ReadFile(dir.File("missing.yaml"), &text, &error));
  CHECK(error == "no such file");
  CHECK_FALSE(ReadFile(dir.path(), &text, &error));
  CHECK(error == "is a directory");
  CHECK_FALSE(ReadFile(dir.File("locked/s.yaml/x.yaml"), &text, &error));
  CHECK(error == "a part of the path is not a directory");
  CHECK(ReadFile(dir.File("locked/s.yaml"), &text, &error));
  CHECK(text == "name: x\n");
}

TEST_CASE("hardening: validate checks a carrier profile file as a profile", "[hardening]") {
  const std::string kore = test::SourcePath("scenarios/carriers/kore.yaml");
  const test::CliResult ok = test::Cli({"validate", kore});
  CHECK(ok.code == 0);
  CHECK(ok.err.empty());
  CHECK(ok.out == kore + ": ok: carrier profile 'kore' (8 statuses, 6 verbs, 1 plan)\n");

  const std::string bad = test::SourcePath("tests/bad_scenarios/profiles/inconsistent.yaml");
  const test::CliResult invalid = test::Cli({"validate", bad});
  CHECK(invalid.code == 3);
  CHECK(Contains(invalid.err, bad + ":4:10: error: initial: a new SIM cannot start in the final "
                                    "status 'gone'\n"));
  CHECK_FALSE(Contains(invalid.err, "missing required key"));
  const test::CliResult json = test::Cli({"validate", "--format", "json", kore});
  CHECK(json.code == 0);
  CHECK(Contains(json.out, "\"kind\": \"profile\""));
  CHECK(Contains(test::Cli({"validate", "--help"}).out, "carrier profile"));

  // `run` wants a scenario: one error that says what the file is.
  const test::CliResult run = test::Cli({"run", kore});
  CHECK(run.code == 3);
  CHECK(run.err == kore +
                       ":4:1: error: this is a carrier profile, not a scenario: name it in a "
                       "scenario's carriers (carriers: { NAME: { profile: PATH } }), or "
                       "check it with 'carriersim validate'\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
