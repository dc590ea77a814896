// report.html's charts over the whole run, at timeseries.csv's rows (and per calendar month for
// fees), each with the timeline's actions marked on it.
#include <algorithm>

#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

std::vector<ChartMarker> RowMarkers(const Scenario& s, const std::vector<SimTime>& times) {
  return TimelineMarkers(
      s, [&](SimTime t) { return PositionAmong(times, t); }, 0, s.duration);
}

std::string PerRow(const Scenario& s) {
  switch (s.timeseries_interval) {
    case kMinute:
      return "per minute";
    case kHour:
      return "per hour";
    case kDay:
      return "per day";
    default:
      return "per " + HumanDuration(s.timeseries_interval);
  }
}

}  // namespace

std::string StatusCharts(const RunResult& run) {
  const Scenario& s = run.scenario();
  const TimeseriesTable& t = run.timeseries();
  if (t.times.empty()) return Note("No timeseries in this run.");
  ChartSpec chart = Chart(RowLabels(s, t.times), {}, "SIMs", RowMarkers(s, t.times));
  for (size_t c = 0; c < t.status_names.size(); ++c) {
    ChartSeries series = Series(t.status_names[c]);
    bool used = false;
    for (const auto& row : t.sims) {
      series.values.push_back(static_cast<double>(row[c]));
      used = used || row[c] > 0;
    }
    if (used) chart.series.push_back(std::move(series));
  }
  ChartSeries online = Series("online");
  for (const int64_t n : t.online) online.values.push_back(static_cast<double>(n));
  return LineChart(chart, true) + Note("SIMs online (with a data session):") +
         LineChart(Chart(chart.x_labels, {online}, "SIMs", chart.markers), false);
}

std::string FeesChart(const RunResult& run) {
  const Scenario& s = run.scenario();
  const std::map<int64_t, FeeTotals>& invoices = run.totals().invoices;
  if (invoices.empty()) return Note("No fees were charged.");
  // Every month of the run, charged or not, so that a bar's place is its month.
  const int64_t first = std::min(MonthIndex(s.start), invoices.begin()->first);
  const int64_t last = std::max(MonthIndex(s.start + s.duration - 1), invoices.rbegin()->first);
  ChartSpec chart = Chart({}, {}, std::string(s.currency.str()));
  const std::vector<std::string>& names = s.fee_categories;
  for (const std::string& name : names) chart.series.push_back(Series(name));
  for (int64_t month = first; month <= last; ++month) {
    chart.x_labels.push_back(FormatDate(StartOfMonthIndex(month)).substr(0, 7));
    const auto it = invoices.find(month);
    for (size_t c = 0; c < names.size(); ++c) {
      const int64_t micros = it == invoices.end() ? 0 : it->second.by_category[c];
      chart.series[c].values.push_back(static_cast<double>(micros) / 1e6);
    }
  }
  // Only the categories that charged anything.
  std::erase_if(chart.series, [](const ChartSeries& series) {
    return std::all_of(series.values.begin(), series.values.end(), [](double v) { return v == 0; });
  });
  // A month's bar spans its slot: an instant lands at its share of the month.
  const auto x_of = [&](SimTime t) {
    const UnixMillis at = s.start + t, begin = StartOfMonth(at);
    const double share =
        static_cast<double>(at - begin) / static_cast<double>(StartOfNextMonth(at) - begin);
    return static_cast<double>(MonthIndex(at) - first) - 0.5 + share;
  };
  chart.markers = TimelineMarkers(s, x_of, 0, s.duration);
  return BarChart(chart);
}

std::string SignalingCharts(const RunResult& run) {
  const Scenario& s = run.scenario();
  const TimeseriesTable& t = run.timeseries();
  if (t.times.empty()) return Note("No timeseries in this run.");
  ChartSpec overall = Chart(RowLabels(s, t.times),
                            {Series("attempts"), Series("rejects"), Series("#22 congestion")},
                            PerRow(s), RowMarkers(s, t.times));
  for (const SignalingSample& row : t.signaling) {
    overall.series[0].values.push_back(static_cast<double>(row.attempts));
    overall.series[1].values.push_back(static_cast<double>(row.rejects));
    overall.series[2].values.push_back(static_cast<double>(row.congestion));
  }
  std::string html = LineChart(overall, false);
  // The busiest cells, by attempts over the run.
  const auto& cells = t.cells;
  if (cells.empty() || cells.back().size() < 2) return html;
  std::vector<size_t> order(cells.back().size());
  for (size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return cells.back()[a].attempts > cells.back()[b].attempts;
  });
  order.resize(std::min<size_t>(order.size(), 6));
  ChartSpec per_cell = Chart(overall.x_labels, {}, "attempts " + PerRow(s), overall.markers);
  std::vector<std::string> names;
  for (const size_t c : order) names.push_back(s.cells[c].name);
  const std::vector<std::string> colours = DistinctColours(names);
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t c = order[k];
    ChartSeries series = Series(s.cells[c].name, colours[k]);
    for (size_t i = 0; i < cells.size(); ++i) {
      const uint64_t before = i > 0 ? cells[i - 1][c].attempts : 0;
      series.values.push_back(static_cast<double>(cells[i][c].attempts - before));
    }
    per_cell.series.push_back(std::move(series));
  }
  return html +
         Note("Attach attempts per cell (the busiest " + std::to_string(order.size()) + "):") +
         LineChart(per_cell, false);
}

}  // namespace carriersim
