// What the line and bar charts share (reports/svg_chart.cc, svg_bars.cc): the layout, the axes,
// the frame with its grid and labels, the legend and the markers. Internal to reports/.
#ifndef CARRIERSIM_REPORTS_SVG_CHART_INTERNAL_H_
#define CARRIERSIM_REPORTS_SVG_CHART_INTERNAL_H_

#include <algorithm>
#include <string>

#include "reports/svg_chart.h"

namespace carriersim::svg {

inline constexpr double kHeight = 250;
inline constexpr double kLeft = 64, kRight = 16, kTop = 12, kBottom = 40;
inline constexpr double kPlotH = kHeight - kTop - kBottom;
inline constexpr double kLegendRow = 16;

// "12.5": coordinates to a tenth of a pixel.
std::string Num(double v);
std::string Colour(const ChartSeries& s);
double PlotWidth(const ChartSpec& chart);

// Where x positions and values land, in px.
struct Axes {
  double x_of_first = 0, x_step = 0;
  double y_min = 0, y_max = 1, y_step = 0.25;  // round values: multiples of the step
  double x_lo = 0;                             // the x at x_of_first (a numeric axis' least)
  double right = 0;                            // the plot's right edge
  double X(double x) const { return std::clamp(x_of_first + (x - x_lo) * x_step, kLeft, right); }
  double Y(double v) const { return kTop + kPlotH - (v - y_min) / (y_max - y_min) * kPlotH; }
};

// A y axis from a round value at or below min(lo, 0) to one at or above max(hi, 0), in about
// four steps of 1, 2 or 5 times a power of ten; x from `x_of_first`, `x_step` px per unit.
Axes NiceAxes(const ChartSpec& chart, double x_of_first, double x_step, double lo, double hi);

// The legend's entries, wrapped into rows under the plot; `rows` is set to how many.
std::string Legend(const ChartSpec& chart, int* rows);
// The opening tag, the grid with its y ticks, the unit, the x labels or ticks, the x title and
// the bands of the markers, beneath what is drawn next.
std::string Open(const ChartSpec& chart, const Axes& a, int legend_rows);
// The markers' lines over the data, each run of close ones with one label.
std::string Markers(const ChartSpec& chart, const Axes& a);
// The mark of a point at (x, y), hollow, with its tooltip.
std::string Mark(PointShape shape, double x, double y, const std::string& colour,
                 const std::string& tip);
// The line at y = 0, when the chart asks for it.
std::string ZeroLine(const ChartSpec& chart, const Axes& a);
// A tooltip's value: the caller's text for position i, else the value as the ticks show it.
std::string TipValue(const ChartSpec& chart, const ChartSeries& s, size_t i);

}  // namespace carriersim::svg

#endif  // CARRIERSIM_REPORTS_SVG_CHART_INTERNAL_H_
