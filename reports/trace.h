// events.jsonl (`run --trace`): every event of a run, in the order handled, one JSON object a
// line: when, for whom, what fired, and the device's modem state before it was handled.
#ifndef CARRIERSIM_REPORTS_TRACE_H_
#define CARRIERSIM_REPORTS_TRACE_H_

#include <string>

#include "simulator/results/pipeline.h"

namespace carriersim {

void AppendTraceLine(std::string& out, const TraceRecord& r);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_TRACE_H_
