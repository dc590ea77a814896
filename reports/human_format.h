// Numbers for people, in report.html and compare.html: thousands separators, durations in the
// two largest units that matter, radio time in hours, amounts to the cent. Never parsed back:
// the machine-readable reports (summary.json, the CSVs) keep exact values in units.h's forms.
#ifndef CARRIERSIM_REPORTS_HUMAN_FORMAT_H_
#define CARRIERSIM_REPORTS_HUMAN_FORMAT_H_

#include <cstdint>
#include <string>

#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// 1234567 -> "1,234,567"; -1234 -> "-1,234".
std::string Thousands(int64_t n);
// A value with `decimals` decimals and thousands separators: (1234.5, 1) -> "1,234.5".
std::string Thousands(double v, int decimals);
// 200000 -> "3 m 20 s", 7'500'000 -> "2 h 5 m", 1 d 30 m -> "1 d 30 m": the largest unit, then
// the largest unit of what is left, rounded (2 h 5 m 40 s -> "2 h 6 m"); under a second "< 1 s",
// 0 -> "0 s". Negative with a "-".
std::string HumanDuration(SimTime ms);
// The same, signed as an offset from an instant: "+2 m", "-30 s", "0".
std::string HumanOffset(SimTime ms);
// Radio-on time in hours: "1,234.5 h", "0.25 h" (two decimals under 10 h), "0.0028 h" (two
// significant digits under 0.1 h).
std::string HumanHours(SimTime ms);
// An amount of money (micro-units), to the cent from one unit up, to four decimals below it,
// exact if that shows nothing: 1234567891 -> "1,234.57", 123705 -> "0.1237", 5 -> "0.000005".
std::string HumanAmount(int64_t micros);
// "2026-03-02 00:05:00": an instant of the run, UTC, without milliseconds.
std::string HumanTime(const Scenario& scenario, SimTime t);
// A metric's value in its unit (an expectation's expected or actual value).
std::string HumanMetricValue(const Scenario& scenario, MetricUnit unit, int64_t value);
// An expectation's comparison, readable: "> 100,000", "between 5 and 40", "== 24.00 USD
// (+/- 0.01 USD)".
std::string HumanExpected(const Scenario& scenario, const Expectation& e);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_HUMAN_FORMAT_H_
