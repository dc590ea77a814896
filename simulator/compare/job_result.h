// What one run of a comparison hands back: its figures, its failed expectations, or the error
// that stopped it. Encoded as bytes so that runs made in other processes (MPI ranks,
// simulator/mpi/) come back exactly as if they had been made here.
#ifndef CARRIERSIM_COMPARE_JOB_RESULT_H_
#define CARRIERSIM_COMPARE_JOB_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/compare/figures.h"

namespace carriersim {

struct JobResult {
  std::optional<RunFigures> figures;  // unset when the run failed
  std::vector<std::string> failures;  // expectations that failed, in words
  uint64_t expectations = 0;          // checked
  // Why the run failed, when it did: kStopped for a run that stopped before its end (events
  // looping at one instant, fees past what reports can count), kOutOfMemory, kInternal for
  // anything else (a bug). Each is rethrown as what the command line reports it as.
  // kDisk: a run's records past memory could not be written (SpillError); last, so that the
  // encoding's range check reads `kDisk` as the largest.
  enum class Error : uint8_t { kNone, kStopped, kOutOfMemory, kInternal, kDisk };
  Error error = Error::kNone;
  std::string error_text;
};

// Appends `result` to `out`; DecodeJobResults reads back every result appended, in order.
void EncodeJobResult(const JobResult& result, std::string& out);
// nullopt when `bytes` is not a sequence of whole encoded results (a rank sent something else).
std::optional<std::vector<JobResult>> DecodeJobResults(std::string_view bytes);

}  // namespace carriersim

#endif  // CARRIERSIM_COMPARE_JOB_RESULT_H_
