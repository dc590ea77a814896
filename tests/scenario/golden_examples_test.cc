// Every report of every example scenario, compared byte for byte with the golden digests in
// tests/golden/examples.sha256 (SHA-256 of each file, made by update_example_digests.sh). This
// is what shows that a change meant to keep behaviour (a refactoring, a speed-up) kept it, event
// by event: the digests include events.jsonl, the trace of every event in order.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "simulator/base/sha256.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;

// The whole file: the trace of the firmware example is larger than test::ReadText takes.
std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "example/file" -> digest, from the golden file.
std::map<std::string, std::string> GoldenDigests() {
  std::map<std::string, std::string> digests;
  std::istringstream lines(test::ReadText(test::SourcePath("tests/golden/examples.sha256")));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t gap = line.find("  ");
    REQUIRE(gap == 64);
    digests[line.substr(gap + 2)] = line.substr(0, gap);
  }
  return digests;
}

TEST_CASE("every example's reports and event trace match the golden digests", "[golden]") {
  const std::map<std::string, std::string> golden = GoldenDigests();
  size_t compared = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(test::SourcePath("scenarios"))) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().stem().string();
    INFO("example " << name);
    // The same bytes on any number of threads (run --threads): one, and the fleet cut in
    // shards; an example whose SIMs all share a cell with a capacity runs on one anyway.
    for (const char* threads : {"1", "2", "3"}) {
      INFO("--threads " << threads);
      test::TempDir dir;
      const test::CliResult r = test::Cli({"run", entry.path().string(), "--out",
                                           dir.File("out"), "--trace", "--threads", threads});
      INFO(r.err);
      REQUIRE(r.code == 0);
      for (const char* file :
           {"summary.json", "ledger.csv", "history.csv", "sessions.csv", "sims.csv", "junit.xml",
            "timeseries.csv", "report.html", "events.jsonl"}) {
        const std::string key = name + "/" + file;
        INFO("report " << key);
        const auto digest = golden.find(key);
        REQUIRE(digest != golden.end());  // a new example needs its digests: run the script
        CHECK(Sha256Hex(ReadAll(dir.File(std::string("out/") + file))) == digest->second);
        ++compared;
      }
    }
  }
  CHECK(compared == 3 * golden.size());  // no digest of an example that is gone
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
