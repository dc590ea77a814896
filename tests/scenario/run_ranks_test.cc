// `mpirun -np K carriersim-mpi run`: the fleet's shards spread over K ranks, rank 0 writing the
// reports from every rank's shards (results/ranked_run.h). Here the ranks are threads of this
// process (base/loopback_ranks.h), so that every build runs this at any K; tests/mpi/ runs the
// same over a real mpirun. Every report must be the bytes one process writes: the examples'
// against their golden digests, the scenarios that attack the shards' merge against a run in one
// process. And the ranks must fail together, with rank 0 saying why.
#include <sched.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "simulator/base/loopback_ranks.h"
#include "simulator/base/sha256.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/memory_limit.h"
#include "simulator/results/pipeline.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

constexpr const char* kReports[] = {"summary.json", "ledger.csv",     "history.csv",
                                    "sessions.csv", "sims.csv",       "junit.xml",
                                    "timeseries.csv", "report.html"};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct RankResult {
  int code = -1;
  std::string out;
  std::string err;
};

// The command line on `ranks` loopback ranks; `args_of(rank)` gives each rank's.
std::vector<RankResult> RunOnRanks(
    int ranks, const std::function<std::vector<std::string>(int rank)>& args_of) {
  std::vector<RankResult> results(static_cast<size_t>(ranks));
  RunLoopbackRanks(ranks, [&](const RankLinks& links) {
    std::ostringstream out, err;
    const int code = RunCli(args_of(links.rank), out, err, links);
    results[static_cast<size_t>(links.rank)] = {code, out.str(), err.str()};
  });
  return results;
}

std::vector<RankResult> RunOnRanks(int ranks, const std::vector<std::string>& args) {
  return RunOnRanks(ranks, [&](int) { return args; });
}

// "example/file" -> digest, from the golden file.
std::map<std::string, std::string> GoldenDigests() {
  std::map<std::string, std::string> digests;
  std::istringstream lines(test::ReadText(test::SourcePath("tests/golden/examples.sha256")));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    digests[line.substr(66)] = line.substr(0, 64);
  }
  return digests;
}

std::vector<fs::path> YamlFiles(const std::string& folder) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(test::SourcePath(folder))) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("ranks: every example's reports over 2 and 3 ranks match the golden digests",
          "[ranks]") {
  const std::map<std::string, std::string> golden = GoldenDigests();
  size_t compared = 0;
  for (const fs::path& scenario : YamlFiles("scenarios")) {
    const std::string name = scenario.stem().string();
    INFO("example " << name);
    for (const int ranks : {2, 3}) {
      INFO(ranks << " ranks");
      test::TempDir dir;
      const std::vector<RankResult> r = RunOnRanks(
          ranks, {"run", scenario.string(), "--out", dir.File("out"), "--threads", "1",
                  "--no-progress"});
      INFO(r[0].err);
      REQUIRE(r[0].code == 0);
      for (size_t k = 1; k < r.size(); ++k) {
        CHECK(r[k].code == 0);
        CHECK(r[k].out.empty());  // rank 0 alone speaks
      }
      for (const char* file : kReports) {
        const std::string key = name + "/" + file;
        INFO("report " << key);
        REQUIRE(golden.count(key) == 1);
        CHECK(Sha256Hex(ReadAll(dir.File(std::string("out/") + file))) == golden.at(key));
        ++compared;
      }
    }
  }
  CHECK(compared >= 2 * std::size(kReports) * 9);  // every example, if there are still nine
}

TEST_CASE("ranks: the scenarios that attack the shards' merge give one process's reports",
          "[ranks]") {
  for (const fs::path& scenario : YamlFiles("tests/scenario/threads")) {
    INFO(scenario.filename().string());
    test::TempDir dir;
    const test::CliResult one = test::Cli({"run", scenario.string(), "--out", dir.File("one"),
                                           "--threads", "1", "--no-progress"});
    REQUIRE(one.code <= 1);
    // Two threads on each of two ranks: four shards, records past 1 KB on disk.
    const std::vector<RankResult> r =
        RunOnRanks(2, {"run", scenario.string(), "--out", dir.File("ranks"), "--threads", "2",
                       "--record-memory", "1KB", "--no-progress"});
    INFO(r[0].err);
    CHECK(r[0].code == one.code);
    for (const char* file : kReports) {
      INFO(file);
      CHECK(ReadAll(dir.File(std::string("ranks/") + file)) ==
            ReadAll(dir.File(std::string("one/") + file)));
    }
  }
}

TEST_CASE("ranks: rank 0 has the result of every rank's shards and the others serve theirs",
          "[ranks]") {
  const Scenario scenario =
      test::LoadValid(test::ReadText(test::SourcePath("scenarios/cost-idle-fleet.yaml")));
  const RunResult alone = RunScenario(scenario);
  for (const int ranks : {2, 4}) {
    INFO(ranks << " ranks");
    std::vector<int> had_result(static_cast<size_t>(ranks), -1);
    std::vector<uint64_t> events(static_cast<size_t>(ranks), 0);
    RunLoopbackRanks(ranks, [&](const RankLinks& links) {
      RunOptions options;
      options.ranks = &links;
      const std::optional<RunResult> run = RunScenarioOnRanks(scenario, options);
      had_result[static_cast<size_t>(links.rank)] = run.has_value();
      if (run) {
        events[static_cast<size_t>(links.rank)] = run->events();
        // Cut into shards, not run again on one thread: every rank ran its share.
        CHECK(run->sharded());
        CHECK(run->totals().all.fees.total == alone.totals().all.fees.total);
        CHECK(run->Sim(7).fees == alone.Sim(7).fees);
      }
    });
    CHECK(had_result[0] == 1);
    for (size_t k = 1; k < had_result.size(); ++k) CHECK(had_result[k] == 0);
    CHECK(events[0] == alone.events());
  }
}

