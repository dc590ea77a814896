// Writing report files into a run's staging folder (output_folder.h), which is swapped into place
// once every report is complete: no half-written report is ever in the output folder.
#ifndef CARRIERSIM_REPORTS_OUTPUT_FILES_H_
#define CARRIERSIM_REPORTS_OUTPUT_FILES_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "reports/csv.h"
#include "reports/output_folder.h"

namespace carriersim {

// How a run writes its reports. Production runs use the defaults; tests set a byte limit to see
// what a disk that fills up mid-run leaves behind.
struct ReportWriteOptions {
  // Writes fail with ENOSPC once this many bytes went to the run's reports, all files together.
  uint64_t fail_after_bytes = UINT64_MAX;
  // Writes to each of the run's spill files (records past --record-memory) fail with ENOSPC
  // once this many bytes went to it.
  uint64_t spill_fail_after_bytes = UINT64_MAX;
};

// One report being written into a staging folder. Created new (O_EXCL | O_NOFOLLOW): an existing
// file or a link at its name is an error, never written through.
class ReportFile {
 public:
  ReportFile() = default;
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;
  ~ReportFile();

  // `bytes_left` is shared by the run's files and counts down (ReportWriteOptions).
  bool Open(const StagingFolder& folder, const std::string& name, uint64_t* bytes_left,
            std::string* error);
  bool Write(std::string_view text);  // false after a write error; Close then reports it
  bool Close(std::string* error);     // on disk (fsync), or *error says why not

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  uint64_t* bytes_left_ = nullptr;
  int write_errno_ = 0;
};

bool WriteReportFile(const StagingFolder& folder, const std::string& name,
                     std::string_view content, uint64_t* bytes_left, std::string* error);

// Streams a CSV report: `write` fills the writer row by row.
bool WriteCsvReport(const StagingFolder& folder, const std::string& name,
                    const std::function<void(CsvWriter&)>& write, uint64_t* bytes_left,
                    std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_OUTPUT_FILES_H_
