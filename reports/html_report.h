// report.html: a run at a glance, in one self-contained file (inline CSS and SVG; no script, no
// fetch): headline figures, the expectations (failures first), SIMs per status, fees per month
// by category and attach signaling over the run with the timeline marked, the energy proxy per
// group, a close-up of each instant of the timeline at a fine resolution with the recovery of
// its mass events per group, a panel per group, and the timeline's outcomes.
#ifndef CARRIERSIM_REPORTS_HTML_REPORT_H_
#define CARRIERSIM_REPORTS_HTML_REPORT_H_

#include <string>

#include "simulator/results/run_result.h"

namespace carriersim {

std::string HtmlReport(const RunResult& run);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_HTML_REPORT_H_
