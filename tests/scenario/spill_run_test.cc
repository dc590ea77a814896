// Runs whose records spill to disk (base/spill_log.h): every report is the same bytes as when
// they stay in memory, nothing is left in the output folder, and a spill file that cannot be
// written ends the run with exit code 4 and a failing junit.xml, never a report short of records.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "reports/output_files.h"
#include "simulator/cli/commands.h"
#include "simulator/results/pipeline.h"
#include "simulator/world/world.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using test::Listing;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Quickstart() { return test::SourcePath("scenarios/quickstart.yaml"); }

// A run of `scenario` into `out` through RunCommand, with `options`.
int Run(const std::vector<std::string>& args, const ReportWriteOptions& options, std::string* err) {
  std::ostringstream out_text, err_text;
  const int code = RunCommand(args, out_text, err_text, options);
  *err = err_text.str();
  return code;
}

TEST_CASE("spill: every example's reports are the same bytes with 50 bytes of record memory",
          "[spill][examples]") {
  size_t examples = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(test::SourcePath("scenarios"))) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    INFO("example " << entry.path().filename().string());
    test::TempDir dir;
    const test::CliResult memory =
        test::Cli({"run", entry.path().string(), "--out", dir.File("memory"), "--trace"});
    // Two records of the ledger or sessions, three of the history: a spill every few records,
    // and a session's record nearly always on disk when it closes.
    const test::CliResult disk = test::Cli({"run", entry.path().string(), "--out", dir.File("disk"),
                                            "--trace", "--record-memory", "50B"});
    INFO(memory.err << disk.err);
    REQUIRE(memory.code == 0);
    REQUIRE(disk.code == 0);
    const std::vector<std::string> files = Listing(dir.File("memory"));
    REQUIRE(files.size() == 9);  // every report and the trace; no spill file
    REQUIRE(Listing(dir.File("disk")) == files);
    for (const std::string& file : files) {
      INFO("report " << file);
      CHECK(ReadAll(dir.File("disk/" + file)) == ReadAll(dir.File("memory/" + file)));
    }
    CHECK(Listing(dir.path()) == std::vector<std::string>{"disk", "memory"});
    ++examples;
  }
  CHECK(examples >= 9);
}

TEST_CASE("spill: a disk that fills while records spill ends the run with 4 and no report",
          "[spill][output]") {
  test::TempDir dir;
  const std::string out = dir.File("out");
  ReportWriteOptions full_disk;
  full_disk.spill_fail_after_bytes = 100;  // four fee lines: the quickstart charges more
  std::string err;
  const int code = Run({Quickstart(), "--out", out, "--no-progress", "--record-memory", "50B",
                        "--threads", "1"},
                       full_disk, &err);
  INFO(err);
  CHECK(code == 4);
  CHECK(Contains(err, "carriersim run: cannot write to the spill file " + out + "/."));
  CHECK(Contains(err, "(the records past the 50 B kept in memory, in the output folder " + out));
  // On two threads each keeps part (half for records, less for the words that order them), and
  // the message says whose part it is.
  std::string shared;
  CHECK(Run({Quickstart(), "--out", out, "--no-progress", "--record-memory", "50B", "--threads",
             "2"},
            full_disk, &shared) == 4);
  INFO(shared);
  CHECK(Contains(shared, "past the 2 B kept in memory (a thread's part of 50 B), in the output"));
  CHECK(Contains(err, "No space left on device"));
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
  const std::string junit = test::ReadText(out + "/junit.xml");
  CHECK(Contains(junit, "<failure"));
  CHECK(Contains(junit, "the run&apos;s records could not be kept on disk"));
  CHECK(Listing(dir.path()) == std::vector<std::string>{"out"});  // no lock, no staging left
}

TEST_CASE("spill: a disk that fills while ledger.csv is sorted ends the run with 4", "[spill]") {
  test::TempDir dir;
  std::string err;
  REQUIRE(Run({Quickstart(), "--out", dir.File("first"), "--no-progress"}, {}, &err) == 0);
  const std::string ledger = test::ReadText(dir.File("first/ledger.csv"));
  const size_t lines = static_cast<size_t>(std::count(ledger.begin(), ledger.end(), '\n')) - 1;
  // The ledger's 24-byte lines fit in memory; sorted as 32-byte FeeLines, they do not. On one
  // thread: the logs a shard adds (its order words, a tenth of the memory for its busy windows)
  // would spill first.
  const std::string memory = std::to_string(28 * lines) + "B";
  ReportWriteOptions full_disk;
  full_disk.spill_fail_after_bytes = 0;
  const std::string out = dir.File("out");
  const int code = Run({Quickstart(), "--out", out, "--no-progress", "--record-memory", memory,
                        "--threads", "1"},
                       full_disk, &err);
  INFO(err);
  CHECK(code == 4);
  CHECK(Contains(err, "the fee ledger, sorted by time for ledger.csv"));
  CHECK(Contains(err, "No space left on device"));
  CHECK(Listing(out) == std::vector<std::string>{"junit.xml"});
}

