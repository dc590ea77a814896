// timeseries.csv: the run at a fixed interval. SIMs per status and online come from the status
// and session history after the run, data and fees from the sessions and the ledger; only the
// network's counters are sampled while it runs (the run pauses at each sample time, O(cells)).
#ifndef CARRIERSIM_REPORTS_TIMESERIES_H_
#define CARRIERSIM_REPORTS_TIMESERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "reports/csv.h"
#include "simulator/world/world.h"

namespace carriersim {

// The network's cumulative counters at one instant.
struct SignalingSample {
  uint64_t attempts = 0;  // attach requests that reached a cell
  uint64_t accepts = 0;
  uint64_t rejects = 0;
  uint64_t congestion = 0;  // #22
  uint64_t without_cell = 0;
};

class TimeseriesSampler {
 public:
  explicit TimeseriesSampler(const Scenario& scenario);

  // The sample times: 0, interval, 2 x interval, ... before the end, and the end.
  const std::vector<SimTime>& times() const { return times_; }
  // Records the counters at `t`, one of times(), after everything that happened at t.
  void Sample(const World& world, SimTime t);

  const std::vector<SignalingSample>& totals() const { return totals_; }
  // Per sample, per cell: attach requests and rejects so far (kept for up to kCellsSampled cells).
  static constexpr size_t kCellsSampled = 64;
  const std::vector<std::vector<SignalingSample>>& cells() const { return cells_; }

 private:
  std::vector<SimTime> times_;
  std::vector<SignalingSample> totals_;
  std::vector<std::vector<SignalingSample>> cells_;
};

// The rows of timeseries.csv, also drawn by report.html.
struct TimeseriesTable {
  std::vector<SimTime> times;
  std::vector<std::string> status_names;
  std::vector<std::vector<int64_t>> sims;  // [row][status]: SIMs in it at the row's time
  std::vector<int64_t> online;
  std::vector<SignalingSample> signaling;  // since the previous row
  std::vector<int64_t> usage_bytes;        // since the previous row
  std::vector<int64_t> fee_micros;         // for the time since the previous row
};
TimeseriesTable BuildTimeseries(const World& world, const TimeseriesSampler& sampler);

void WriteTimeseriesCsv(const World& world, const TimeseriesTable& table, CsvWriter& out);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_TIMESERIES_H_
