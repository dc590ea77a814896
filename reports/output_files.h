// Writing report files so that no half-written report ever survives: each file is written to a
// temporary name in the same folder and renamed into place, which POSIX makes atomic.
#ifndef CARRIERSIM_REPORTS_OUTPUT_FILES_H_
#define CARRIERSIM_REPORTS_OUTPUT_FILES_H_

#include <string>
#include <vector>

namespace carriersim {

// Creates `dir` (and its parents) if needed and checks that files can be created in it, so that
// an unwritable output folder is reported before a simulation runs, not after.
bool PrepareOutputDir(const std::string& dir, std::string* error);

// Removes the named files from `dir` if present: a run that fails must not leave the reports of
// an earlier run looking like its own.
void RemoveReports(const std::string& dir, const std::vector<std::string>& names);

bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_OUTPUT_FILES_H_
