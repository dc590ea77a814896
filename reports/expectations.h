// Checking a scenario's expectations (`expect:`): each metric is measured in its scope, at its
// time or at the end of the run, and compared. The results go to the console table,
// summary.json and junit.xml; any failure makes `carriersim run` exit with 1.
#ifndef CARRIERSIM_REPORTS_EXPECTATIONS_H_
#define CARRIERSIM_REPORTS_EXPECTATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "simulator/world/world.h"

namespace carriersim {

struct ExpectationResult {
  bool passed = false;
  std::optional<int64_t> actual;  // nullopt: never reached (a recovery percentile)
  std::string actual_text;        // "12", "1.2MB", "20.5 USD", "3m 20s", "never"
};

class ExpectationChecker {
 public:
  explicit ExpectationChecker(const Scenario& scenario);

  // The times some expectation is measured at (`at:`), sorted, each once: the run pauses there.
  std::vector<SimTime> Checkpoints() const;
  // Measures the expectations due at `t` (after everything that happens at t).
  void MeasureAt(const World& world, SimTime t);
  // Measures the rest, once the run is over.
  void MeasureAtEnd(const World& world);

  const std::vector<ExpectationResult>& results() const { return results_; }
  size_t failures() const;

 private:
  void Measure(const World& world, size_t i);

  const Scenario& scenario_;
  std::vector<ExpectationResult> results_;  // indexed like Scenario::expectations
};

// The value of an expectation's metric in `world` now; nullopt when it has none (a recovery
// percentile some mass event never reached).
std::optional<int64_t> MeasureMetric(const World& world, const Expectation& e);

// A value of `unit` as reports print it.
std::string FormatMetricValue(const World& world, MetricUnit unit, int64_t value);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_EXPECTATIONS_H_
