// Attach signaling at a fine resolution around the timeline's instants, for report.html's
// close-ups. timeseries.csv's rows are minutes to days apart, while what a power-on or an outage
// does to the cells happens within seconds; counting every attempt at one-second resolution over
// a whole run would cost memory in proportion to its length. So only windows around the instants
// the scenario's timeline names are counted: planned once from the scenario (PlanEventWindows),
// at most kMaxWindows of at most kMaxBins bins each, allocated when the run starts. Counting is a
// comparison and an increment, with no allocation per event; the windows take about 1.2 MB at
// most (32 x 600 bins x 64 B with 13 group columns), and nothing when the timeline is empty.
//
// Requests from outside the scenario (a live session) get no window: they are not known when
// the run starts.
#ifndef CARRIERSIM_OBSERVERS_EVENT_WINDOWS_H_
#define CARRIERSIM_OBSERVERS_EVENT_WINDOWS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// Attach requests in one bin of a window.
struct WindowBin {
  uint32_t attempts = 0;    // attach requests that reached a cell
  uint32_t rejects = 0;     // any cause, #22 included
  uint32_t congestion = 0;  // #22
};

struct EventWindow {
  SimTime from = 0;   // the first bin starts here; a multiple of `width`
  SimTime width = 0;  // of a bin: 1 s, 2 s, 5 s, 10 s, ... (NiceWidth)
  size_t bin_count = 0;
  std::vector<uint32_t> actions;  // the timeline actions it covers (Scenario::timeline)
  std::vector<WindowBin> bins;    // bin_count, once the run has started
  // [bin * columns + column]: attempts by the SIM's group. The first kGroupColumns groups have
  // a column each; with more groups, one last column adds up the rest.
  std::vector<uint32_t> group_attempts;

  SimTime to() const { return from + width * static_cast<SimTime>(bin_count); }
};

// The windows of a scenario, in time order, not overlapping, without their counters: each
// action's instant from a little before it to a while after what it started is over (a spread's
// last turn, an outage's end), windows that would overlap merged, each cut into at most kMaxBins
// bins of a round width. Only the first kMaxWindows are kept.
std::vector<EventWindow> PlanEventWindows(const Scenario& scenario);

class EventWindows {
 public:
  static constexpr size_t kMaxWindows = 32;
  static constexpr size_t kMaxBins = 600;
  static constexpr size_t kGroupColumns = 12;

  // Plans the windows of `scenario` and allocates their counters.
  explicit EventWindows(const Scenario& scenario);
  EventWindows(const EventWindows&) = delete;
  EventWindows& operator=(const EventWindows&) = delete;

  // The bin of `now`, or nullptr outside every window. Times may come in any order; in time
  // order (as a run feeds them) a window's edge is the only place that searches.
  WindowBin* BinAt(SimTime now) {
    if (now < lo_ || now >= hi_) Seek(now);
    if (current_ == kNone) return nullptr;
    EventWindow& w = windows_[current_];
    return &w.bins[static_cast<size_t>((now - w.from) / w.width)];
  }
  // An attach request of a SIM of `group` reached a cell at `now`.
  void Attempt(SimTime now, uint32_t group) {
    WindowBin* bin = BinAt(now);
    if (bin == nullptr) return;
    ++bin->attempts;
    EventWindow& w = windows_[current_];
    const size_t column = group < kGroupColumns ? group : kGroupColumns;
    ++w.group_attempts[static_cast<size_t>(bin - w.bins.data()) * columns_ + column];
  }

  const std::vector<EventWindow>& windows() const { return windows_; }
  // Adds another shard's counts of the same scenario (`run --threads`).
  void Add(const EventWindows& other) {
    for (size_t i = 0; i < windows_.size(); ++i) {
      EventWindow& w = windows_[i];
      const EventWindow& o = other.windows_[i];
      for (size_t b = 0; b < w.bins.size(); ++b) {
        w.bins[b].attempts += o.bins[b].attempts;
        w.bins[b].rejects += o.bins[b].rejects;
        w.bins[b].congestion += o.bins[b].congestion;
      }
      for (size_t c = 0; c < w.group_attempts.size(); ++c) {
        w.group_attempts[c] += o.group_attempts[c];
      }
    }
  }
  // The counters of window `i`, to be set to what another rank counted (results/shard_transfer.h):
  // both plan the same windows from the same scenario, so only the counts travel. Spans, so
  // that the sizes stay as planned.
  std::span<WindowBin> mutable_bins(size_t i) { return windows_[i].bins; }
  std::span<uint32_t> mutable_group_attempts(size_t i) { return windows_[i].group_attempts; }
  // Columns of group_attempts: one per group, or kGroupColumns + 1 with more groups.
  size_t columns() const { return columns_; }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  void Seek(SimTime now);

  std::vector<EventWindow> windows_;
  size_t columns_ = 0;
  // [lo_, hi_): the span BinAt answers without searching: current_'s window, or the gap
  // between two windows when current_ is kNone.
  SimTime lo_ = 0, hi_ = 0;
  size_t current_ = kNone;
};

// Group columns of a scenario with `groups` groups (EventWindows::columns()).
size_t EventWindowColumns(size_t groups);

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_EVENT_WINDOWS_H_
