#include "reports/report_set.h"

#include "reports/csv_reports.h"
#include "reports/html_report.h"
#include "reports/junit.h"
#include "reports/output_files.h"
#include "reports/summary_json.h"
#include "reports/timeseries_csv.h"

namespace carriersim {

bool WriteReports(const RunResult& run, const StagingFolder& staging, uint64_t* bytes_left,
                  std::string* error) {
  const auto csv = [&](const char* name, void (*write)(const RunResult&, CsvWriter&)) {
    return WriteCsvReport(
        staging, name, [&](CsvWriter& w) { write(run, w); }, bytes_left, error);
  };
  // sims.csv last: its fees by category, summed per SIM from the ledger (RunResult::Sim), are
  // the most memory a report adds, and with ten million SIMs no other report's may come on top.
  return WriteReportFile(staging, "summary.json", BuildSummary(run).dump(2) + "\n", bytes_left,
                         error) &&
         csv("ledger.csv", WriteLedgerCsv) && csv("history.csv", WriteHistoryCsv) &&
         csv("timeseries.csv", WriteTimeseriesCsv) && csv("sessions.csv", WriteSessionsCsv) &&
         WriteReportFile(staging, "junit.xml", JunitXml(run), bytes_left, error) &&
         WriteReportFile(staging, "report.html", HtmlReport(run), bytes_left, error) &&
         csv("sims.csv", WriteSimsCsv);
}

}  // namespace carriersim
