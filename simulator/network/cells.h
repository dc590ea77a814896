// The radio cells' live state: outages in progress (NET-4) and the attach load on each cell in
// its capacity window (NET-3). The counters the reports show are the recorder's.
#ifndef CARRIERSIM_NETWORK_CELLS_H_
#define CARRIERSIM_NETWORK_CELLS_H_

#include <cstdint>
#include <vector>

#include "simulator/scenario/model.h"

namespace carriersim {

class Cells {
 public:
  explicit Cells(const std::vector<CellSpec>& specs)
      : specs_(specs),
        outages_(specs.size()),
        back_at_(specs.size()),
        window_(specs.size(), -1),
        admitted_(specs.size()) {}

  bool down(uint32_t cell) const { return outages_[cell] > 0; }
  // When the latest outage that took the cell down ends.
  SimTime back_at(uint32_t cell) const { return back_at_[cell]; }
  const CellSpec& spec(uint32_t cell) const { return specs_[cell]; }

  // Outages nest: a cell is down while any outage of it is in progress.
  void GoDown(uint32_t cell, SimTime until) {
    ++outages_[cell];
    if (until > back_at_[cell]) back_at_[cell] = until;
  }
  // True when this ended the cell's last outage.
  bool ComeBack(uint32_t cell) { return --outages_[cell] == 0; }

  // An attach request reaches `cell` at `now`: whether the cell has the capacity to handle it.
  bool Admit(uint32_t cell, SimTime now) {
    const CellSpec& spec = specs_[cell];
    if (spec.capacity == 0) return true;
    const SimTime w = now / spec.window;
    if (w != window_[cell]) {
      window_[cell] = w;
      admitted_[cell] = 0;
    }
    if (admitted_[cell] >= spec.capacity) return false;
    ++admitted_[cell];
    return true;
  }

 private:
  const std::vector<CellSpec>& specs_;
  std::vector<uint16_t> outages_;  // outages in progress on the cell
  std::vector<SimTime> back_at_;   // when the latest of them ends
  std::vector<SimTime> window_;    // capacity window in progress (index)
  std::vector<int64_t> admitted_;  // requests admitted in it
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_CELLS_H_
