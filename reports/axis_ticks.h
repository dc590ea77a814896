// Round ticks for a numeric x axis, in the unit its values are written in: "0d 30d 60d" for
// durations, "3 months" for calendar spans, "2026-11" for dates, "512KB" for data sizes,
// "2,500" for counts, "0.25" for amounts (the currency goes in the axis' title).
#ifndef CARRIERSIM_REPORTS_AXIS_TICKS_H_
#define CARRIERSIM_REPORTS_AXIS_TICKS_H_

#include <vector>

#include "reports/svg_chart.h"
#include "simulator/scenario/parameters.h"

namespace carriersim {

// Ticks at multiples of a round step (1, 2 or 5 of a unit; days, weeks and months for time),
// within [lo, hi], at most `max_ticks` of them. `lo` and `hi` are ParamValue::number's: counts,
// micro-units, milliseconds (a month as 30 days), bytes or Unix milliseconds. None for names.
std::vector<ChartTick> AxisTicks(ParamKind kind, double lo, double hi, size_t max_ticks);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_AXIS_TICKS_H_
