// Where a run's records go once they outgrow the memory they may keep (spill_log.h): a file in
// the run's output folder, or in $TMPDIR for runs that have none (benchmarks, compare's runs,
// tests). The file is created under a hidden name (".ledger.spill") and unlinked at once: the
// kernel frees it when its descriptor closes, so however the run ends (finished, failed,
// killed) nothing is left behind, and the folder that is published holds only reports. While
// the run goes on, `lsof` shows it as ".../.ledger.spill (deleted)".
//
// Errors (the folder gone, the disk full, a read that comes back short) throw SpillError with the
// file, what it holds and the system's reason: `carriersim run` exits with 4 (I/O error) and
// writes no report, never a report missing records.
#ifndef CARRIERSIM_BASE_SPILL_FILE_H_
#define CARRIERSIM_BASE_SPILL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace carriersim {

// What each record log of a run (fee ledger, status history, sessions, a mass event's devices)
// may keep in memory before it spills: enough for any example or test scenario to stay in memory,
// a small part of a million-SIM run, and little enough beside ten million SIMs' state (4 GB).
// Larger does not make runs faster: spills are large sequential writes.
inline constexpr uint64_t kDefaultSpillMemory = uint64_t{16} << 20;
// Keeps every record in memory: for live sessions, whose APIs read records at random.
inline constexpr uint64_t kNoSpill = UINT64_MAX;

struct SpillOptions {
  // Bytes of records a log keeps in memory; past them it writes what it holds to its file.
  uint64_t memory = kDefaultSpillMemory;
  // The folder of the spill files: an open descriptor (a run's staging folder, which becomes its
  // output folder) and its path, for messages. -1: $TMPDIR, or /tmp.
  int folder_fd = -1;
  std::string folder;
  // Put before each file's name: the shards of one run (`run --threads`) share its folder.
  std::string name_prefix;
  // The run's record memory when its shards share it (`memory` is then one shard's part), for
  // messages; 0: not shared.
  uint64_t shared_memory = 0;
  // Tests: writes to each spill file fail with ENOSPC once this many bytes went to it, as on a
  // disk that fills up.
  uint64_t fail_after_bytes = UINT64_MAX;
};

class SpillError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One spill file: created on the first write, read and written at explicit offsets.
class SpillFile {
 public:
  // `name`: the file's name in the folder (".ledger.spill"); `what`: what it holds, for
  // messages ("the fee ledger").
  SpillFile(const SpillOptions& options, std::string name, std::string what);
  SpillFile(SpillFile&& other) noexcept;
  SpillFile& operator=(SpillFile&& other) noexcept;
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;
  ~SpillFile();

  // All of `bytes`, or SpillError.
  void Write(uint64_t offset, const void* data, size_t bytes);
  void Read(uint64_t offset, void* data, size_t bytes) const;
  uint64_t written() const { return written_; }  // bytes, all writes together
  const std::string& name() const { return name_; }
  const std::string& what() const { return what_; }

 private:
  void Create();
  [[noreturn]] void Fail(const std::string& doing, int error) const;

  SpillOptions options_;
  std::string name_;
  std::string what_;
  std::string path_;  // for messages, once created
  int fd_ = -1;
  uint64_t written_ = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SPILL_FILE_H_
