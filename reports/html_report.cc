#include "reports/html_report.h"

#include <algorithm>

#include "reports/html_page.h"
#include "reports/junit.h"  // ScenarioFileName
#include "reports/svg_chart.h"
#include "reports/xml_escape.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

// Row labels: dates for day rows or longer, else times of day.
std::vector<std::string> TimeLabels(const Scenario& s, const std::vector<SimTime>& times) {
  std::vector<std::string> labels;
  const bool days = s.timeseries_interval >= kDay;
  for (const SimTime t : times) {
    const std::string ts = FormatTimestamp(s.start + t);
    labels.push_back(days ? ts.substr(0, 10) : ts.substr(5, 11));
  }
  return labels;
}

std::string StatusChart(const Scenario& s, const TimeseriesTable& t) {
  ChartSpec chart{TimeLabels(s, t.times), {}, "SIMs", {}};
  for (size_t s = 0; s < t.status_names.size(); ++s) {
    ChartSeries series{t.status_names[s], {}, ""};
    bool used = false;
    for (const auto& row : t.sims) {
      series.values.push_back(static_cast<double>(row[s]));
      used = used || row[s] > 0;
    }
    if (used) chart.series.push_back(std::move(series));
  }
  ChartSeries online{"online", {}, ""};
  for (const int64_t n : t.online) online.values.push_back(static_cast<double>(n));
  return LineChart(chart, true) + "<p class=\"note\">SIMs online (with a data session):</p>" +
         LineChart(ChartSpec{chart.x_labels, {online}, "SIMs", {}}, false);
}

std::string FeesChart(const RunResult& run) {
  ChartSpec chart{{}, {}, std::string(run.scenario().currency.str()), {}};
  const std::vector<std::string>& names = run.scenario().fee_categories;
  for (const std::string& name : names) chart.series.push_back({name, {}, ""});
  for (const auto& [month, totals] : run.totals().invoices) {
    chart.x_labels.push_back(FormatDate(StartOfMonthIndex(month)).substr(0, 7));
    for (size_t c = 0; c < names.size(); ++c) {
      chart.series[c].values.push_back(static_cast<double>(totals.by_category[c]) / 1e6);
    }
  }
  // Only the categories that charged anything.
  std::erase_if(chart.series, [](const ChartSeries& s) {
    return std::all_of(s.values.begin(), s.values.end(), [](double v) { return v == 0; });
  });
  if (chart.x_labels.empty()) return "<p class=\"note\">No fees were charged.</p>";
  return BarChart(chart);
}

std::string SignalingChart(const Scenario& scenario, const TimeseriesTable& t) {
  ChartSpec overall{TimeLabels(scenario, t.times),
                    {{"attempts", {}, ""}, {"rejects", {}, ""}, {"#22 congestion", {}, ""}},
                    "per row",
                    {}};
  for (const SignalingSample& s : t.signaling) {
    overall.series[0].values.push_back(static_cast<double>(s.attempts));
    overall.series[1].values.push_back(static_cast<double>(s.rejects));
    overall.series[2].values.push_back(static_cast<double>(s.congestion));
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
  ChartSpec per_cell{overall.x_labels, {}, "attempts per row", {}};
  for (const size_t c : order) {
    ChartSeries s{scenario.cells[c].name, {}, ""};
    for (size_t i = 0; i < cells.size(); ++i) {
      const uint64_t before = i > 0 ? cells[i - 1][c].attempts : 0;
      s.values.push_back(static_cast<double>(cells[i][c].attempts - before));
    }
    per_cell.series.push_back(std::move(s));
  }
  return html + "<p class=\"note\">Attach attempts per cell (the busiest " +
         std::to_string(order.size()) + "):</p>" + LineChart(per_cell, false);
}

std::string RecoveryCharts(const RunResult& run) {
  std::string html;
  for (const MassEvent& e : run.mass_events()) {
    if (e.affected == 0) continue;
    // A histogram of the times back, in at most 20 bins of a round width up to the slowest.
    const SimTime slowest = e.back.empty() ? 0 : e.back.back();
    SimTime width = kSecond;
    for (const SimTime w : {kSecond, 5 * kSecond, 10 * kSecond, 30 * kSecond, kMinute,
                            5 * kMinute, 10 * kMinute, 30 * kMinute, kHour, 6 * kHour, kDay}) {
      width = w;
      if (slowest / w < 20) break;
    }
    while (slowest / width >= 20) width *= 2;
    ChartSpec chart{{}, {{"devices back", {}, ""}}, "devices", {}};
    for (SimTime from = 0; from <= slowest; from += width) {
      chart.x_labels.push_back(FormatDuration(from));
      chart.series[0].values.push_back(0);
    }
    for (const SimTime t : e.back) {
      chart.series[0].values[static_cast<size_t>(std::max<SimTime>(t, 0) / width)] += 1;
    }
    std::string figures;
    for (const uint64_t p : {50, 95, 100}) {
      const std::optional<SimTime> t = e.BackBy(p);
      if (!figures.empty()) figures += ", ";
      figures += std::to_string(p) + " % back after " + (t ? FormatDuration(*t) : "never");
    }
    html += "<p class=\"note\"><b>" + XmlEscape(e.what) + "</b> at " +
            XmlEscape(FormatTimestamp(run.scenario().start + e.start)) + ": " +
            std::to_string(e.affected) + " devices; " + XmlEscape(figures) + ".</p>" +
            (e.back.empty() ? "" : BarChart(chart));
  }
  return html.empty() ? "<p class=\"note\">No outage or mass power-on in this run.</p>" : html;
}

std::string ExpectationTable(const RunResult& run) {
  const std::vector<ExpectationResult>& results = run.expectations();
  if (results.empty()) return "<p class=\"note\">This scenario states no expectations.</p>";
  std::string html = "<table><tr><th></th><th>expectation</th><th>actual</th><th>line</th></tr>";
  for (size_t i = 0; i < results.size(); ++i) {
    const Expectation& e = run.scenario().expectations[i];
    const bool passed = results[i].passed;
    html += std::string("<tr><td class=\"") + (passed ? "pass\">PASS" : "fail\">FAIL") +
            "</td><td>" + XmlEscape(e.text) + "</td><td>" + XmlEscape(results[i].actual_text) +
            "</td><td class=\"n\">" + std::to_string(e.line) + "</td></tr>";
  }
  return html + "</table>";
}

std::string TimelineTable(const RunResult& run) {
  const std::vector<TimelineAction>& timeline = run.scenario().timeline;
  if (timeline.empty()) return "<p class=\"note\">No timeline actions.</p>";
  std::string html = "<table><tr><th>at</th><th>action</th><th>applied</th><th>unchanged</th>"
                     "<th>refused</th></tr>";
  for (size_t i = 0; i < timeline.size(); ++i) {
    const ActionOutcome& o = run.actions()[i];
    std::string refused = std::to_string(o.refused);
    for (const auto& [reason, count] : o.refusals) {
      refused += " (" + reason + ": " + std::to_string(count) + ")";
    }
    html += "<tr><td>" + XmlEscape(FormatDuration(timeline[i].at)) + "</td><td>" +
            XmlEscape(timeline[i].text) + "</td><td class=\"n\">" + std::to_string(o.applied) +
            "</td><td class=\"n\">" + std::to_string(o.unchanged) + "</td><td>" +
            XmlEscape(refused) + "</td></tr>";
  }
  return html + "</table>";
}

}  // namespace

