// report.html's view of one mass event (an outage, a mass power-on): how fast the devices it hit
// came back, per group, so that two firmware policies in one event are told apart, as the share
// of each group's devices back against the time since service could come back.
#include <algorithm>

#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

constexpr size_t kMaxPoints = 60;  // along the time axis of the share back

// A round step that covers `slowest` in at most kMaxPoints steps.
SimTime StepFor(SimTime slowest) {
  SimTime step = kSecond;
  for (const SimTime w : {kSecond, 5 * kSecond, 10 * kSecond, 30 * kSecond, kMinute, 5 * kMinute,
                          10 * kMinute, 30 * kMinute, kHour, 6 * kHour, kDay}) {
    step = w;
    if (slowest / w < static_cast<SimTime>(kMaxPoints)) return step;
  }
  while (slowest / step >= static_cast<SimTime>(kMaxPoints)) step *= 2;
  return step;
}

// The share of `affected` back by each step: back is sorted.
ChartSeries ShareBack(const std::string& name, const std::string& colour, uint64_t affected,
                      const std::vector<SimTime>& back, SimTime step, size_t points) {
  ChartSeries series = Series(name, colour);
  size_t k = 0;
  for (size_t i = 0; i < points; ++i) {
    const SimTime by = static_cast<SimTime>(i) * step;
    while (k < back.size() && back[k] <= by) ++k;
    series.values.push_back(100.0 * static_cast<double>(k) / static_cast<double>(affected));
  }
  return series;
}

// A row of a panel, and a line of its chart: one group's devices hit by one event.
struct RecoveryRow {
  std::string name;  // the group's, and the event's when the panel's events hit it twice
  std::string colour;
  GroupRecovery devices;
};

std::vector<RecoveryRow> RowsOf(const RunResult& run, const std::vector<const MassEvent*>& events) {
  const Scenario& s = run.scenario();
  const std::vector<std::string> colours = GroupColours(s);
  std::vector<RecoveryRow> rows;
  std::vector<int> times_hit(s.groups.size());
  for (const MassEvent* e : events) {
    for (GroupRecovery& r : RecoveryByGroup(run, *e)) {
      ++times_hit[r.group];
      rows.push_back({e->what, colours[r.group], std::move(r)});
    }
  }
  for (RecoveryRow& row : rows) {
    const std::string& group = s.groups[row.devices.group].name;
    row.name = times_hit[row.devices.group] > 1 ? group + " (" + row.name + ")" : group;
  }
  return rows;
}

// The share of each row's devices back against the time since `from`, up to the slowest.
std::string ShareChart(const Scenario& s, const std::vector<RecoveryRow>& rows, SimTime from,
                       SimTime slowest) {
  const SimTime step = StepFor(slowest);
  const size_t points = static_cast<size_t>(std::max<SimTime>(slowest, 0) / step) + 2;
  ChartSpec chart = Chart({}, {}, "% back");
  for (size_t i = 0; i < points; ++i) {
    chart.x_labels.push_back(HumanOffset(static_cast<SimTime>(i) * step));
  }
  for (const RecoveryRow& r : rows) {
    chart.series.push_back(
        ShareBack(r.name, r.colour, r.devices.affected, r.devices.back, step, points));
  }
  const auto x_of = [&](SimTime t) {
    return static_cast<double>(t - from) / static_cast<double>(step);
  };
  chart.markers =
      TimelineMarkers(s, x_of, from + 1, from + static_cast<SimTime>(points - 1) * step);
  return LineChart(chart, false);
}

}  // namespace

std::vector<GroupRecovery> RecoveryByGroup(const RunResult& run, const MassEvent& event) {
  std::vector<GroupRecovery> by_group(run.scenario().groups.size());
  for (uint32_t g = 0; g < by_group.size(); ++g) by_group[g].group = g;
  for (const EventMember& m : event.members) {
    GroupRecovery& r = by_group[run.directory().group(m.device)];
    ++r.affected;
    if (m.back != kNever) r.back.push_back(m.back);
  }
  std::erase_if(by_group, [](const GroupRecovery& r) { return r.affected == 0; });
  for (GroupRecovery& r : by_group) std::sort(r.back.begin(), r.back.end());
  return by_group;
}

std::vector<std::string> RecoveryCells(uint64_t affected, const std::vector<SimTime>& back) {
  const auto share = static_cast<int64_t>(100 * back.size() / std::max<uint64_t>(affected, 1));
  std::vector<std::string> cells{
      Thousands(static_cast<int64_t>(affected)),
      Thousands(static_cast<int64_t>(back.size())) + " (" + std::to_string(share) + " %)"};
  for (const uint64_t p : {50, 95, 100}) {
    const std::optional<SimTime> t = MassEvent::BackBy(back, affected, p);
    cells.push_back(t ? HumanDuration(*t) : "never");
  }
  return cells;
}

std::string RecoveryPanel(const RunResult& run, const std::vector<const MassEvent*>& events) {
  const Scenario& s = run.scenario();
  const MassEvent& first = *events.front();
  std::string title;
  uint64_t affected = 0;
  std::vector<SimTime> all_back;
  for (const MassEvent* e : events) {
    title += (title.empty() ? "" : ", ") + e->what;
    affected += e->affected;
    for (const SimTime t : e->back) all_back.push_back(t);
  }
  std::sort(all_back.begin(), all_back.end());
  std::string html =
      "<h3>Recovery: " + XmlEscape(title) + "</h3>" +
      Note(Thousands(static_cast<int64_t>(affected)) + " devices lost service at " +
           HumanTime(s, first.start) +
           (first.from == first.start
                ? "; times count from then."
                : "; times count from the end of the outage, " + HumanTime(s, first.from) + "."));
  if (affected == 0) return html;
  const std::vector<RecoveryRow> rows = RowsOf(run, events);
  HtmlTable table{
      {"group", "hit", "back", "50 % back after", "95 %", "100 %"}, {}, {1, 2, 3, 4, 5}, {}};
  for (const RecoveryRow& r : rows) {
    std::vector<std::string> row{Swatch(r.colour) + XmlEscape(r.name)};
    for (std::string& cell : RecoveryCells(r.devices.affected, r.devices.back)) {
      row.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(row));
  }
  if (rows.size() > 1) {
    std::vector<std::string> row{"<b>all</b>"};
    for (std::string& cell : RecoveryCells(affected, all_back)) row.push_back(std::move(cell));
    table.rows.push_back(std::move(row));
  }
  html += RenderTable(table);
  if (all_back.empty()) return html;
  return html + ShareChart(s, rows, first.from, all_back.back());
}

}  // namespace carriersim
