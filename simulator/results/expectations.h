// The outcome of a scenario's expectations (`expect:`), as the reports show it. Measuring them
// is results/measure.h's job.
#ifndef CARRIERSIM_RESULTS_EXPECTATIONS_H_
#define CARRIERSIM_RESULTS_EXPECTATIONS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "simulator/scenario/model.h"

namespace carriersim {

struct ExpectationResult {
  bool passed = false;
  // nullopt: no one value (a recovery percentile never reached, no SIMs in the scope, `each`).
  std::optional<int64_t> actual;
  // "12", "1.2MB", "20.5 USD", "3m 20s", "never: 812 of 1,000 were back by the end",
  // "2 of 10 SIMs did not: trackers#1 (0.00 USD), trackers#4 (0.00 USD)", "all 10 SIMs"
  std::string actual_text;
};

// A value of `unit` as reports print it.
std::string FormatMetricValue(const Scenario& scenario, MetricUnit unit, int64_t value);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_EXPECTATIONS_H_