TEST_CASE("spill: --record-memory takes a size and nothing else", "[spill][cli]") {
  for (const char* bad : {"0", "-5MB", "lots", "5%", ""}) {
    INFO("--record-memory '" << bad << "'");
    const test::CliResult r = test::Cli({"run", Quickstart(), "--record-memory", bad});
    CHECK(r.code == 2);
    CHECK(Contains(r.err, "--record-memory"));
  }
}

TEST_CASE("spill: bench fleet spills past --record-memory, and exits with 4 where it cannot",
          "[spill][cli]") {
  const test::CliResult r = test::Cli(
      {"bench", "fleet", "--workload", "idle-year", "--devices", "20", "--record-memory", "1KB"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "fee_lines=462 "));
  CHECK(Contains(r.out, "fee_lines_on_disk=420 "));  // ten spills of 42 lines (1 KB of 24 B)
  test::TempDir dir;
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  setenv("TMPDIR", dir.File("missing").c_str(), 1);
  const test::CliResult missing = test::Cli(
      {"bench", "fleet", "--workload", "idle-year", "--devices", "20", "--record-memory", "1KB"});
  if (old != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  CHECK(missing.code == 4);
  CHECK(Contains(missing.err, "cannot create the spill file " + dir.File("missing") + "/."));
}

TEST_CASE("spill: spill_when_finished leaves a megabyte of each log in memory "
          "and the records as they were",
          "[spill]") {
  // 150,000 SIMs attach once and open a data session: 150,000 status changes (16 bytes each),
  // sessions (24) and month-end fee lines (24), each log over a megabyte and under the 16 MB it
  // keeps while the run goes.
  const Scenario scenario = test::LoadValid(
      "name: finished\nstart: 2026-01-31T23:00:00Z\nduration: 2h\n"
      "carriers:\n  soracom: { profile: soracom }\n"
      "devices:\n  d: { boot: 1s..10s, traffic: { every: 1h, uplink: 1KB, downlink: 1KB } }\n"
      "fleet:\n  - { group: g, count: 150000, carrier: soracom, plan: plan01s, device: d }\n");
  RunOptions kept;
  kept.timeseries = false;
  RunOptions finished = kept;
  finished.spill_when_finished = true;
  const RunResult a = RunScenario(scenario, kept);
  const RunResult b = RunScenario(scenario, finished);
  const World& in_memory = a.world();
  const World& spilled = b.world();
  REQUIRE(in_memory.recorder().history().changes.size() * 16 > 2 * kFinishedRecordMemory);
  REQUIRE(in_memory.recorder().sessions().records.size() * 24 > 2 * kFinishedRecordMemory);
  REQUIRE(in_memory.ledger().lines.size() * 24 > 2 * kFinishedRecordMemory);
  // Without the option nothing went to disk; with it, every log over the megabyte did.
  CHECK(in_memory.recorder().history().changes.on_disk() == 0);
  CHECK(in_memory.recorder().sessions().records.on_disk() == 0);
  CHECK(in_memory.ledger().lines.on_disk() == 0);
  const auto& changes = spilled.recorder().history().changes;
  const auto& sessions = spilled.recorder().sessions().records;
  CHECK(changes.on_disk() == changes.size());
  CHECK(sessions.on_disk() == sessions.size());
  CHECK(spilled.ledger().lines.on_disk() == spilled.ledger().lines.size());
  // Read back from disk, the records are the same, in the same order.
  const auto all = [](const auto& records) {
    std::vector<std::decay_t<decltype(*records.begin())>> out;
    for (const auto& r : records) out.push_back(r);
    return out;
  };
  const auto history_a = all(a.history()), history_b = all(b.history());
  CHECK(std::equal(history_a.begin(), history_a.end(), history_b.begin(), history_b.end(),
                   [](const StatusChange& x, const StatusChange& y) {
                     return x.time == y.time && x.sim == y.sim && x.from == y.from &&
                            x.to == y.to && x.cause == y.cause;
                   }));
  const auto sessions_a = all(a.sessions()), sessions_b = all(b.sessions());
  CHECK(std::equal(sessions_a.begin(), sessions_a.end(), sessions_b.begin(), sessions_b.end(),
                   [](const SessionRecord& x, const SessionRecord& y) {
                     return x.sim == y.sim && x.end == y.end && x.opened == y.opened &&
                            x.closed == y.closed;
                   }));
  const auto ledger_a = all(a.ledger()), ledger_b = all(b.ledger());
  CHECK(std::equal(ledger_a.begin(), ledger_a.end(), ledger_b.begin(), ledger_b.end(),
                   [](const FeeLine& x, const FeeLine& y) {
                     return x.sim == y.sim && x.plan == y.plan && x.kind == y.kind &&
                            x.status == y.status && x.time == y.time && x.micros == y.micros &&
                            x.quantity == y.quantity;
                   }));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
