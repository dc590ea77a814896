// The timeline on report.html's time axes: a line with the action's words where it acts, and a
// band over an outage or a spread action's turns, so that a chart says what caused its changes.
#include <algorithm>

#include "reports/html_sections.h"
#include "reports/human_format.h"

namespace carriersim {

std::vector<ChartMarker> TimelineMarkers(const Scenario& scenario,
                                         const std::function<double(SimTime)>& x_of, SimTime from,
                                         SimTime to) {
  std::vector<ChartMarker> markers;
  for (const TimelineAction& a : scenario.timeline) {
    SimTime end = a.at + a.spread;
    if (a.kind == ActionKind::kCellOutage || a.kind == ActionKind::kCoreOutage) {
      end = std::max(end, a.until);
    }
    if (end > a.at && a.at < to && end > from) {
      markers.push_back({x_of(std::max(a.at, from)), x_of(std::min(end, to)), ""});
    }
    if (a.at >= from && a.at <= to) markers.push_back({x_of(a.at), -1, a.text});
  }
  return markers;
}

double PositionAmong(const std::vector<SimTime>& times, SimTime t) {
  if (times.empty() || t <= times.front()) return 0;
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  if (it == times.end()) return static_cast<double>(times.size() - 1);
  const size_t i = static_cast<size_t>(it - times.begin());
  const double within =
      static_cast<double>(t - times[i - 1]) / static_cast<double>(times[i] - times[i - 1]);
  return static_cast<double>(i - 1) + within;
}

std::vector<std::string> RowLabels(const Scenario& scenario, const std::vector<SimTime>& times) {
  std::vector<std::string> labels;
  const bool days = scenario.timeseries_interval >= kDay;
  for (const SimTime t : times) {
    const std::string text = HumanTime(scenario, t);  // 2026-03-02 00:05
    labels.push_back(days ? text.substr(0, 10) : text.substr(5, 11));
  }
  return labels;
}

}  // namespace carriersim
