// The short summary `carriersim run` prints: the same figures as summary.json, from the same
// results.
#ifndef CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_
#define CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_

#include <string>

#include "simulator/results/run_result.h"

namespace carriersim {

std::string FormatConsoleSummary(const RunResult& run);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_
