// Charts as inline SVG text, for report.html and compare.html: no script, no fetch, the same
// bytes for the same data. Two kinds cover the reports: lines (or stacked areas) over a shared x
// axis, and stacked bars; both can carry markers, the timeline's actions on a time axis.
#ifndef CARRIERSIM_REPORTS_SVG_CHART_H_
#define CARRIERSIM_REPORTS_SVG_CHART_H_

#include <string>
#include <vector>

#include "reports/colours.h"

namespace carriersim {

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per x position
  std::string colour;          // empty: ColourOf(name), the name's colour in every chart
};

// A vertical line with a short label at an x position (0 is the first x label; fractions fall
// between two), or a shaded band from `x` to `x_end` (an outage, a spread action's turns).
struct ChartMarker {
  double x = 0;
  double x_end = -1;  // > x: a band, drawn beneath the data, without a label
  std::string label;
};

struct ChartSpec {
  std::vector<std::string> x_labels;  // one per x position; thinned out when crowded
  std::vector<ChartSeries> series;
  std::string y_unit;                // shown beside the y axis: "SIMs", "USD", "attempts"
  std::vector<ChartMarker> markers;  // lines closer than a label's width share one label
};

std::string LineChart(const ChartSpec& chart, bool stacked_area);
std::string BarChart(const ChartSpec& chart);  // bars stacked by series

// A tick or tooltip value: "950", "2,500", "12.5k", "3M", "0.25".
std::string ChartValue(double v);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_SVG_CHART_H_
