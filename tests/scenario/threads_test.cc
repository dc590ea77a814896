// `carriersim run --threads N`: the fleet split into shards run in parallel, their outputs merged.
// Every report (and the --trace event log) must be the same bytes at any N, and with records
// spilled to disk. The scenarios in tests/scenario/threads/ each attack one merge rule (their top
// comment says which): peaks summed over shards, recovery percentiles over the union, the order
// of rows at one instant, outcomes decided for the whole fleet, expectations at an instant.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

using test::Listing;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The whole file: a trace is larger than test::ReadText takes.
std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Empty when the texts are equal, else their first differing line, so that a failure shows one
// line of each instead of two whole traces.
std::string FirstDifference(const std::string& expected, const std::string& actual) {
  if (expected == actual) return "";
  std::istringstream a(expected), b(actual);
  std::string line_a, line_b;
  for (size_t line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "the same lines, but only one ends with a newline";
    if (!more_a || !more_b || line_a != line_b) {
      return "line " + std::to_string(line) + ": expected '" + (more_a ? line_a : "<end>") +
             "', got '" + (more_b ? line_b : "<end>") + "'";
    }
  }
}

// The adversarial scenarios, in name order.
std::vector<std::string> ThreadScenarios() {
  std::vector<std::string> files;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(test::SourcePath("tests/scenario/threads"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string FourSims() { return test::SourcePath("tests/scenario/threads/four-sims.yaml"); }

// A traced run of `scenario` into `out`, with `options` after the others.
test::CliResult Run(const std::string& scenario, const std::string& out,
                    const std::vector<std::string>& options) {
  std::vector<std::string> args = {"run", scenario, "--out", out, "--trace"};
  args.insert(args.end(), options.begin(), options.end());
  return test::Cli(args);
}

// `dir` holds the same files as `reference`, every report and the trace, each the same bytes.
void CheckSameReports(const std::string& reference, const std::string& dir) {
  const std::vector<std::string> files = Listing(reference);
  CHECK(files.size() == 9);  // every report and the trace; no spill or shard file
  CHECK(Listing(dir) == files);
  for (const std::string& file : files) {
    INFO("report " << file);
    if (!fs::exists(dir + "/" + file)) continue;  // the listing's check has said so
    CHECK(FirstDifference(ReadAll(reference + "/" + file), ReadAll(dir + "/" + file)) == "");
  }
}

TEST_CASE("threads: every report and the trace are the same bytes at 1 2 and 3 threads",
          "[threads]") {
  size_t scenarios = 0;
  for (const std::string& scenario : ThreadScenarios()) {
    const std::string name = fs::path(scenario).filename().string();
    INFO("scenario " << name);
    test::TempDir dir;
    const test::CliResult one = Run(scenario, dir.File("t1"), {"--threads", "1"});
    INFO(one.err);
    // Every expectation passes but one of expect-at-per-sim.yaml's, which fails on purpose (its
    // message names SIMs of several shards): exit code 1, with every report written.
    REQUIRE(one.code == (name == "expect-at-per-sim.yaml" ? 1 : 0));
    for (const char* threads : {"2", "3"}) {
      INFO("--threads " << threads);
      const std::string out = dir.File(std::string("t") + threads);
      const test::CliResult many = Run(scenario, out, {"--threads", threads});
      INFO(many.err);
      CHECK(many.code == one.code);
      CheckSameReports(dir.File("t1"), out);
    }
    INFO("--threads 3 --record-memory 200B");
    const test::CliResult disk =
        Run(scenario, dir.File("t3-disk"), {"--threads", "3", "--record-memory", "200B"});
    INFO(disk.err);
    CHECK(disk.code == one.code);
    CheckSameReports(dir.File("t1"), dir.File("t3-disk"));
    // No spill file, shard folder or lock left beside the output folders.
    CHECK(Listing(dir.path()) == std::vector<std::string>{"t1", "t2", "t3", "t3-disk"});
    ++scenarios;
  }
  CHECK(scenarios >= 7);
}

TEST_CASE("threads: a run that stops stops with the one-thread run's message", "[threads]") {
  const std::string scenario = test::SourcePath("tests/scenario/threads/stops/fee-overflow.yaml");
  test::TempDir dir;
  const test::CliResult one =
      test::Cli({"run", scenario, "--out", dir.File("one"), "--threads", "1"});
  const test::CliResult two =
      test::Cli({"run", scenario, "--out", dir.File("two"), "--threads", "2"});
  CHECK(one.code == 5);
  CHECK(two.code == 5);
  CHECK(Contains(one.err, "for SIM a#0 at 2026-06-01T00:00:30.157Z, is more than the reports"));
  CHECK(two.err == one.err);
}

TEST_CASE("threads: --threads takes a count of at least 1", "[threads][cli]") {
  for (const char* bad : {"0", "-1", "two", ""}) {
    INFO("--threads '" << bad << "'");
    test::TempDir dir;
    const test::CliResult r =
        test::Cli({"run", FourSims(), "--out", dir.File("out"), "--threads", bad});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "--threads"));
    CHECK(Listing(dir.path()).empty());  // a usage error writes nothing
  }
}

TEST_CASE("threads: more threads than shards run fewer threads and write the same reports",
          "[threads]") {
  test::TempDir dir;
  const test::CliResult one = Run(FourSims(), dir.File("one"), {"--threads", "1"});
  const test::CliResult lots = Run(FourSims(), dir.File("lots"), {"--threads", "1000"});
  INFO(one.err << lots.err);
  REQUIRE(one.code == 0);
  CHECK(lots.code == 0);
  CHECK(Contains(lots.err, "1000 shards asked"));
  CHECK(Contains(lots.err, "running on"));
  CheckSameReports(dir.File("one"), dir.File("lots"));
}

TEST_CASE("threads: a thread count past the limit is a usage error", "[threads][cli]") {
  test::TempDir dir;
  const test::CliResult r =
      test::Cli({"run", FourSims(), "--out", dir.File("out"), "--threads", "1025"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "--threads must be between 1 and 1024"));
}

TEST_CASE("threads: a replay runs on one thread", "[threads][cli]") {
  test::TempDir dir;
  const test::CliResult r = test::Cli({"run", FourSims(), "--out", dir.File("out"), "--replay",
                                       dir.File("requests.jsonl"), "--threads", "2"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "--replay plays a session back on one thread"));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
