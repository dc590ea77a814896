#include <algorithm>
#include <chrono>
#include <filesystem>

#include "reports/console_summary.h"
#include "reports/csv_reports.h"
#include "reports/html_report.h"
#include "reports/junit.h"
#include "reports/timeseries_csv.h"
#include "reports/trace.h"
#include "reports/output_files.h"
#include "reports/summary_json.h"
#include "simulator/cli/args.h"
#include "simulator/cli/progress.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/scenario/scenario_loader.h"
#include "simulator/results/pipeline.h"

namespace carriersim {
namespace {

constexpr const char* kRunHelp =
    R"(usage: carriersim run FILE [--seed N] [--out DIR] [--no-progress] [--trace]

Simulates the scenario in FILE and writes its reports.

options:
  --seed N       seed for this run, overriding the scenario's (0 .. 2^63-1)
  --out DIR      output folder (default: out/<scenario name>/), created if missing
  --no-progress  no progress line (it shows only on a terminal, and not when CI is set)
  --trace        also write events.jsonl: every event of the run, in order
  -h, --help     this help

reports written to the output folder:
  summary.json   totals: SIMs per final status, signaling, usage, fees and monthly
                 invoices, status changes, timeline outcomes (and refusals), per group
  ledger.csv     every fee line, with a description a person can read
  history.csv    every subscriber status change and its cause
  sessions.csv   every data session: opened, closed, data, why it ended
  sims.csv       one row per SIM: status, session, renewal tracking date, usage, fees
  junit.xml      the scenario's expectations as JUnit test cases, for CI
  timeseries.csv the run at a fixed interval: SIMs per status, online, signaling, data, fees
  report.html    the run at a glance, one self-contained file with charts
  events.jsonl   with --trace: every event, in order

The same scenario and seed always give byte-identical reports.

exit codes: 0 ok, 1 an expectation failed, 2 usage error, 3 invalid scenario, 4 I/O error
            (missing file, unwritable output folder), 70 internal error
)";

const std::vector<OptionSpec> kRunOptions = {
    {"seed", true}, {"out", true}, {"no-progress", false}, {"trace", false}};

const std::vector<std::string> kReportFiles = {"summary.json", "ledger.csv",   "history.csv",
                                               "sessions.csv", "sims.csv",     "junit.xml",
                                               "timeseries.csv", "report.html",
                                               "events.jsonl"};

// Every report but the trace, each written atomically into `out_dir`.
bool WriteReports(const RunResult& run, const std::string& out_dir, std::string* error) {
  const std::filesystem::path dir(out_dir);
  return WriteFileAtomically((dir / "summary.json").string(), BuildSummary(run).dump(2) + "\n",
                             error) &&
         WriteCsvReport(
             dir / "ledger.csv", [&](CsvWriter& csv) { WriteLedgerCsv(run, csv); }, error) &&
         WriteCsvReport(
             dir / "history.csv", [&](CsvWriter& csv) { WriteHistoryCsv(run, csv); }, error) &&
         WriteCsvReport(
             dir / "timeseries.csv", [&](CsvWriter& csv) { WriteTimeseriesCsv(run, csv); },
             error) &&
         WriteCsvReport(
             dir / "sessions.csv", [&](CsvWriter& csv) { WriteSessionsCsv(run, csv); }, error) &&
         WriteCsvReport(
             dir / "sims.csv", [&](CsvWriter& csv) { WriteSimsCsv(run, csv); }, error) &&
         WriteFileAtomically((dir / "junit.xml").string(), JunitXml(run), error) &&
         WriteFileAtomically((dir / "report.html").string(), HtmlReport(run), error);
}

}  // namespace

const std::vector<OptionSpec>& RunOptionSpecs() { return kRunOptions; }

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, kRunOptions, &parsed, &error)) return UsageError(err, "run", error);
  if (parsed.help) {
    out << kRunHelp;
    return kExitOk;
  }
  if (parsed.positional.size() != 1) {
    const std::string count = std::to_string(parsed.positional.size());
    return UsageError(err, "run", "expected one scenario file, got " + count);
  }
  long long seed_override = -1;
  if (auto seed = parsed.Get("seed")) {
    if (!ParseIntOption("seed", *seed, 0, INT64_MAX, &seed_override, &error)) {
      return UsageError(err, "run", error);
    }
  }

  if (auto out = parsed.Get("out"); out && out->empty()) {
    return UsageError(err, "run", "--out needs a folder");
  }

  Diagnostics diag;
  const LoadResult loaded = LoadScenarioFile(parsed.positional[0], diag);
  if (!loaded.scenario) {
    err << diag.ToText();
    return loaded.io_error ? kExitIoError : kExitInvalidScenario;
  }
  const Scenario& scenario = *loaded.scenario;
  const uint64_t seed = seed_override >= 0 ? static_cast<uint64_t>(seed_override) : scenario.seed;
  const std::string out_dir =
      parsed.Get("out").value_or((std::filesystem::path("out") / scenario.name).string());
  if (!PrepareOutputDir(out_dir, &error)) {
    err << "carriersim run: " << error << "\n";
    return kExitIoError;
  }
  RemoveReports(out_dir, kReportFiles);

  const auto started = std::chrono::steady_clock::now();  // for the console only
  RunOptions options;
  options.seed = seed;
  std::optional<ProgressLine> progress;
  if (!parsed.Has("no-progress") && ProgressWanted()) {
    progress.emplace(scenario.start, scenario.duration, stderr);
    options.progress = [&](SimTime now, uint64_t events) { progress->Update(now, events); };
  }
  // --trace: every event, in order, one JSON object a line.
  AtomicFile trace_file;
  std::string trace_line;
  if (parsed.Has("trace")) {
    if (!trace_file.Open((std::filesystem::path(out_dir) / "events.jsonl").string(), &error)) {
      err << "carriersim run: " << error << "\n";
      return kExitIoError;
    }
    options.trace = [&](const TraceRecord& r) {
      trace_line.clear();
      AppendTraceLine(trace_line, r);
      trace_file.Write(trace_line);
    };
  }
  const RunResult run = RunScenario(scenario, options);
  if (progress) progress->Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (!WriteReports(run, out_dir, &error) ||
      (parsed.Has("trace") && !trace_file.Commit(&error))) {
    err << "carriersim run: " << error << "\n";
    return kExitIoError;
  }
  out << FormatConsoleSummary(run);
  char timing[128];
  std::snprintf(timing, sizeof timing, "  %-12s%llu events in %.3f s\n", "run",
                static_cast<unsigned long long>(run.events()), seconds);
  out << timing << "  reports     " << out_dir
      << "/ (summary.json, ledger.csv, history.csv, sessions.csv, sims.csv, junit.xml, timeseries.csv, report.html)\n";
  return run.expectation_failures() > 0 ? kExitExpectationsFailed : kExitOk;
}

}  // namespace carriersim
