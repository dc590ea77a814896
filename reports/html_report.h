// report.html: a run at a glance, in one self-contained file (inline CSS and SVG; no script, no
// fetch): headline figures, the expectations, SIMs per status over time, fees per month by
// category, attach attempts and rejects over time (overall and for the busiest cells), the
// reconnect times after each mass event, and the timeline's outcomes.
#ifndef CARRIERSIM_REPORTS_HTML_REPORT_H_
#define CARRIERSIM_REPORTS_HTML_REPORT_H_

#include <string>

#include "simulator/results/run_result.h"

namespace carriersim {

std::string HtmlReport(const RunResult& run);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_HTML_REPORT_H_
