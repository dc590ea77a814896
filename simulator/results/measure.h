// Measuring an expectation's metric in its scope, and checking it. Internal to results/: the
// pipeline measures each expectation at its time (a pause) or at the end.
#ifndef CARRIERSIM_RESULTS_MEASURE_H_
#define CARRIERSIM_RESULTS_MEASURE_H_

#include <optional>

#include "simulator/results/expectations.h"
#include "simulator/results/snapshot.h"

namespace carriersim {

// The metric's value now (over the scope; `per-sim:` is CheckExpectation's); nullopt when it has
// none (a recovery percentile some mass event never reached).
std::optional<int64_t> MeasureMetric(const Snapshot& now, const Expectation& e);

ExpectationResult CheckExpectation(const Snapshot& now, const Expectation& e);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_MEASURE_H_
