// The parts of measuring an expectation that measure.cc hands off: metrics narrowed beyond their
// scope (fees by month or by the plan that billed them, status changes by cause and status), mass
// events (recovery and energy per group or event), timeline outcomes, and each SIM's value for
// the quantifiers of `per-sim:`. Internal to results/.
#ifndef CARRIERSIM_RESULTS_MEASURE_INTERNAL_H_
#define CARRIERSIM_RESULTS_MEASURE_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/results/expectations.h"
#include "simulator/results/snapshot.h"

namespace carriersim {

// A measurement, or why there is none: "never: 812 of 1,000 were back by the end",
// "no SIMs in the scope".
struct Measured {
  std::optional<int64_t> value;
  std::string none;
};

// measure_records.cc: metrics read from the ledger and the status history.
// Whether the expectation narrows fees or status changes beyond what Totals keep per scope.
bool NarrowsRecords(const Expectation& e);
// Fees or status changes of the scope's SIMs that pass the expectation's keys, summed.
int64_t NarrowedRecords(const Snapshot& now, const Expectation& e);

// measure_events.cc: mass events and timeline actions.
// recovery.pNN of the scope's devices: the slowest event's (or the named one's) time until NN %
// of the devices it hit there were back.
Measured RecoveryOf(const Snapshot& now, const Expectation& e);
// What the devices of the scope that the named mass event hit spent recovering (energy.*): per
// device hit, in SIM order.
std::vector<SimValue> EventEnergy(const Snapshot& now, const Expectation& e);
// timeline.applied, .unchanged, .refused, .refused.REASON of the named action.
int64_t ActionOutcomeCount(const Snapshot& now, const Expectation& e);

// measure_per_sim.cc: `per-sim:` quantifiers.
// Each SIM's value of the metric (energy per event: each device the event hit), in SIM order.
std::vector<SimValue> PerSimValues(const Snapshot& now, const Expectation& e);
// The quantifier's statistic over `values`; none for no SIMs.
Measured Statistic(const Expectation& e, std::vector<SimValue> values);
// `each`: every SIM passes `passes`; the result's text names the first few that do not.
ExpectationResult CheckEach(const Snapshot& now, const Expectation& e,
                            const std::vector<SimValue>& values,
                            bool (*passes)(const Expectation&, int64_t));

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_MEASURE_INTERNAL_H_
