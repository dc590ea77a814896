// report.html's close-ups: each window around the timeline's instants (observers/
// event_windows.h) at its fine resolution: attach requests and rejects, attempts per group,
// SIMs online per group and SIMs per status, with the actions marked; then how fast the devices
// of each mass event in it came back.
#include <algorithm>

#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "reports/xml_escape.h"
#include "simulator/results/census.h"

namespace carriersim {
namespace {

constexpr size_t kMaxLines = 12;  // group or status lines in one chart
constexpr size_t kActionsNamed = 4;

// The x axis of a window: offsets from its first action, the timeline's markers, the unit.
struct WindowAxis {
  std::vector<std::string> labels;
  std::vector<ChartMarker> markers;
  std::string per_bin;
};

// A round step between x labels: about eight over the window.
SimTime LabelStep(const EventWindow& w) {
  for (const SimTime step :
       {10 * kSecond, 30 * kSecond, kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute,
        30 * kMinute, kHour, 2 * kHour, 6 * kHour, 12 * kHour, kDay}) {
    if (step % w.width == 0 && (w.to() - w.from) / step <= 8) return step;
  }
  return w.width * static_cast<SimTime>((w.bin_count + 7) / 8);
}

WindowAxis AxisOf(const Scenario& s, const EventWindow& w, SimTime anchor) {
  WindowAxis axis;
  // Labels at round offsets when the bins fall on them; else every bin's, thinned by the chart.
  const SimTime step = (anchor - w.from) % w.width == 0 ? LabelStep(w) : w.width;
  for (size_t b = 0; b < w.bin_count; ++b) {
    const SimTime offset = w.from + static_cast<SimTime>(b) * w.width - anchor;
    axis.labels.push_back(offset % step == 0 ? HumanOffset(offset) : "");
  }
  const auto x_of = [&](SimTime t) {
    return static_cast<double>(t - w.from) / static_cast<double>(w.width);
  };
  axis.markers = TimelineMarkers(s, x_of, w.from, w.to() - 1);
  axis.per_bin = "per " + HumanDuration(w.width);
  return axis;
}

// The first bin that ends at or after `t`: a state at `t` shows from there on.
size_t BinOf(const EventWindow& w, SimTime t) {
  if (t <= w.from) return 0;
  return std::min(w.bin_count, static_cast<size_t>((t - w.from) / w.width));
}

// Lines that change within the window, the widest-ranging first, at most kMaxLines, then back
// in their own order.
std::vector<ChartSeries> Changing(std::vector<ChartSeries> lines) {
  std::vector<std::pair<double, size_t>> ranges;  // (max - min, line)
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto [lo, hi] = std::minmax_element(lines[i].values.begin(), lines[i].values.end());
    if (lo != lines[i].values.end() && *hi > *lo) ranges.push_back({*hi - *lo, i});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranges.size() > kMaxLines) ranges.resize(kMaxLines);
  std::sort(ranges.begin(), ranges.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  std::vector<ChartSeries> kept;
  for (const auto& [range, i] : ranges) kept.push_back(std::move(lines[i]));
  return kept;
}

std::string SignalingZoom(const EventWindow& w, const WindowAxis& axis) {
  if (std::all_of(w.bins.begin(), w.bins.end(),
                  [](const WindowBin& b) { return b.attempts == 0; })) {
    return "";
  }
  ChartSpec chart =
      Chart(axis.labels, {Series("attempts"), Series("rejects"), Series("#22 congestion")},
            "requests " + axis.per_bin, axis.markers);
  for (const WindowBin& bin : w.bins) {
    chart.series[0].values.push_back(bin.attempts);
    chart.series[1].values.push_back(bin.rejects);
    chart.series[2].values.push_back(bin.congestion);
  }
  return LineChart(chart, false);
}

std::string GroupAttemptsZoom(const RunResult& run, const EventWindow& w, const WindowAxis& axis) {
  const std::vector<GroupSpec>& groups = run.scenario().groups;
  const size_t columns = run.event_windows().columns();
  const std::vector<std::string> colours = GroupColours(run.scenario());
  ChartSpec chart = Chart(axis.labels, {}, "attempts " + axis.per_bin, axis.markers);
  for (size_t c = 0; c < columns; ++c) {
    const bool own = c < EventWindows::kGroupColumns;  // else the rest of the groups
    ChartSeries series =
        Series(own ? groups[c].name : "other groups", own ? colours[c] : ColourOf("other groups"));
    double sum = 0;
    for (size_t b = 0; b < w.bin_count; ++b) {
      series.values.push_back(w.group_attempts[b * columns + c]);
      sum += series.values.back();
    }
    if (sum > 0) chart.series.push_back(std::move(series));
  }
  if (chart.series.size() < 2) return "";
  return Note("Attach attempts by group:") + LineChart(chart, false);
}

// SIMs online (with a data session) per group at each bin's end, from the session records.
std::string OnlineZoom(const RunResult& run, const EventWindow& w, const WindowAxis& axis) {
  const std::vector<GroupSpec>& groups = run.scenario().groups;
  std::vector<std::vector<int64_t>> change(groups.size(), std::vector<int64_t>(w.bin_count + 1));
  for (const SessionRecord& r : run.sessions()) {
    const size_t from = BinOf(w, r.opened),
                 to = r.closed == kNever ? w.bin_count : BinOf(w, r.closed);
    if (from >= to) continue;
    std::vector<int64_t>& c = change[run.directory().group(r.sim)];
    ++c[from];
    --c[to];
  }
  const std::vector<std::string> colours = GroupColours(run.scenario());
  std::vector<ChartSeries> lines;
  for (size_t g = 0; g < groups.size(); ++g) {
    ChartSeries series = Series(groups[g].name, colours[g]);
    int64_t online = 0;
    for (size_t b = 0; b < w.bin_count; ++b) {
      online += change[g][b];
      series.values.push_back(static_cast<double>(online));
    }
    lines.push_back(std::move(series));
  }
  ChartSpec chart = Chart(axis.labels, Changing(std::move(lines)), "SIMs online", axis.markers);
  if (chart.series.empty()) return "";
  return Note("SIMs online (with a data session), by group, where it changed:") +
         LineChart(chart, false);
}

// SIMs per status at each bin's end, as the change since the window's start: a change of 20
// SIMs is as plain among 3,000 as among 30. The statuses whose count changed; `census` is
// advanced through the windows in order.
std::string StatusZoom(StatusCensus& census, const EventWindow& w, const WindowAxis& axis) {
  census.AdvanceTo(w.from - 1);
  const std::vector<int64_t> before = census.ByColumn();
  std::vector<ChartSeries> lines;
  for (const std::string& name : census.columns()) lines.push_back(Series(name));
  for (size_t b = 0; b < w.bin_count; ++b) {
    census.AdvanceTo(w.from + static_cast<SimTime>(b + 1) * w.width - 1);
    const std::vector<int64_t> counts = census.ByColumn();
    for (size_t c = 0; c < lines.size(); ++c) {
      lines[c].values.push_back(static_cast<double>(counts[c] - before[c]));
    }
  }
  ChartSpec chart = Chart(axis.labels, Changing(std::move(lines)), "SIMs, change", axis.markers);
  if (chart.series.empty()) return "";
  std::string then;
  for (const ChartSeries& series : chart.series) {
    const size_t c = static_cast<size_t>(
        std::find(census.columns().begin(), census.columns().end(), series.name) -
        census.columns().begin());
    then += (then.empty() ? "" : ", ") + series.name + " " + Thousands(before[c]);
  }
  return Note("SIMs per status, the change since the window's start (" + then + "), for the " +
              "statuses whose count changed:") +
         LineChart(chart, false);
}

// A recovery panel for each set of the mass events `taken` that count from one instant.
std::string RecoveryPanels(const RunResult& run,
                           const std::function<bool(const MassEvent&)>& taken) {
  std::vector<std::vector<const MassEvent*>> sets;
  for (const MassEvent& e : run.mass_events()) {
    if (!taken(e)) continue;
    const auto same = std::find_if(sets.begin(), sets.end(), [&](const auto& set) {
      return set.front()->from == e.from && set.front()->start == e.start;
    });
    if (same == sets.end()) {
      sets.push_back({&e});
    } else {
      same->push_back(&e);
    }
  }
  std::string html;
  for (const std::vector<const MassEvent*>& set : sets) html += RecoveryPanel(run, set);
  return html;
}

std::string Title(const Scenario& s, const EventWindow& w) {
  std::string title = HumanTime(s, s.timeline[w.actions.front()].at) + ": ";
  for (size_t i = 0; i < w.actions.size() && i < kActionsNamed; ++i) {
    title += (i > 0 ? ", " : "") + s.timeline[w.actions[i]].text;
  }
  if (w.actions.size() > kActionsNamed) {
    title += " and " + std::to_string(w.actions.size() - kActionsNamed) + " more";
  }
  return title;
}

std::string WindowPanel(const RunResult& run, StatusCensus& census, const EventWindow& w) {
  const Scenario& s = run.scenario();
  const SimTime anchor = s.timeline[w.actions.front()].at;
  const WindowAxis axis = AxisOf(s, w, anchor);
  const std::string signaling = SignalingZoom(w, axis), online = OnlineZoom(run, w, axis),
                    status = StatusZoom(census, w, axis);
  std::string nothing;  // what did not happen: an empty chart would say it less plainly
  for (const auto& [chart, what] : {std::pair{&signaling, "no attach request reached a cell"},
                                    std::pair{&online, "no SIM went online or offline"},
                                    std::pair{&status, "no SIM changed status"}}) {
    if (chart->empty()) nothing += (nothing.empty() ? "" : "; ") + std::string(what);
  }
  std::string body = signaling + GroupAttemptsZoom(run, w, axis) + online + status +
                     (nothing.empty() ? "" : Note("In this window " + nothing + "."));
  body += RecoveryPanels(run,
                         [&](const MassEvent& e) { return e.start >= w.from && e.start < w.to(); });
  const std::string note = "Bins of " + HumanDuration(w.width) + ", from " +
                           HumanOffset(w.from - anchor) + " to " + HumanOffset(w.to() - anchor) +
                           ". Attach requests that reached a cell (attempts into a " +
                           "cell that is down reach nobody, and are not counted here).";
  return Section("Close-up: " + Title(s, w), note, body);
}

}  // namespace

std::string EventPanels(const RunResult& run) {
  const std::vector<EventWindow>& windows = run.event_windows().windows();
  StatusCensus census(run.directory(), run.history());
  std::string html;
  for (const EventWindow& w : windows) html += WindowPanel(run, census, w);
  // Mass events outside every window: more instants than windows, or a live session's requests.
  const std::string rest = RecoveryPanels(run, [&](const MassEvent& e) {
    return std::none_of(windows.begin(), windows.end(), [&](const EventWindow& w) {
      return e.start >= w.from && e.start < w.to();
    });
  });
  if (!rest.empty()) html += Section("Other mass events", "Outside the close-ups above.", rest);
  size_t covered = 0;
  for (const EventWindow& w : windows) covered += w.actions.size();
  if (covered < run.scenario().timeline.size()) {
    html += Section("More timeline actions",
                    Thousands(static_cast<int64_t>(run.scenario().timeline.size() - covered)) +
                        " later timeline actions have no close-up: a run counts the first " +
                        std::to_string(EventWindows::kMaxWindows) + " windows.",
                    "");
  }
  return html;
}

}  // namespace carriersim