std::string HtmlReport(const RunResult& run) {
  const Scenario& s = run.scenario();
  const SignalingCounters& sig = run.signaling().total;
  const Totals& t = run.totals();
  const size_t failed = run.expectation_failures();
  std::string html = PageHead(s.name + " - carriersim report");
  html += "<header><h1>" + XmlEscape(s.name) + "</h1><p>" +
          XmlEscape(FormatTimestamp(s.start)) + " .. " +
          XmlEscape(FormatTimestamp(s.start + s.duration)) + " (" +
          XmlEscape(FormatDuration(s.duration)) + "), seed " + std::to_string(run.seed()) +
          "</p><p>" + XmlEscape(ScenarioFileName(s.file)) + " &middot; sha256 " +
          XmlEscape(s.file_sha256.substr(0, 16)) + "&hellip;</p>" +
          (s.description.empty() ? "" : "<p>" + XmlEscape(s.description) + "</p>") +
          "</header>\n<main>\n<div class=\"cards\">";
  html += Card("SIMs", std::to_string(s.sim_count));
  html += Card("online at the end", std::to_string(t.all.online));
  html += Card("attach attempts", std::to_string(sig.attach_attempts));
  html += Card("rejects", std::to_string(sig.AttachRejects()));
  html += Card("fees", FormatAmount(t.all.fees.total) + " " + std::string(s.currency.str()));
  html += Card("data", FormatDataSizeApprox(t.all.uplink_bytes + t.all.downlink_bytes));
  if (!run.expectations().empty()) {
    html += Card("expectations", failed == 0 ? "all " + std::to_string(
                                                            run.expectations().size()) +
                                                   " passed"
                                             : std::to_string(failed) + " failed");
  }
  html += "</div>\n";
  html += Section("Expectations", "", ExpectationTable(run));
  html += Section("SIMs per status", "At the end of each row of timeseries.csv.",
                  StatusChart(s, run.timeseries()));
  html += Section("Fees per month", "By category, in " + std::string(s.currency.str()) + ".",
                  FeesChart(run));
  html += Section("Attach attempts and rejects",
                  "Per row of timeseries.csv: requests that reached a cell, rejects (any "
                  "cause) and #22 congestion rejects.",
                  SignalingChart(s, run.timeseries()));
  html += Section("Reconnection after outages and mass power-ons",
                  "How long the devices each event hit took to get service back, counted from "
                  "the end of an outage or from a power-on.",
                  RecoveryCharts(run));
  html += Section("Timeline", "", TimelineTable(run));
  html += "</main><footer>carriersim " + XmlEscape(CARRIERSIM_VERSION) +
          " &middot; the same scenario and seed give the same report</footer></body></html>\n";
  return html;
}

}  // namespace carriersim
