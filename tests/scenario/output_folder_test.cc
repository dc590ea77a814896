// The output folder of `carriersim run`: what a run leaves there when it succeeds, fails, is
// interrupted or meets another run, and that it never writes through a planted symbolic link.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "reports/output_folder.h"
#include "simulator/cli/commands.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kReports = {"summary.json",   "ledger.csv",  "history.csv",
                                           "sessions.csv",   "sims.csv",    "junit.xml",
                                           "timeseries.csv", "report.html", "events.jsonl"};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using test::Listing;

std::vector<std::string> Sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

// The entries of `dir` that a run into `dir/out` made beside it: its lock and any temporary.
std::vector<std::string> LeftBeside(const std::string& dir) {
  std::vector<std::string> left;
  for (const std::string& name : Listing(dir)) {
    if (name.rfind(".out.", 0) == 0) left.push_back(name);
  }
  return left;
}

std::string Quickstart() { return test::SourcePath("scenarios/quickstart.yaml"); }

// A complete, passing run of the quickstart into `out`.
void RunQuickstartInto(const std::string& out) {
  const test::CliResult r = test::Cli({"run", Quickstart(), "--out", out, "--trace"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(Listing(out) == Sorted(kReports));
}

// A shell command's exit code; its output is dropped.
int Shell(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The real binary through the shell, with its stdout and stderr together.
std::string RunBinaryOutput(const std::string& arguments, int* code) {
  const std::string command = std::string(CARRIERSIM_BINARY) + " " + arguments + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = pclose(pipe);
  *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

TEST_CASE("hardening: symlinks at the names the old writer used do not clobber their target",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  const std::string victim = dir.File("victim");
  REQUIRE(test::WriteText(victim, "precious\n"));
  fs::create_directory(out);
  // The old writer probed with .carriersim-probe-PID and wrote FILE.tmp-PID, following links; the
  // in-process CLI runs with this process's PID.
  const std::string pid = std::to_string(getpid());
  fs::create_symlink(victim, out + "/.carriersim-probe-" + pid);
  for (const std::string& report : kReports) {
    fs::create_symlink(victim, out + "/" + report + ".tmp-" + pid);
  }
  // A report that is already a link is replaced by the new report, not written through.
  fs::create_symlink(victim, out + "/summary.json");

  const test::CliResult r = test::Cli({"run", Quickstart(), "--out", out, "--trace"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(test::ReadText(victim) == "precious\n");
  CHECK(Listing(out) == Sorted(kReports));  // the planted links went with the old folder
  for (const std::string& report : kReports) {
    INFO(report);
    CHECK(fs::symlink_status(out + "/" + report).type() == fs::file_type::regular);
  }
  CHECK(fs::symlink_status(out).type() == fs::file_type::directory);
  CHECK(LeftBeside(dir.path()).empty());  // no staging folder, no lock file
}

TEST_CASE("hardening: a symlink at the output lock's name is refused, and its target untouched",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  const std::string victim = dir.File("victim");
  REQUIRE(test::WriteText(victim, "precious\n"));
  fs::create_symlink(victim, OutputLockPath(out));
  const test::CliResult r = test::Cli({"run", Quickstart(), "--out", out});
  CHECK(r.code == 4);
  CHECK(Contains(r.err, "is a symbolic link"));
  CHECK(test::ReadText(victim) == "precious\n");
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("hardening: an output folder that links elsewhere is refused, not followed",
          "[output]") {
  test::TempDir dir;
  const std::string elsewhere = dir.File("elsewhere");
  fs::create_directory(elsewhere);
  REQUIRE(test::WriteText(elsewhere + "/summary.json", "precious\n"));
  fs::create_directory_symlink(elsewhere, dir.File("out"));
  const test::CliResult r = test::Cli({"run", Quickstart(), "--out", dir.File("out")});
  CHECK(r.code == 4);
  CHECK(Contains(r.err, "is a symbolic link"));
  CHECK(test::ReadText(elsewhere + "/summary.json") == "precious\n");
}

TEST_CASE("hardening: a folder holding files carriersim did not write is not replaced",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directory(out);
  REQUIRE(test::WriteText(out + "/notes.txt", "mine\n"));
  const test::CliResult r = test::Cli({"run", Quickstart(), "--out", out});
  CHECK(r.code == 4);
  CHECK(Contains(r.err, "'notes.txt'"));
  CHECK(r.out.empty());  // refused before simulating
  CHECK(Listing(out) == std::vector<std::string>{"notes.txt"});
}

// A scenario that runs for hours, so that it is surely still writing when it is killed.
const char* kEndless = R"(name: endless
start: 2026-01-01T00:00:00Z
duration: 3650d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: { boot: 1s..30s, traffic: { every: 1m, uplink: 2KB } }
fleet:
  - { group: trackers, count: 2000, carrier: soracom, plan: plan01s, device: tracker }
)";

// Whether the run into `out` is writing its trace: a file named events.jsonl... under `dir`, other
// than the finished trace of an earlier run, has bytes in it.
bool TraceStarted(const std::string& dir, const std::string& out) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind("events.jsonl", 0) == 0 &&
        it->path() != fs::path(out) / "events.jsonl" && it->is_regular_file(ec) &&
        it->file_size(ec) > 0) {
      return true;
    }
  }
  return false;
}

// Starts the binary on `scenario` into `out` with --trace, and kills it once it is writing.
void KillRunMidWrite(const std::string& scenario, const std::string& out,
                     const std::string& dir) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execl(CARRIERSIM_BINARY, "carriersim", "run", scenario.c_str(), "--out", out.c_str(),
          "--trace", "--no-progress", static_cast<char*>(nullptr));
    _exit(127);
  }
  bool started = false;
  for (int poll = 0; poll < 6000 && !started; ++poll) {  // gives up after about a minute
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) FAIL("the run ended before it was killed");
    started = TraceStarted(dir, out);
    if (!started) usleep(10'000);
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(started);
}

TEST_CASE("hardening: a run killed mid-write leaves a failing junit.xml, not a mix of reports",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  RunQuickstartInto(out);
  REQUIRE(test::WriteText(dir.File("endless.yaml"), kEndless));
  KillRunMidWrite(dir.File("endless.yaml"), out, dir.path());

  // Not the previous run's passing reports, nor a part of the new ones: a junit.xml that says
  // the run did not finish, so that CI shows red.
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
  const std::string junit = test::ReadText(out + "/junit.xml");
  CHECK(Contains(junit, "<failure"));
  CHECK(Contains(junit, "did not finish"));
  CHECK(Contains(junit, "endless.yaml"));

  // The next run removes what the dead run left beside the folder: its lock file and the folder
  // it was writing into.
  CHECK(LeftBeside(dir.path()).size() == 2);
  RunQuickstartInto(out);
  CHECK(LeftBeside(dir.path()).empty());
}

TEST_CASE("hardening: a disk that fills while the reports are written leaves no partial report",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  RunQuickstartInto(out);
  // The disk fills just after summary.json, the first report written.
  ReportWriteOptions full_disk;
  full_disk.fail_after_bytes = fs::file_size(out + "/summary.json") + 100;
  std::ostringstream stdout_text, stderr_text;
  const int code = RunCommand({Quickstart(), "--out", out, "--no-progress"}, stdout_text,
                              stderr_text, full_disk);
  CHECK(code == 4);
  CHECK(Contains(stderr_text.str(), "No space left on device"));
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
  const std::string junit = test::ReadText(out + "/junit.xml");
  CHECK(Contains(junit, "<failure"));
  CHECK(Contains(junit, "No space left on device"));
  CHECK(LeftBeside(dir.path()).empty());
}

TEST_CASE("hardening: a scenario that fails to load replaces the old reports with a failing junit",
          "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  RunQuickstartInto(out);
  const test::CliResult invalid =
      test::Cli({"run", test::SourcePath("tests/bad_scenarios/empty.yaml"), "--out", out});
  CHECK(invalid.code == 3);
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
  std::string junit = test::ReadText(out + "/junit.xml");
  CHECK(Contains(junit, "tests=\"1\" failures=\"1\""));
  CHECK(Contains(junit, "<failure"));
  CHECK(Contains(junit, "empty.yaml:1:1: error: the scenario file is empty"));

  RunQuickstartInto(out);
  const test::CliResult missing = test::Cli({"run", dir.File("missing.yaml"), "--out", out});
  CHECK(missing.code == 4);
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
  junit = test::ReadText(out + "/junit.xml");
  CHECK(Contains(junit, "<failure"));
  CHECK(Contains(junit, "cannot read scenario"));
}

TEST_CASE("hardening: without --out, a failed load replaces the folder of the scenario's name",
          "[output]") {
  test::TempDir dir;
  std::string good = test::ReadText(Quickstart());
  good.replace(good.find("name: quickstart"), 16, "name: named-run");
  REQUIRE(test::WriteText(dir.File("good.yaml"), good));
  REQUIRE(test::WriteText(dir.File("bad.yaml"), "name: named-run   # a comment\nstart: never\n"));
  // The default folder is out/NAME under the current folder: run the binary in `dir`.
  const std::string in_dir = "cd '" + dir.path() + "' && " + CARRIERSIM_BINARY;
  REQUIRE(Shell(in_dir + " run good.yaml") == 0);
  REQUIRE(Listing(dir.File("out/named-run")) == Sorted({"summary.json", "ledger.csv",
                                                          "history.csv", "sessions.csv",
                                                          "sims.csv", "junit.xml",
                                                          "timeseries.csv", "report.html"}));
  CHECK(Shell(in_dir + " run bad.yaml") == 3);
  CHECK(Listing(dir.File("out/named-run")) == std::vector<std::string>{"junit.xml"});
  CHECK(Contains(test::ReadText(dir.File("out/named-run/junit.xml")), "<failure"));
}

TEST_CASE("hardening: a second run into an output folder in use fails fast", "[output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  RunQuickstartInto(out);
  // Another run holds the folder: this test, through the lock file a run takes.
  const int lock = open(OutputLockPath(out).c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(lock >= 0);
  REQUIRE(flock(lock, LOCK_EX | LOCK_NB) == 0);
  int code = -1;
  const std::string output = RunBinaryOutput("run " + Quickstart() + " --out " + out, &code);
  CHECK(code == 4);
  CHECK(Contains(output, "in use by another carriersim run"));
  CHECK(Listing(out) == Sorted(kReports));  // untouched
  close(lock);
  RunBinaryOutput("run " + Quickstart() + " --out " + out + " --no-progress", &code);
  CHECK(code == 0);
  CHECK(LeftBeside(dir.path()).empty());  // the run removed the lock file as it ended
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
