// The run at a fixed interval (timeseries.csv, report.html's charts): SIMs per status and online
// at each row's time; attach signaling, data and fees in each row's interval.
#ifndef CARRIERSIM_RESULTS_TIMESERIES_H_
#define CARRIERSIM_RESULTS_TIMESERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// The network's attach counters: cumulative when sampled, per row in the table.
struct SignalingSample {
  uint64_t attempts = 0;  // attach requests that reached a cell
  uint64_t accepts = 0;
  uint64_t rejects = 0;
  uint64_t congestion = 0;  // #22
  uint64_t without_cell = 0;
};

struct TimeseriesTable {
  // Row i is at times[i] and covers (times[i-1], times[i]]: 0, interval, 2 x interval, ... before
  // the end, and the end.
  std::vector<SimTime> times;
  std::vector<std::string> status_names;   // the columns of `sims`
  std::vector<std::vector<int64_t>> sims;  // [row][status]: SIMs in it at the row's time
  std::vector<int64_t> online;             // SIMs with a data session at the row's time
  std::vector<SignalingSample> signaling;  // in the row's interval
  std::vector<int64_t> usage_bytes;        // in the row's interval
  std::vector<int64_t> fee_micros;         // for the row's interval
  // [row][cell]: the cumulative attach counters of the first kCellsSampled cells.
  static constexpr size_t kCellsSampled = 64;
  std::vector<std::vector<SignalingSample>> cells;
};

// The row times of a scenario.
std::vector<SimTime> TimeseriesTimes(const Scenario& scenario);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_TIMESERIES_H_
