// The spill log (simulator/base/spill_log.h) on its own: what goes in comes back, in order,
// whether it is in memory, on disk or across the boundary between them; patches reach records
// on disk; a folder that is gone or a disk that fills up is a SpillError naming the file.
#include "simulator/base/spill_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "simulator/base/rng.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

struct Record {
  uint64_t key;
  uint32_t value;
  uint32_t patched;
  bool operator==(const Record&) const = default;
};

// Not commutative: two patches to one record applied in the wrong order show.
struct MixPatch {
  uint32_t add;
  void operator()(Record& r) const { r.patched = r.patched * 3 + add; }
};

using Log = SpillLog<Record, MixPatch>;

// Memory for `records` of them: a tail that spills every `records` appends.
SpillOptions Holding(size_t records) {
  SpillOptions options;
  options.memory = records * sizeof(Record);
  return options;
}

std::vector<Record> ReadAll(const Log& log) {
  std::vector<Record> out;
  for (const Record& r : log) out.push_back(r);
  return out;
}

std::vector<Record> Fill(Log& log, size_t n) {
  std::vector<Record> made;
  for (size_t i = 0; i < n; ++i) {
    made.push_back({i * 7 + 1, static_cast<uint32_t>(i), 0});
    log.push_back(made.back());
  }
  return made;
}

TEST_CASE("spill log: an empty log reads nothing and makes no file", "[spill]") {
  const Log log(Holding(4));
  CHECK(log.empty());
  CHECK(log.size() == 0);
  CHECK(log.on_disk() == 0);
  CHECK(ReadAll(log).empty());
  Log::Reader reader(log, 0);
  Record r;
  CHECK_FALSE(reader.Next(&r));
}

TEST_CASE("spill log: records come back in order from memory, disk and across chunks", "[spill]") {
  Log log(Holding(3));
  const std::vector<Record> made = Fill(log, 10);
  CHECK(log.size() == 10);
  CHECK(log.on_disk() == 9);  // three tails of three spilled, the tenth in memory
  CHECK(ReadAll(log) == made);
  for (size_t i = 0; i < made.size(); ++i) CHECK(log[i] == made[i]);
  CHECK(log.back() == made.back());
  // A two-record buffer crosses every tail's boundary, and the one between disk and memory.
  for (size_t from : {0, 1, 5, 9, 10}) {
    Log::Reader reader(log, from, 2 * sizeof(Record));
    Record r;
    for (size_t i = from; i < made.size(); ++i) {
      REQUIRE(reader.Next(&r));
      CHECK(r == made[i]);
    }
    CHECK_FALSE(reader.Next(&r));
  }
}

