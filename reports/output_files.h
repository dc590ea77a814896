// Writing report files so that no half-written report ever survives: each file is written to a
// temporary name in the same folder and renamed into place, which POSIX makes atomic.
#ifndef CARRIERSIM_REPORTS_OUTPUT_FILES_H_
#define CARRIERSIM_REPORTS_OUTPUT_FILES_H_

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/csv.h"

namespace carriersim {

// Creates `dir` (and its parents) if needed and checks that files can be created in it, so that
// an unwritable output folder is reported before a simulation runs, not after.
bool PrepareOutputDir(const std::string& dir, std::string* error);

// Removes the named files from `dir` if present: a run that fails must not leave the reports of
// an earlier run looking like its own.
void RemoveReports(const std::string& dir, const std::vector<std::string>& names);

// A report being written: the text goes to a temporary file beside `path`, which Commit renames
// into place once everything is on disk. Dropped without Commit, the temporary file is removed.
class AtomicFile {
 public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  bool Open(const std::string& path, std::string* error);
  bool Write(std::string_view text);  // false after a write error; Commit then reports it
  bool Commit(std::string* error);

 private:
  void Discard();

  std::string path_;
  std::string temp_;
  std::FILE* file_ = nullptr;
  int write_errno_ = 0;
};

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

// Streams a CSV report into place atomically: `write` fills the writer row by row.
bool WriteCsvReport(const std::filesystem::path& path, const std::function<void(CsvWriter&)>& write,
                    std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_OUTPUT_FILES_H_
