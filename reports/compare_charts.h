// The charts of compare.html, one set per kind of figure; each a run of <section>s.
#ifndef CARRIERSIM_REPORTS_COMPARE_CHARTS_H_
#define CARRIERSIM_REPORTS_COMPARE_CHARTS_H_

#include <string>

#include "simulator/compare/comparison.h"

namespace carriersim {

// With a sweep: per value of the second axis, the difference from the baseline with the
// break-evens marked, the total cost, and the fees by category with the variants side by side,
// against the first axis. Without: the difference per variant (with its 95 % interval when
// replicated) and the fees by category per variant.
std::string CompareMoneyCharts(const Comparison& c);
// The operational figures per variant (reactivations, devices needing a power cycle, forced
// reactivations, attach attempts, radio time per device): against the first axis, or as bars
// with their 95 % interval without a sweep; those zero in every run named, not drawn.
std::string CompareFigureCharts(const Comparison& c);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_COMPARE_CHARTS_H_
