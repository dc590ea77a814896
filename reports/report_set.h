// Every report of a run but the trace, written into its staging folder (output_folder.h).
#ifndef CARRIERSIM_REPORTS_REPORT_SET_H_
#define CARRIERSIM_REPORTS_REPORT_SET_H_

#include <cstdint>
#include <string>

#include "reports/output_folder.h"
#include "simulator/results/run_result.h"

namespace carriersim {

// `bytes_left`: see ReportWriteOptions. False, and *error naming the file, on the first failure.
bool WriteReports(const RunResult& run, const StagingFolder& staging, uint64_t* bytes_left,
                  std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_REPORT_SET_H_