TEST_CASE("ranks: a run that stops stops on every rank with the one-thread run's message",
          "[ranks]") {
  const std::string scenario = test::SourcePath("tests/scenario/threads/stops/fee-overflow.yaml");
  test::TempDir dir;
  const test::CliResult one =
      test::Cli({"run", scenario, "--out", dir.File("one"), "--threads", "1"});
  REQUIRE(one.code == 5);
  for (const int ranks : {2, 3}) {
    INFO(ranks << " ranks");
    const std::vector<RankResult> r =
        RunOnRanks(ranks, {"run", scenario, "--out", dir.File("ranks"), "--threads", "1"});
    CHECK(r[0].code == 5);
    // After a notice, if the 4 SIMs make fewer shards than asked: the same error.
    CHECK(r[0].err.find(one.err) != std::string::npos);
    for (size_t k = 1; k < r.size(); ++k) CHECK(r[k].code == 0);  // rank 0's code is the job's
    CHECK_FALSE(fs::exists(dir.File("ranks/summary.json")));
  }
}

TEST_CASE("ranks: --trace and --replay are refused on every rank with exit 2", "[ranks]") {
  test::TempDir dir;
  const std::string scenario = test::SourcePath("scenarios/cost-idle-fleet.yaml");
  for (const char* option : {"--trace", "--replay"}) {
    std::vector<std::string> args = {"run", scenario, "--out", dir.File("out"), option};
    if (std::string(option) == "--replay") args.push_back(dir.File("requests.jsonl"));
    const std::vector<RankResult> r = RunOnRanks(2, args);
    for (const RankResult& rank : r) CHECK(rank.code == 2);
    CHECK(r[0].err.find(std::string(option) + " runs in one process") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.File("out")));
  }
}

TEST_CASE("ranks: a rank that cannot load the scenario stops them all and rank 0 says which",
          "[ranks]") {
  test::TempDir dir;
  const std::string scenario = test::SourcePath("scenarios/cost-idle-fleet.yaml");
  const std::vector<RankResult> r = RunOnRanks(3, [&](int rank) {
    // Rank 2's machine has no such file.
    return std::vector<std::string>{"run", rank == 2 ? dir.File("missing.yaml") : scenario,
                                    "--out", dir.File("out"), "--no-progress"};
  });
  INFO(r[0].err);
  CHECK(r[0].code == 4);
  CHECK(r[2].code == 4);
  CHECK(r[0].err.find("rank 2 could not start the run (exit code 4") != std::string::npos);
  // The folder says the run failed, and holds no report.
  CHECK(fs::exists(dir.File("out/junit.xml")));
  CHECK_FALSE(fs::exists(dir.File("out/summary.json")));
  CHECK(ReadAll(dir.File("out/junit.xml")).find("could not start the run") != std::string::npos);
}

TEST_CASE("ranks: every rank cuts the fleet as rank 0 does whatever its own threads",
          "[ranks]") {
  const std::string scenario = test::SourcePath("scenarios/kore-lifecycle.yaml");
  test::TempDir dir;
  const test::CliResult one = test::Cli({"run", scenario, "--out", dir.File("one"),
                                         "--threads", "1", "--no-progress"});
  REQUIRE(one.code <= 1);
  // Rank 1's machine has other cores: it is told 3 threads, rank 0 runs 2.
  const std::vector<RankResult> r = RunOnRanks(2, [&](int rank) {
    return std::vector<std::string>{"run", scenario, "--out", dir.File("ranks"), "--threads",
                                    rank == 0 ? "2" : "3", "--no-progress"};
  });
  INFO(r[0].err);
  CHECK(r[0].code == one.code);
  for (const char* file : kReports) {
    INFO(file);
    CHECK(ReadAll(dir.File(std::string("ranks/") + file)) ==
          ReadAll(dir.File(std::string("one/") + file)));
  }
}

TEST_CASE("ranks: a rank whose scenario is not rank 0's stops them all with exit 2", "[ranks]") {
  test::TempDir dir;
  const std::vector<RankResult> r = RunOnRanks(2, [&](int rank) {
    // The same file on both machines, but rank 1 is given another seed.
    return std::vector<std::string>{"run", test::SourcePath("scenarios/cost-idle-fleet.yaml"),
                                    "--out", dir.File("out"), "--seed", rank == 0 ? "1" : "2",
                                    "--no-progress"};
  });
  CHECK(r[0].code == 2);
  CHECK(r[1].code == 2);
  CHECK(r[0].err.find("rank 1 could not start the run: its scenario") != std::string::npos);
  CHECK(r[0].err.find("seed 2) is not rank 0's") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("out/summary.json")));
}

TEST_CASE("ranks: threads default to the cores a process may use as mpirun binds a rank",
          "[ranks][cli]") {
  cpu_set_t all;
  REQUIRE(sched_getaffinity(0, sizeof all, &all) == 0);
  CHECK(UsableCores() == static_cast<uint32_t>(CPU_COUNT(&all)));
  // Bound to one core, as mpirun binds each rank by default: one thread, not the machine's.
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &all)) {
      CPU_SET(cpu, &one);
      break;
    }
  }
  REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
  const uint32_t bound = UsableCores();
  REQUIRE(sched_setaffinity(0, sizeof all, &all) == 0);
  CHECK(bound == 1);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
