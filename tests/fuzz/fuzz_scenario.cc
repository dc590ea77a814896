// libFuzzer harness: scenario text in, and when it validates, a capped run and every report made
// in memory, with the ledger's sums checked. Bad input must give diagnostics, never a crash, a
// hang or an exception (exit 70); a run must give reports whose money adds up. See README.md
// ("Fuzzing") for how to run it longer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "reports/console_summary.h"
#include "reports/csv_reports.h"
#include "reports/html_report.h"
#include "reports/junit.h"
#include "reports/summary_json.h"
#include "reports/timeseries_csv.h"
#include "simulator/base/int128.h"
#include "simulator/results/pipeline.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

// A run is capped so that one input costs milliseconds: small fleets and durations only, and
// the progress callback (every 65,536 events) stops a run that goes on past the cap.
constexpr int64_t kMaxSims = 2000;
constexpr SimTime kMaxDuration = 400 * kDay;
constexpr uint64_t kMaxEvents = 1 << 20;

struct RunCapped {};  // thrown from the progress callback; not an error

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_scenario: %s\n", what);
  std::abort();
}

// The ledger is the truth: every total a report shows is a sum of its lines.
void CheckMoney(const RunResult& run) {
  Int128 sum = 0;
  Int128 by_sim = 0;
  for (const FeeLine& line : run.ledger()) {
    Check(line.micros >= 0, "a ledger line is negative");
    sum += line.micros;
  }
  const Totals& totals = run.totals();
  Check(sum == Int128{totals.all.fees.total}, "the total is not the sum of the ledger lines");
  Int128 categories = 0;
  for (int64_t c : totals.all.fees.by_category) categories += c;
  Check(categories == sum, "the categories do not add up to the total");
  for (SimId sim = 0; sim < run.directory().size(); ++sim) by_sim += run.Sim(sim).fees;
  Check(by_sim == sum, "the SIMs' fees do not add up to the total");
  Int128 invoices = 0;
  for (const auto& [month, fees] : totals.invoices) invoices += fees.total;
  Check(invoices == sum, "the monthly invoices do not add up to the total");
}

// Every report, so that the sanitizers watch their code too; ledger.csv must be one row per
// ledger line under its header (a name or description that broke a row would show here).
void MakeEveryReport(const RunResult& run) {
  const std::string ledger = LedgerCsv(run);
  const size_t rows = static_cast<size_t>(std::count(ledger.begin(), ledger.end(), '\n'));
  Check(rows == run.ledger().size() + 1, "ledger.csv is not one row per ledger line");
  FormatConsoleSummary(run);
  HistoryCsv(run);
  SessionsCsv(run);
  SimsCsv(run);
  BuildSummary(run).dump();
  JunitXml(run);
  HtmlReport(run);
  CsvToString([&](CsvWriter& out) { WriteTimeseriesCsv(run, out); });
}

void FuzzOne(const std::string& text) {
  Diagnostics diag;
  // Named inside tests/bad_scenarios so that the seeds' relative `profile:` paths resolve.
  LoadResult loaded =
      LoadScenarioText(CARRIERSIM_SOURCE_DIR "/tests/bad_scenarios/fuzz-input.yaml", text, diag);
  if (!loaded.scenario) {
    Check(diag.has_errors() || loaded.io_error, "an invalid scenario gave no diagnostic");
    return;
  }
  const Scenario& scenario = *loaded.scenario;
  if (scenario.subscription_count > kMaxSims || scenario.duration > kMaxDuration) return;
  RunOptions options;
  options.progress = [](SimTime, uint64_t events) {
    if (events >= kMaxEvents) throw RunCapped{};
  };
  try {
    RunResult run = RunScenario(scenario, options);
    CheckMoney(run);
    MakeEveryReport(run);
  } catch (const RunCapped&) {
  }
}

}  // namespace
}  // namespace carriersim

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  carriersim::FuzzOne(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
