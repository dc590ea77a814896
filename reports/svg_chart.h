// Charts as inline SVG text, for report.html: no script, no fetch, the same bytes for the same
// data. Two kinds cover the report: lines (or stacked areas) over a shared x axis, and stacked
// bars.
#ifndef CARRIERSIM_REPORTS_SVG_CHART_H_
#define CARRIERSIM_REPORTS_SVG_CHART_H_

#include <string>
#include <vector>

namespace carriersim {

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per x position
};

struct ChartSpec {
  std::vector<std::string> x_labels;  // one per x position; thinned out when crowded
  std::vector<ChartSeries> series;    // colours follow the order
  std::string y_unit;                 // shown beside the y axis: "SIMs", "USD", "attempts"
};

std::string LineChart(const ChartSpec& chart, bool stacked_area);
std::string BarChart(const ChartSpec& chart);  // bars stacked by series

// The colour of the i-th series, from a fixed palette.
const char* SeriesColour(size_t i);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_SVG_CHART_H_
