// What the parts of compare.html share (compare_html.cc, compare_charts.cc,
// compare_figure_charts.cc): the sweep's points, the first axis as a chart's x axis, each
// variant's look, and numbers for people. Internal to reports/.
#ifndef CARRIERSIM_REPORTS_COMPARE_HTML_INTERNAL_H_
#define CARRIERSIM_REPORTS_COMPARE_HTML_INTERNAL_H_

#include <string>
#include <vector>

#include "reports/svg_chart.h"
#include "simulator/compare/comparison.h"

namespace carriersim::cmp {

// The width of two charts side by side in a section, and of one alone.
inline constexpr double kHalfWidth = 440;

// Later axes' values, one combination per chart ("plan = plan01s"); one empty one without.
std::vector<std::vector<size_t>> Wheres(const CompareSpec& spec);
std::string WhereText(const CompareSpec& spec, const std::vector<size_t>& where);
// " (plan = plan01s)", or nothing without a second axis.
std::string WhereSuffix(const CompareSpec& spec, const std::vector<size_t>& where);
// The variant's result at the first axis' value `first` and the later ones at `where`.
const PointResult& At(const Comparison& c, size_t variant, size_t first,
                      const std::vector<size_t>& where);

// The first sweep axis as a chart's x axis: to scale, by value, when its values are numbers
// (durations, counts, amounts, sizes, dates), else the values evenly spaced in sweep order.
struct SweepX {
  std::vector<size_t> order;        // the axis' value indices, in the order drawn
  std::vector<std::string> labels;  // per position drawn: the value as written
  std::vector<double> values;       // per position drawn, on a numeric axis; else empty
  std::vector<ChartTick> ticks;
  std::string title;  // "idle", "price (USD)"
  bool numeric() const { return !values.empty(); }
  // Where the axis' value `index` is drawn: its value, or its position.
  double X(size_t index) const;
};
SweepX SweepXOf(const Comparison& c, size_t max_ticks);
// A chart over the first axis: its labels, values, ticks and title set.
ChartSpec SweepChart(const SweepX& x, const std::string& y_unit);
// "drawn to scale" or "evenly spaced", for a chart's note.
std::string AxisNote(const Comparison& c, const SweepX& x);

// A variant's line in every chart: its colour, its dash and its mark.
ChartSeries VariantLine(const Comparison& c, size_t variant);
std::string VariantColour(const Comparison& c, size_t variant);

// Renames each series equal to an earlier one at every point ("suspended (same as standby)"),
// whose line is then hidden beneath it but for the dashes; returns a sentence saying so, or "".
// With `zero_is`, a series of zeros is the same as that (the baseline, in a chart of
// differences from it).
std::string MarkSameLines(std::vector<ChartSeries>& series, const std::string& zero_is = "");

// "standby", "standby and suspended", "standby, suspended and inactive".
std::string Listed(const std::vector<std::string>& names);

// An amount in micro-units, for people: "32,922.82"; with a sign when asked ("+1,234.50");
// `cents`: to the cent even under one unit ("0.17", not "0.1748"), beside an amount that is.
std::string Money(double micros, bool sign = false, bool cents = false);
// A figure's value for people: counts with separators ("1,234", "12.3" for a mean), radio time
// in hours ("0.25 h").
std::string FigureText(Figure figure, double value);

}  // namespace carriersim::cmp

#endif  // CARRIERSIM_REPORTS_COMPARE_HTML_INTERNAL_H_
