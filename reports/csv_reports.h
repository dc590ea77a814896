// The CSV reports of a run: every fee line, every status change, every data session, and one
// row per SIM. Columns carry their units in their names (`amount_usd`, `uplink_bytes`); times are
// UTC ISO 8601.
#ifndef CARRIERSIM_REPORTS_CSV_REPORTS_H_
#define CARRIERSIM_REPORTS_CSV_REPORTS_H_

#include <string>
#include <string_view>

#include "reports/csv.h"
#include "simulator/results/run_result.h"

namespace carriersim {

void WriteLedgerCsv(const RunResult& run, CsvWriter& out);
void WriteHistoryCsv(const RunResult& run, CsvWriter& out);
void WriteSessionsCsv(const RunResult& run, CsvWriter& out);
void WriteSimsCsv(const RunResult& run, CsvWriter& out);

// The same reports as strings, for tests and small runs.
std::string LedgerCsv(const RunResult& run);
std::string HistoryCsv(const RunResult& run);
std::string SessionsCsv(const RunResult& run);
std::string SimsCsv(const RunResult& run);

// "fees_usd": a column of amounts in the scenario's currency.
std::string AmountColumn(const Scenario& scenario, std::string_view what);

// Writes what `write` puts in a CsvWriter into a string.
std::string CsvToString(const std::function<void(CsvWriter&)>& write);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CSV_REPORTS_H_
