// The CSV reports of a run: every fee line, every status change, every data session, and one
// row per SIM. Columns
// carry their units in their names (`amount_usd`, `uplink_bytes`); times are UTC ISO 8601.
#ifndef CARRIERSIM_REPORTS_CSV_REPORTS_H_
#define CARRIERSIM_REPORTS_CSV_REPORTS_H_

#include <string>

#include "reports/csv.h"
#include "reports/fees.h"
#include "simulator/world/world.h"

namespace carriersim {

void WriteLedgerCsv(const World& world, CsvWriter& out);
void WriteHistoryCsv(const World& world, CsvWriter& out);
void WriteSessionsCsv(const World& world, CsvWriter& out);
void WriteSimsCsv(const World& world, const FeeSummary& fees, CsvWriter& out);

// The same reports as strings, for tests and small runs.
std::string LedgerCsv(const World& world);
std::string HistoryCsv(const World& world);
std::string SessionsCsv(const World& world);
std::string SimsCsv(const World& world, const FeeSummary& fees);

// "fees_usd": a column of amounts in the scenario's currency.
std::string AmountColumn(const World& world, std::string_view what);

// "trackers#3": a SIM by its group and its index in the group.
std::string SimName(const World& world, uint32_t sim);
void AppendSimName(std::string& out, const World& world, uint32_t sim);

// Whether a SIM still shows in the carrier's listing at the end: not final, or final for less
// than the status's retention period (SOR-8).
bool ListedAtEnd(const World& world, uint32_t sim);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CSV_REPORTS_H_
