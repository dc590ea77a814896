// The reports of `carriersim compare`: compare.csv, compare.json, compare.html and the console
// summary, all from one Comparison (simulator/compare/comparison.h). Byte-identical for the
// same family and seeds, whatever the number of workers.
#ifndef CARRIERSIM_REPORTS_COMPARE_REPORTS_H_
#define CARRIERSIM_REPORTS_COMPARE_REPORTS_H_

#include <string>

#include "simulator/compare/comparison.h"

namespace carriersim {

// One row per variant x sweep point: the sweep values, fees by category and in total (mean, and
// with replicates the standard deviation and 95 % interval), the difference from the baseline,
// and the operational figures.
std::string CompareCsv(const Comparison& c);
std::string CompareJson(const Comparison& c);
// The break-even points in words, the difference from the baseline with them marked, the total
// cost and the fees by category against the swept parameter (reports/compare_charts.h), the
// operational figures per variant, and the table of every point, for people: thousands
// separators, amounts to the cent, durations and radio time in their units.
std::string CompareHtml(const Comparison& c);
// The break-evens, a table of totals per variant, and the checks that failed.
std::string FormatCompareConsole(const Comparison& c);

// Shared by the compare reports: a figure's mean (or difference) as the reports print it.
std::string FormatFigureValue(Figure figure, double value);
// An amount in micro-units, rounded to the micro-unit: "12.50", "0.000005".
std::string FormatMicros(double micros);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_COMPARE_REPORTS_H_
