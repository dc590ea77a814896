#include "simulator/observers/event_windows.h"

#include <algorithm>

namespace carriersim {
namespace {

// What a window around one action covers, before it is cut into bins.
struct Span {
  SimTime from, to;
  uint32_t action;
};

// From a little before the action to a while after what it started is over: ten minutes after
// an instant action (devices boot, attach and retry within that), as long again as a spread or
// an outage lasted after it (the devices of a 30-minute outage take up to about as long to come
// back), and a tenth of that before, for what things looked like.
Span SpanOf(const TimelineAction& action, uint32_t index) {
  SimTime end = action.at + action.spread;
  if (action.kind == ActionKind::kCellOutage || action.kind == ActionKind::kCoreOutage) {
    end = std::max(end, action.until);
  }
  const SimTime after = std::max(10 * kMinute, end - action.at);
  const SimTime before = std::max(kMinute, (end - action.at + after) / 10);
  return {action.at - before, end + after, index};
}

// The smallest round bin width that cuts `length` into at most `bins` bins.
SimTime NiceWidth(SimTime length, size_t bins) {
  static constexpr SimTime kWidths[] = {
      kSecond, 2 * kSecond, 5 * kSecond, 10 * kSecond, 15 * kSecond, 30 * kSecond,
      kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute,
      kHour,   2 * kHour,   3 * kHour,   6 * kHour,    12 * kHour,   kDay};
  const SimTime n = static_cast<SimTime>(bins);
  for (const SimTime w : kWidths) {
    if (w * n >= length) return w;
  }
  SimTime w = kDay;
  while (w * n < length) w *= 2;
  return w;
}

}  // namespace

std::vector<EventWindow> PlanEventWindows(const Scenario& scenario) {
  std::vector<Span> spans;
  for (uint32_t i = 0; i < scenario.timeline.size(); ++i) {
    Span s = SpanOf(scenario.timeline[i], i);
    s.from = std::max<SimTime>(s.from, 0);
    s.to = std::min(s.to, scenario.duration);
    if (s.from < s.to) spans.push_back(s);
  }
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.from < b.from; });
  // Spans that overlap make one: a window lists each of their actions.
  std::vector<Span> merged;
  std::vector<std::vector<uint32_t>> actions;
  for (const Span& s : spans) {
    if (merged.empty() || s.from >= merged.back().to) {
      merged.push_back(s);
      actions.emplace_back();
    }
    merged.back().to = std::max(merged.back().to, s.to);
    actions.back().push_back(s.action);
  }
  // Bins of a round width from a multiple of it, so that bins read as round times; a window
  // starts where the one before it ends, and one that the rounding left inside the window
  // before it is that window's.
  std::vector<EventWindow> windows;
  for (size_t m = 0; m < merged.size(); ++m) {
    const SimTime width = NiceWidth(merged[m].to - merged[m].from, EventWindows::kMaxBins - 1);
    SimTime from = merged[m].from / width * width;
    if (!windows.empty()) {
      EventWindow& before = windows.back();
      from = std::max(from, (before.to() + width - 1) / width * width);
      if (from >= merged[m].to) {
        before.actions.insert(before.actions.end(), actions[m].begin(), actions[m].end());
        continue;
      }
    }
    if (windows.size() == EventWindows::kMaxWindows) break;
    EventWindow w{from, width, 0, std::move(actions[m]), {}, {}};
    w.bin_count = static_cast<size_t>((merged[m].to - from + width - 1) / width);
    windows.push_back(std::move(w));
  }
  for (EventWindow& w : windows) std::sort(w.actions.begin(), w.actions.end());
  return windows;
}

size_t EventWindowColumns(size_t groups) {
  return groups <= EventWindows::kGroupColumns ? groups : EventWindows::kGroupColumns + 1;
}

EventWindows::EventWindows(const Scenario& scenario)
    : windows_(PlanEventWindows(scenario)), columns_(EventWindowColumns(scenario.groups.size())) {
  for (EventWindow& w : windows_) {
    w.bins.resize(w.bin_count);
    w.group_attempts.resize(w.bin_count * columns_);
  }
  Seek(0);
}

void EventWindows::Seek(SimTime now) {
  const auto next = std::upper_bound(
      windows_.begin(), windows_.end(), now,
      [](SimTime t, const EventWindow& w) { return t < w.to(); });  // the first ending after now
  const size_t i = static_cast<size_t>(next - windows_.begin());
  if (next != windows_.end() && next->from <= now) {
    current_ = i;
    lo_ = next->from;
    hi_ = next->to();
    return;
  }
  current_ = kNone;
  lo_ = i == 0 ? INT64_MIN : windows_[i - 1].to();
  hi_ = next == windows_.end() ? INT64_MAX : next->from;
}

}  // namespace carriersim
