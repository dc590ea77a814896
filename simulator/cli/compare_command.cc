// carriersim compare: every variant of a scenario at every sweep point, on a pool of workers.
#include <chrono>
#include <cstdio>

#include "reports/compare_reports.h"
#include "reports/human_format.h"
#include "reports/output_files.h"
#include "reports/output_folder.h"
#include "simulator/base/no_progress.h"
#include "simulator/base/spill_file.h"
#include "simulator/billing/ledger.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/cli/memory_limit.h"
#include "simulator/cli/progress.h"
#include "simulator/compare/comparison.h"

namespace carriersim {
namespace {

constexpr const char* kCompareHelp =
    R"(usage: carriersim compare FILE [--jobs N] [--out DIR] [--no-progress]

Runs every variant of the scenario in FILE at every point of its sweep, each point as many times
as its `replicates:` say (replicate k of every variant draws the same random numbers), and
compares them with the first variant, the baseline. The scenario's `parameters:`, `variants:`,
`sweep:` and `replicates:` are described in scenarios/README.md, Comparing variants.

options:
  --jobs N       runs at once (default: the cores it may use); the reports are the same bytes
                 whatever N is. Started by mpirun (carriersim-mpi, built with
                 -DCARRIERSIM_MPI=ON), the runs are spread over the ranks, N at once in each,
                 and the first rank writes the same reports
  --out DIR      output folder (default: out/<scenario name>-compare/)
  --no-progress  no progress line (it shows only on a terminal, and not when CI is set)
  -h, --help     this help

reports written to the output folder:
  compare.csv    one row per variant x sweep point: fees by category and in total (with
                 replicates: standard deviation and 95 % confidence interval), the difference
                 from the baseline, reactivations, devices needing a power cycle, forced
                 reactivations, attach attempts, radio hours per device, status changes
  compare.json   the same, with the break-even points and the checks, for scripts
  compare.html   total cost against the swept parameter per variant, fees by category, the
                 break-even points in words

The console prints the break-even points ("standby is cheaper than active from idle = 1
month with plan = plan01s"), and any expectation that failed, with its run and line.

exit codes: 0 ok, 1 an expectation (of a run, or a break-even check) failed, 2 usage error,
            3 invalid scenario (any run of it), 4 I/O error, 5 a run stopped before its end,
            70 internal error
)";

const std::vector<OptionSpec> kCompareOptions = {
    {"jobs", true}, {"out", true}, {"no-progress", false}};

int DefaultJobs() { return static_cast<int>(UsableCores()); }

bool WriteAll(const Comparison& c, const std::string& dir, std::string* error) {
  OutputFolder folder;
  StagingFolder staging;
  uint64_t unlimited = UINT64_MAX;
  return folder.Open(dir, error) && folder.Stage(&staging, error) &&
         WriteReportFile(staging, "compare.csv", CompareCsv(c), &unlimited, error) &&
         WriteReportFile(staging, "compare.json", CompareJson(c), &unlimited, error) &&
         WriteReportFile(staging, "compare.html", CompareHtml(c), &unlimited, error) &&
         folder.Publish(&staging, error);
}

}  // namespace

const std::vector<OptionSpec>& CompareOptionSpecs() { return kCompareOptions; }

int CompareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const Processes& processes) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, kCompareOptions, &parsed, &error)) return UsageError(err, "compare", error);
  if (parsed.help) {
    out << kCompareHelp;
    return kExitOk;
  }
  if (parsed.positional.size() != 1) {
    return UsageError(
        err, "compare",
        "expected one scenario file, got " + std::to_string(parsed.positional.size()));
  }
  CompareOptions options;
  options.jobs = DefaultJobs();
  if (auto jobs = parsed.Get("jobs")) {
    long long n = 0;
    if (!ParseIntOption("jobs", *jobs, 1, 1024, &n, &error))
      return UsageError(err, "compare", error);
    options.jobs = static_cast<int>(n);
  }
  if (auto dir = parsed.Get("out"); dir && dir->empty()) {
    return UsageError(err, "compare", "--out needs a folder");
  }
  Diagnostics diag;
  const FamilyResult family = ReadScenarioFamily(parsed.positional[0], diag);
  if (!family.family) {
    err << diag.ToText();
    return family.io_error ? kExitIoError : kExitInvalidScenario;
  }
  options.rank = processes.rank;
  options.ranks = processes.ranks;
  options.all_gather = processes.all_gather;
  const bool progress = !parsed.Has("no-progress") && ProgressWanted() && processes.rank == 0;
  if (progress) {
    options.progress = [](size_t done, size_t total) {
      std::fprintf(stderr, "\r  %zu of %zu runs", done, total);
      if (done == total) std::fprintf(stderr, "\r%*s\r", 40, "");
      std::fflush(stderr);
    };
  }
  const auto started = std::chrono::steady_clock::now();  // for the console only
  std::optional<Comparison> comparison;
  try {
    comparison = RunComparison(*family.family, options, diag);
  } catch (const NoProgressError& e) {
    err << parsed.positional[0] << ": error: a run stopped: " << e.what() << "\n";
    return kExitRunStopped;
  } catch (const FeeOverflow& e) {
    err << parsed.positional[0] << ": error: a run stopped: " << e.what() << "\n";
    return kExitRunStopped;
  } catch (const SpillError& e) {  // a run's records past memory, in $TMPDIR
    err << "carriersim compare: " << e.what() << "\n";
    return kExitIoError;
  }
  if (!comparison) {
    err << diag.ToText();
    return kExitInvalidScenario;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string dir = parsed.Get("out").value_or("out/" + comparison->name + "-compare");
  // Every process holds the whole comparison; the first alone writes it.
  if (processes.rank == 0 && !WriteAll(*comparison, dir, &error)) {
    err << "carriersim compare: " << error << "\n";
    return kExitIoError;
  }
  out << FormatCompareConsole(*comparison);
  char timing[160];
  std::snprintf(timing, sizeof timing, "  %-12s%s events in %.3f s on %d worker%s%s\n", "runs",
                Thousands(static_cast<int64_t>(comparison->events)).c_str(), seconds, options.jobs,
                options.jobs == 1 ? "" : "s",
                processes.ranks > 1 ? (" in each of " + std::to_string(processes.ranks) +
                                       " processes").c_str()
                                    : "");
  out << timing << "  reports     " << dir << "/ (compare.csv, compare.json, compare.html)\n";
  return comparison->failed() > 0 ? kExitExpectationsFailed : kExitOk;
}

}  // namespace carriersim
