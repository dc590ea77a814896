// The radio cells' live state: outages in progress (NET-4) and the attach load on each cell
// against its capacity (NET-3), with the counters and peak rates the reports show.
#ifndef CARRIERSIM_NETWORK_CELLS_H_
#define CARRIERSIM_NETWORK_CELLS_H_

#include <cstdint>
#include <map>
#include <vector>

#include "simulator/scenario/model.h"

namespace carriersim {

// Counts events in consecutive windows of `width` and keeps the busiest. Fed in time order.
struct RateMeter {
  SimTime window = -1;  // index of the current window
  uint64_t count = 0;
  uint64_t peak = 0;
  SimTime peak_at = 0;  // start of the busiest window (the first, on a tie)

  void Add(SimTime now, SimTime width) {
    const SimTime w = now / width;
    if (w != window) {
      window = w;
      count = 0;
    }
    if (++count > peak) {
      peak = count;
      peak_at = w * width;
    }
  }
};

struct CellStats {
  uint64_t attempts = 0;  // attach requests that reached the cell
  uint64_t accepts = 0;
  std::map<uint8_t, uint64_t> rejects_by_cause;
  uint64_t unanswered = 0;  // requests lost in a core outage
  // #22 rejects suffered by devices that were not recovering from a mass event (NET-3).
  uint64_t collateral = 0;
  RateMeter per_second;
  RateMeter per_minute;
};

struct Cells {
  std::vector<CellStats> stats;
  std::vector<uint16_t> outages;   // outages in progress on the cell
  std::vector<SimTime> back_at;    // when the latest of them ends
  std::vector<SimTime> window;     // capacity window in progress (index)
  std::vector<int64_t> admitted;   // requests admitted in it
  RateMeter per_second;            // the whole network
  RateMeter per_minute;

  explicit Cells(size_t n)
      : stats(n), outages(n), back_at(n), window(n, -1), admitted(n) {}
  bool down(uint32_t cell) const { return outages[cell] > 0; }

  // An attach request reaches `cell` at `now`: counts it, and says whether the cell has the
  // capacity to handle it.
  bool Admit(const CellSpec& spec, uint32_t cell, SimTime now) {
    CellStats& s = stats[cell];
    ++s.attempts;
    s.per_second.Add(now, kSecond);
    s.per_minute.Add(now, kMinute);
    per_second.Add(now, kSecond);
    per_minute.Add(now, kMinute);
    if (spec.capacity == 0) return true;
    const SimTime w = now / spec.window;
    if (w != window[cell]) {
      window[cell] = w;
      admitted[cell] = 0;
    }
    if (admitted[cell] >= spec.capacity) return false;
    ++admitted[cell];
    return true;
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_CELLS_H_
