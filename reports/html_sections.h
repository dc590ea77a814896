// report.html's sections, each built by a file of its own; html_report.cc puts them in order.
// Internal to reports/.
#ifndef CARRIERSIM_REPORTS_HTML_SECTIONS_H_
#define CARRIERSIM_REPORTS_HTML_SECTIONS_H_

#include <functional>
#include <string>
#include <vector>

#include "reports/svg_chart.h"
#include "simulator/results/run_result.h"

namespace carriersim {

// report_markers.cc: the timeline on a chart's x axis. `x_of` places an instant of the run
// (positions as ChartMarker's); actions in [from, to] get a line with a short label, outages and
// spread actions also a band over their length.
std::vector<ChartMarker> TimelineMarkers(const Scenario& scenario,
                                         const std::function<double(SimTime)>& x_of, SimTime from,
                                         SimTime to);
// The position of `t` among sorted row times, by straight lines between them.
double PositionAmong(const std::vector<SimTime>& times, SimTime t);
// "2026-03-02 00:05" for day rows or longer "2026-03-02", for each time.
std::vector<std::string> RowLabels(const Scenario& scenario, const std::vector<SimTime>& times);

// report_tables.cc
std::string ExpectationTable(const RunResult& run);  // failures first
std::string TimelineTable(const RunResult& run);

// report_time_charts.cc: over the whole run, at timeseries.csv's rows, with the timeline marked.
std::string StatusCharts(const RunResult& run);
std::string FeesChart(const RunResult& run);
std::string SignalingCharts(const RunResult& run);

// report_groups.cc: each group's devices, their distribution (p50, p95) as well as their sum.
struct Distribution {
  int64_t total = 0, p50 = 0, p95 = 0, max = 0;  // p50, p95: nearest rank, as recovery's
  double mean = 0;
};
struct GroupFigures {
  Distribution attempts, rejects, radio_ms, reboots, fees;
};
std::vector<GroupFigures> FiguresByGroup(const RunResult& run);  // indexed like groups
// Each group's colour, the same in every chart and table of the report (DistinctColours).
std::vector<std::string> GroupColours(const Scenario& scenario);
std::string GroupPanels(const RunResult& run, const std::vector<GroupFigures>& figures);
std::string EnergySection(const RunResult& run, const std::vector<GroupFigures>& figures);

// report_recovery.cc: how fast each mass event's devices came back, per group.
struct GroupRecovery {
  uint32_t group = 0;
  uint64_t affected = 0;
  std::vector<SimTime> back;  // since the event's `from`, sorted
};
std::vector<GroupRecovery> RecoveryByGroup(const RunResult& run, const MassEvent& event);
// The mass events that started together (the same `from`), their groups side by side.
std::string RecoveryPanel(const RunResult& run, const std::vector<const MassEvent*>& events);
// A row of a recovery table: hit, back, and 50/95/100 % back after.
std::vector<std::string> RecoveryCells(uint64_t affected, const std::vector<SimTime>& back);

// report_events.cc: each window around the timeline's instants, at a fine resolution.
std::string EventPanels(const RunResult& run);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_HTML_SECTIONS_H_
