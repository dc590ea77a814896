// The charts' pieces (reports/svg_chart.h, reports/axis_ticks.h): a numeric x axis drawn to
// scale with round ticks in its values' unit, lines told apart by dashes and marks, bars side by
// side, below 0 and with an interval.
#include "reports/svg_chart.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "reports/axis_ticks.h"
#include "simulator/base/calendar.h"
#include "simulator/base/sim_time.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr double kDayMs = static_cast<double>(kDay);

std::vector<std::string> Labels(const std::vector<ChartTick>& ticks) {
  std::vector<std::string> labels;
  for (const ChartTick& t : ticks) labels.push_back(t.label);
  return labels;
}

// The x of each point of the chart's first polyline.
std::vector<double> PolylineXs(const std::string& svg) {
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("<polyline points=\"([^\"]*)\"")));
  std::vector<double> xs;
  const std::string points = m[1];
  const std::regex pair("([-0-9.]+),[-0-9.]+");
  for (auto it = std::sregex_iterator(points.begin(), points.end(), pair);
       it != std::sregex_iterator(); ++it) {
    xs.push_back(std::stod((*it)[1]));
  }
  return xs;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("axis ticks: durations at round days, hours or minutes within the values", "[charts]") {
  const std::vector<ChartTick> days = AxisTicks(ParamKind::kDuration, 0, 151 * kDayMs, 8);
  CHECK(Labels(days) == std::vector<std::string>{"0d", "30d", "60d", "90d", "120d", "150d"});
  CHECK(days[1].x == 30 * kDayMs);
  CHECK(Labels(AxisTicks(ParamKind::kDuration, 10 * kDayMs, 25 * kDayMs, 8)) ==
        std::vector<std::string>{"10d", "12d", "14d", "16d", "18d", "20d", "22d", "24d"});
  CHECK(Labels(AxisTicks(ParamKind::kDuration, 0, 3 * 3.6e6, 8)) ==
        std::vector<std::string>{"0m", "30m", "1h", "1h 30m", "2h", "2h 30m", "3h"});
  // At most as many as asked for: 5 in a narrow chart.
  CHECK(Labels(AxisTicks(ParamKind::kDuration, 0, 151 * kDayMs, 5)) ==
        std::vector<std::string>{"0d", "60d", "120d"});
}