TEST_CASE("spill log: a log that never spills keeps everything in memory", "[spill]") {
  SpillOptions options;
  options.memory = kNoSpill;
  Log log(options);
  const std::vector<Record> made = Fill(log, 200'000);  // several chunks
  CHECK(log.on_disk() == 0);
  CHECK(ReadAll(log) == made);
}

TEST_CASE("spill log: a reader reads on as the log grows and spills", "[spill]") {
  Log log(Holding(4));
  Log::Reader reader(log, 0, sizeof(Record));
  std::vector<Record> made, seen;
  Record r;
  for (size_t round = 0; round < 5; ++round) {
    for (size_t i = 0; i < 3; ++i) {
      made.push_back({round, static_cast<uint32_t>(i), 0});
      log.push_back(made.back());
    }
    while (reader.Next(&r)) seen.push_back(r);
    CHECK(seen == made);
  }
  CHECK(log.on_disk() > 0);
}

TEST_CASE("spill log: patches reach records in memory and on disk, in the order made", "[spill]") {
  Log log(Holding(5));  // a patch batch of one: each is applied before the next
  std::vector<Record> made = Fill(log, 23);
  REQUIRE(log.on_disk() == 20);
  // Far apart (one by one), close together (a region), twice the same record, and in memory.
  for (size_t i : {0, 19, 3, 4, 5, 6, 4, 21, 22, 10}) {
    const MixPatch patch{static_cast<uint32_t>(i + 1)};
    log.Update(i, patch);
    patch(made[i]);
  }
  CHECK(ReadAll(log) == made);
  for (size_t i = 0; i < made.size(); ++i) CHECK(log[i] == made[i]);
}

TEST_CASE("spill log: patches that spill themselves are sorted and applied in the order made",
          "[spill]") {
  // Eight records in memory: the patches (two in memory) and their sort (runs of eight) spill.
  Log log(Holding(8));
  std::vector<Record> made = Fill(log, 3000);
  REQUIRE(log.on_disk() == 2992);
  RandomStream rng = MakeStream(3, 1, StreamPurpose::kSelection);
  for (uint32_t k = 1; k <= 500; ++k) {
    const size_t i = UniformBelow(rng, 60) * 50 + UniformBelow(rng, 3);  // repeats, out of order
    log.Update(i, MixPatch{k});
    MixPatch{k}(made[i]);
  }
  CHECK(ReadAll(log) == made);
  log.Update(7, MixPatch{1});  // after a read: applied before the next
  MixPatch{1}(made[7]);
  CHECK(log[7] == made[7]);
  CHECK(ReadAll(log) == made);
}

TEST_CASE("spill log: the spill file leaves nothing in its folder", "[spill]") {
  test::TempDir dir;
  const int fd = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  SpillOptions options = Holding(2);
  options.folder_fd = fd;
  options.folder = dir.path();
  {
    Log log(options);
    const std::vector<Record> made = Fill(log, 9);
    REQUIRE(log.on_disk() == 8);
    CHECK(std::filesystem::is_empty(dir.path()));  // unlinked as soon as it was made
    CHECK(ReadAll(log) == made);
  }
  CHECK(std::filesystem::is_empty(dir.path()));
  close(fd);
}

TEST_CASE("spill log: a folder that is gone is an error naming the file and the reason",
          "[spill]") {
  test::TempDir dir;
  const std::string gone = dir.File("gone");
  std::filesystem::create_directory(gone);
  const int fd = open(gone.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  std::filesystem::remove(gone);  // the descriptor stays, the folder is gone
  SpillOptions options = Holding(2);
  options.folder_fd = fd;
  options.folder = gone;
  SpillLog<Record> log(options, ".history.spill", "the status history");
  log.push_back({1, 1, 0});
  log.push_back({2, 2, 0});
  try {
    log.push_back({3, 3, 0});
    FAIL("a spill file was made in a folder that is gone");
  } catch (const SpillError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("cannot create the spill file " + gone + "/.history.spill") == 0);
    CHECK(message.find("of the status history") != std::string::npos);
    CHECK(message.find("No such file or directory") != std::string::npos);
  }
  close(fd);
}

TEST_CASE("spill log: a disk that fills up is an error, and the records before it stay",
          "[spill]") {
  SpillOptions options = Holding(2);
  options.fail_after_bytes = 3 * sizeof(Record);  // the second spill does not fit
  SpillLog<Record> log(options, ".ledger.spill", "the fee ledger");
  for (uint32_t i = 0; i < 4; ++i) log.push_back({i, i, 0});
  try {
    log.push_back({4, 4, 0});
    FAIL("a spill past the end of the disk went through");
  } catch (const SpillError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("cannot write to the spill file") == 0);
    CHECK(message.find("of the fee ledger") != std::string::npos);
    CHECK(message.find("No space left on device") != std::string::npos);
  }
  CHECK(log.size() == 4);
  CHECK(log[0] == Record{0, 0, 0});
  CHECK(log[3] == Record{3, 3, 0});
}

TEST_CASE("spill log: a temporary folder that does not exist is an error", "[spill]") {
  test::TempDir dir;
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  setenv("TMPDIR", dir.File("missing").c_str(), 1);
  SpillLog<Record> log(Holding(1));
  log.push_back({1, 1, 0});
  CHECK_THROWS_AS(log.push_back({2, 2, 0}), SpillError);
  if (old != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
