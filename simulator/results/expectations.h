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
  std::optional<int64_t> actual;  // nullopt: never reached (a recovery percentile)
  std::string actual_text;        // "12", "1.2MB", "20.5 USD", "3m 20s", "never"
};

// A value of `unit` as reports print it.
std::string FormatMetricValue(const Scenario& scenario, MetricUnit unit, int64_t value);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_EXPECTATIONS_H_