TEST_CASE("axis ticks: months, counts, data sizes, amounts and dates in their units", "[charts]") {
  CHECK(Labels(AxisTicks(ParamKind::kSpan, 0, 12 * 30 * kDayMs, 8)) ==
        std::vector<std::string>{"0", "2 months", "4 months", "6 months", "8 months", "10 months",
                                 "1 year"});
  CHECK(Labels(AxisTicks(ParamKind::kCount, 0, 10'000, 8)) ==
        std::vector<std::string>{"0", "2,000", "4,000", "6,000", "8,000", "10,000"});
  CHECK(Labels(AxisTicks(ParamKind::kSize, 0, 10 * 1048576.0, 8)) ==
        std::vector<std::string>{"0MB", "2MB", "4MB", "6MB", "8MB", "10MB"});
  CHECK(Labels(AxisTicks(ParamKind::kAmount, 0, 2.5e6, 8)) ==
        std::vector<std::string>{"0.00", "0.50", "1.00", "1.50", "2.00", "2.50"});
  std::string error;
  const double from = static_cast<double>(*ParseTimestamp("2026-11-01", &error));
  const double to = static_cast<double>(*ParseTimestamp("2027-05-01", &error));
  const std::vector<ChartTick> months = AxisTicks(ParamKind::kTime, from, to, 8);
  CHECK(Labels(months) == std::vector<std::string>{"2026-11", "2026-12", "2027-01", "2027-02",
                                                   "2027-03", "2027-04", "2027-05"});
  CHECK(months[0].x == from);
  CHECK(AxisTicks(ParamKind::kName, 0, 1, 8).empty());
  CHECK(AxisTicks(ParamKind::kDuration, kDayMs, kDayMs, 8).empty());  // one value: no scale
}

TEST_CASE("a line chart on a numeric axis puts each point at its distance from the others",
          "[charts]") {
  ChartSpec chart = Chart({"0d", "1d", "10d"}, {Series("cost", "", {1, 2, 3})}, "USD");
  // Evenly spaced: the plot runs from x = 64 to 744.
  CHECK(PolylineXs(LineChart(chart, false)) == std::vector<double>{64, 404, 744});
  chart.x_values = {0, kDayMs, 10 * kDayMs};
  chart.x_ticks = AxisTicks(ParamKind::kDuration, 0, 10 * kDayMs, 8);
  chart.x_title = "idle";
  const std::string svg = LineChart(chart, false);
  CHECK(PolylineXs(svg) == std::vector<double>{64, 132, 744});
  CHECK(svg.find(">4d</text>") != std::string::npos);
  CHECK(svg.find(">idle</text>") != std::string::npos);
  CHECK(svg.find(">1d</text>") == std::string::npos);  // the points' labels are not ticks
}

TEST_CASE("lines that coincide stay apart by their dashes and marks, in the legend too",
          "[charts]") {
  ChartSpec chart = Chart({"a", "b", "c"}, {}, "USD");
  chart.series.push_back(Series("first", "#111111", {1, 2, 3}));
  chart.series.push_back(Series("second", "#222222", {1, 2, 3}));
  chart.series[0].shape = PointShape::kCircle;
  chart.series[1].shape = PointShape::kSquare;
  chart.series[1].dash = "9 4";
  chart.series[1].tips = {"1.00 USD", "2.00 USD", "3.00 USD"};
  const std::string svg = LineChart(chart, false);
  CHECK(Count(svg, "stroke-dasharray=\"9 4\"") == 2);  // the line and its legend sample
  CHECK(Count(svg, "<circle") == 4);                   // three points and the sample
  CHECK(Count(svg, "<rect x=") == 4);
  CHECK(svg.find("<title>second, b: 2.00 USD</title>") != std::string::npos);
  CHECK(svg.find("<title>first, c: 3</title>") != std::string::npos);
}

TEST_CASE("bars side by side, below 0, with an interval's whisker", "[charts]") {
  ChartSpec chart = Chart({"x", "y"}, {}, "USD");
  chart.groups = {{"active", "#16a34a"}, {"standby", "#f59e0b"}};
  chart.zero_line = true;
  chart.full_values = true;
  chart.series.push_back(Series("basic", "", {1, 2}));
  chart.series.push_back(Series("basic", "", {-1, 3}));
  chart.series[1].group = 1;
  chart.series[1].low = {-1.5, 2.5};
  chart.series[1].high = {-0.5, 3.5};
  const std::string svg = BarChart(chart);
  CHECK(Count(svg, ">basic</text>") == 1);  // the category once in the legend
  CHECK(svg.find(">standby</text>") != std::string::npos);
  CHECK(Count(svg, "height=\"3\" fill=") == 4);                // a strip under each bar
  CHECK(Count(svg, "stroke=\"#111827\"") == 2 * 3);            // two whiskers with their caps
  CHECK(svg.find(">-2</text>") != std::string::npos);          // the axis goes below 0
  CHECK(svg.find("stroke=\"#334155\"") != std::string::npos);  // the line at 0
  CHECK(svg.find("<title>standby, x: basic -1.00</title>") != std::string::npos);
}

TEST_CASE("full values: every digit, separators, the decimals the step needs", "[charts]") {
  CHECK(FullValue(12500, 2500) == "12,500");
  CHECK(FullValue(0.75, 0.25) == "0.75");
  CHECK(FullValue(-1500, 500) == "-1,500");
  CHECK(FullValue(0.5, 0.1) == "0.5");
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
