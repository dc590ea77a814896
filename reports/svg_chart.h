// Charts as inline SVG text, for report.html and compare.html: no script, no fetch, the same
// bytes for the same data. Two kinds cover the reports: lines (or stacked areas) over a shared x
// axis, and bars (stacked by series, side by side by group, with intervals); both can carry
// markers, the timeline's actions on a time axis or break-even points on a swept one.
#ifndef CARRIERSIM_REPORTS_SVG_CHART_H_
#define CARRIERSIM_REPORTS_SVG_CHART_H_

#include <cstdint>
#include <string>
#include <vector>

#include "reports/colours.h"

namespace carriersim {

// A mark at each point of a line, drawn hollow: lines that coincide stay apart, a circle
// showing inside the square drawn over it.
enum class PointShape : uint8_t {
  kNone,
  kCircle,
  kSquare,
  kTriangle,
  kDiamond,
  kCross,
  kTriangleDown
};

struct ChartSeries {
  std::string name;            // in the legend; empty: none (the x labels name the bars)
  std::vector<double> values;  // one per x position
  std::string colour;          // empty: ColourOf(name), the name's colour in every chart
  // Lines: a dash pattern (SVG stroke-dasharray, "8 4") and a mark at each point, so that a
  // line drawn over an equal one leaves it visible through its gaps.
  std::string dash;
  PointShape shape = PointShape::kNone;
  // Bars: the colour of each position's bar (one bar per variant); empty: `colour` for all.
  std::vector<std::string> colours;
  size_t group = 0;  // bars: which bar of its position it stacks into (ChartSpec::groups)
  // Bars: a 95 % interval per position, drawn as a whisker; empty: none.
  std::vector<double> low, high;
  // Per position, the value as a tooltip says it ("1,234.57 USD"); empty: as the ticks do.
  std::vector<std::string> tips;
};

// A vertical line with a short label at an x position (0 is the first x label; fractions fall
// between two; on a numeric axis, a value), or a shaded band from `x` to `x_end` (an outage, a
// spread action's turns).
struct ChartMarker {
  double x = 0;
  double x_end = -1;  // > x: a band, drawn beneath the data, without a label
  std::string label;
};

// A tick of a numeric x axis: the value and its label ("30d").
struct ChartTick {
  double x = 0;
  std::string label;
};

// Bars side by side at each x position, in this order: a variant each, told apart by a strip of
// its colour under its bar (the series' colours are the fee categories').
struct ChartGroup {
  std::string name;
  std::string colour;
};

struct ChartSpec {
  std::vector<std::string> x_labels;  // one per x position; thinned out when crowded
  std::vector<ChartSeries> series;
  std::string y_unit;                // shown beside the y axis: "SIMs", "USD", "attempts"
  std::vector<ChartMarker> markers;  // lines closer than a label's width share one label
  // Lines: a numeric x axis, each position's value, drawn at its distance from the others with
  // `x_ticks` labelled instead of x_labels (which still name the points in tooltips); markers'
  // x are values then. Empty: positions evenly spaced.
  std::vector<double> x_values;
  std::vector<ChartTick> x_ticks;
  std::string x_title;             // under the x axis ("idle"); empty: none
  bool full_values = false;        // ticks and tooltips with every digit ("12,500"), not "12.5k"
  bool zero_line = false;          // y = 0 drawn dark: differences read against it
  double width = 760;              // of the drawing; narrower for charts side by side
  std::vector<ChartGroup> groups;  // bars side by side; empty: one bar per position
};

// The common cases, written briefly: a series by name (and colour, and values), and a chart of
// labelled positions, series, a unit and markers; the other fields take their defaults.
ChartSeries Series(const std::string& name, const std::string& colour = "",
                   std::vector<double> values = {});
ChartSpec Chart(std::vector<std::string> x_labels, std::vector<ChartSeries> series,
                const std::string& y_unit, std::vector<ChartMarker> markers = {});

std::string LineChart(const ChartSpec& chart, bool stacked_area);
// Bars stacked by series (negative values stack down from 0), side by side by group.
std::string BarChart(const ChartSpec& chart);

// A tick or tooltip value: "950", "2,500", "12.5k", "3M", "0.25".
std::string ChartValue(double v);
// A value with every digit and separators, with as many decimals as `step` needs: (12500, 2500)
// -> "12,500", (0.75, 0.25) -> "0.75".
std::string FullValue(double v, double step);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_SVG_CHART_H_
