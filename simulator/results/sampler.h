// Building timeseries.csv's table: the run pauses at each row's time for what only shows then
// (the network's counters, the SIMs per status), and the rest comes from the sessions and the
// ledger once the run is over. Internal to results/.
#ifndef CARRIERSIM_RESULTS_SAMPLER_H_
#define CARRIERSIM_RESULTS_SAMPLER_H_

#include <vector>

#include "simulator/results/census.h"
#include "simulator/results/timeseries.h"
#include "simulator/world/world.h"

namespace carriersim {

class TimeseriesSampler {
 public:
  explicit TimeseriesSampler(const Scenario& scenario);

  const std::vector<SimTime>& times() const { return table_.times; }
  // Records the row at `t`, one of times(), after everything that happened at t. REQUIRES:
  // `census` advanced to t.
  void Sample(const World& world, const StatusCensus& census, SimTime t);
  // The run ends at `end`, earlier than planned (a live session stopped): the rows after it go,
  // and the last row is at `end`. REQUIRES: no row at or after `end` sampled yet.
  void EndAt(SimTime end);
  // The table, once the run is over.
  TimeseriesTable Finish(const World& world);

 private:
  TimeseriesTable table_;
  std::vector<SignalingSample> totals_;  // cumulative, per row sampled so far
};

// Adds a shard's table to the run's (`run --threads`): the shards count their own SIMs in rows
// at the same times. An empty `into` becomes a copy.
void AddTable(TimeseriesTable& into, const TimeseriesTable& part);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SAMPLER_H_
