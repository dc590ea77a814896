#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <sstream>
#include <thread>

#include "reports/console_summary.h"
#include "reports/junit.h"
#include "reports/output_files.h"
#include "reports/output_folder.h"
#include "reports/report_set.h"
#include "reports/trace.h"
#include "simulator/base/no_progress.h"
#include "simulator/base/spill_file.h"
#include "simulator/base/units.h"
#include "simulator/billing/ledger.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/cli/memory_limit.h"
#include "simulator/cli/progress.h"
#include "simulator/cli/run_ranks.h"
#include "simulator/live/journal.h"
#include "simulator/results/pipeline.h"
#include "simulator/results/session.h"
#include "simulator/scenario/family.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

constexpr const char* kRunHelp =
    R"(usage: carriersim run FILE [--seed N] [--out DIR] [--no-progress] [--trace]
                          [--threads N] [--max-memory SIZE|N%] [--record-memory SIZE]
                          [--replay requests.jsonl]
                          [--variant NAME] [--set PARAM=VALUE[,PARAM=VALUE]]

Simulates the scenario in FILE and writes its reports. A scenario with parameters and variants
(see `carriersim compare`) runs with its parameters' own values, in its first variant, unless
--variant and --set choose otherwise.

options:
  --seed N       seed for this run, overriding the scenario's (0 .. 2^63-1)
  --out DIR      output folder (default: out/<scenario name>/); its parent is created if missing
  --no-progress  no progress line (it shows only on a terminal, and not when CI is set)
  --trace        also write events.jsonl: every event of the run, in order
  --threads N    run on N threads (1 .. 1024; default: the cores it may use). The fleet is cut
                 into shards of SIMs, a thread each; the SIMs of a cell with a capacity stay in
                 one shard, so a fleet with few such cells may run on fewer threads (it says
                 so). The reports are the same bytes for any N
  --max-memory SIZE|N%
                 refuse, before simulating, a scenario whose run is estimated to need more
                 memory than this: a size (16GB) or a share of the machine's physical memory
                 (default 75%). The error gives the estimate and what drives it (SIMs, status
                 changes and fee lines the timeline and duration make, the timeseries)
  --record-memory SIZE
                 the memory each record of the run (fee ledger, status history, data sessions)
                 keeps (default 16MB, shared by the threads); past it, records go to a file in
                 the output folder, which is gone when the run ends. The reports are the same
                 bytes for any size
  --variant NAME run this variant of the scenario's `variants:`
  --set PARAM=VALUE[,PARAM=VALUE]
                 run with these values of the scenario's `parameters:` (each of the parameter's
                 kind: --set 'idle=7 months,plan=plan-US')
  --replay FILE  play back the journal of a live session (`carriersim serve` writes it to
                 requests.jsonl in its output folder): its requests act at their times and the
                 run ends where the session ended, so the reports are the session's, byte for
                 byte; on one thread. Errors in the journal are reported as FILE:LINE (exit 3)
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

The output folder is replaced as a whole, in one step, once every report is written. Until then,
and if the run fails, it holds only a junit.xml with one failed test case that says why. A
second run into a folder in use fails at once. The same scenario and seed always give
byte-identical reports.

exit codes: 0 ok, 1 an expectation failed, 2 usage error, 3 invalid scenario (or one that
            would need more memory than --max-memory), 4 I/O error (missing file, output
            folder unwritable or in use, records past --record-memory that cannot be written
            to it), 5 the run stopped before its end, without reports: a SIM's events looped
            at one simulated instant (more than 1,000,000 in a row), or its fees passed what
            the reports can count; the error names the SIM and the time, 70 internal error
)";

const std::vector<OptionSpec> kRunOptions = {
    {"seed", true},        {"out", true},        {"no-progress", false},
    {"trace", false},      {"max-memory", true}, {"record-memory", true},
    {"replay", true},      {"variant", true},    {"set", true},
    {"threads", true}};

// What the folder says while a run is under way: the message of a run killed before the end.
constexpr const char* kUnfinished =
    "the run did not finish: it was interrupted, or it is still running";

// Parses run's command line; an exit code if it is wrong or asks for help.
std::optional<int> ParseRunRequest(const std::vector<std::string>& args, std::ostream& out,
                                   std::ostream& err, RunRequest* request) {
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
  if (auto seed = parsed.Get("seed")) {
    long long value = 0;
    if (!ParseIntOption("seed", *seed, 0, INT64_MAX, &value, &error)) {
      return UsageError(err, "run", error);
    }
    request->seed = static_cast<uint64_t>(value);
  }
  if (auto dir = parsed.Get("out"); dir && dir->empty()) {
    return UsageError(err, "run", "--out needs a folder");
  }
  request->threads = UsableCores();
  if (auto threads = parsed.Get("threads")) {
    long long value = 0;
    if (!ParseIntOption("threads", *threads, 1, 1024, &value, &error)) {
      return UsageError(err, "run", error);
    }
    if (parsed.Has("replay") && value > 1) {
      return UsageError(err, "run", "--replay plays a session back on one thread: drop --threads");
    }
    request->threads = static_cast<uint32_t>(value);
  }
  if (!ReadMemoryLimit(parsed.Get("max-memory"), &request->memory_limit, &error)) {
    return UsageError(err, "run", error);
  }
  if (auto size = parsed.Get("record-memory")) {
    int64_t bytes = 0;
    std::string why;
    if (!ParseDataSize(*size, &bytes, &why) || bytes <= 0) {
      return UsageError(err, "run", "--record-memory: '" + *size + "' is not a size such as 64MB" +
                                        (why.empty() ? "" : " (" + why + ")"));
    }
    request->record_memory = static_cast<uint64_t>(bytes);
  }
  request->scenario_file = parsed.positional[0];
  request->out_dir = parsed.Get("out");
  request->trace = parsed.Has("trace");
  request->replay = parsed.Get("replay");
  if (request->replay && request->replay->empty()) {
    return UsageError(err, "run", "--replay needs a journal file (requests.jsonl)");
  }
  request->progress = !parsed.Has("no-progress") && ProgressWanted();
  request->variant = parsed.Get("variant").value_or("");
  if (parsed.Has("variant") && request->variant.empty()) {
    return UsageError(err, "run", "--variant needs a variant's name");
  }
  if (auto sets = parsed.Get("set")) {
    for (size_t start = 0, comma; start <= sets->size(); start = comma + 1) {
      comma = std::min(sets->find(',', start), sets->size());
      request->sets.push_back(sets->substr(start, comma - start));
    }
  }
  return std::nullopt;
}

std::string DefaultOutputDir(const std::string& scenario_name) {
  return (std::filesystem::path("out") / scenario_name).string();
}

// The name a scenario file gives itself on a plain top-level `name:` line, if it does: where the
// reports of a scenario that does not load went, when --out is not given. Read line by line, not
// parsed, as the file may be anything; a name that is not a valid one is no name.
std::optional<std::string> DeclaredScenarioName(const std::string& file) {
  std::string text, error;
  if (!ReadFile(file, &text, &error)) return std::nullopt;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("name:", 0) != 0) continue;
    std::string name = line.substr(5);
    name.resize(std::min(name.find('#'), name.size()));  // no name holds a '#'
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t\r") + 1);
    const auto name_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    };
    if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0])) ||
        !std::all_of(name.begin(), name.end(), name_char)) {
      return std::nullopt;
    }
    return name;
  }
  return std::nullopt;
}

// Replaces the output folder with one holding only a junit.xml whose one test case failed with
// `message`, so that a CI publishing it shows red rather than an earlier run's results.
bool PublishFailure(OutputFolder& folder, const std::string& suite, const std::string& file,
                    const std::string& message, std::string* error) {
  StagingFolder staging;
  uint64_t unlimited = UINT64_MAX;
  return folder.Stage(&staging, error) &&
         WriteReportFile(staging, "junit.xml", FailedRunJunitXml(suite, file, message),
                         &unlimited, error) &&
         folder.Publish(&staging, error);
}

// A scenario that does not load: its diagnostics, and its output folder, if one is known, says
// so in its junit.xml. The diagnostics name the file as typed on the console, by its name alone
// in the report (see ScenarioFileName).
int FailLoad(const RunRequest& request, const LoadResult& loaded, const Diagnostics& diag,
             std::ostream& err) {
  err << diag.ToText();
  const int code = loaded.io_error ? kExitIoError : kExitInvalidScenario;
  const std::optional<std::string> name = DeclaredScenarioName(request.scenario_file);
  std::optional<std::string> out_dir = request.out_dir;
  if (!out_dir && name) out_dir = DefaultOutputDir(*name);
  if (!out_dir) return code;  // no folder is known to hold this scenario's reports
  std::string message;
  for (Diagnostic d : diag.Sorted()) {
    if (d.where.file == request.scenario_file) d.where.file = ScenarioFileName(d.where.file);
    message += FormatDiagnostic(d) + "\n";
  }
  const std::string suite =
      name.value_or(std::filesystem::path(request.scenario_file).stem().string());
  OutputFolder folder;
  std::string error;
  if (!folder.Open(*out_dir, &error) ||
      !PublishFailure(folder, suite, request.scenario_file, message, &error)) {
    err << "carriersim run: the reports in '" << *out_dir << "' were not replaced: " << error
        << "\n";
  }
  return code;
}

// Runs the scenario, streaming the trace (with --trace) into `staging`, where its records go too
// past --record-memory.
std::optional<RunResult> Simulate(Scenario& scenario, const RunRequest& request,
                                  const ReplayScript* replay, const StagingFolder& staging,
                                  const ReportWriteOptions& write_options,
                                  const Processes& processes, uint64_t* bytes_left,
                                  std::ostream& err, std::string* error) {
  RunOptions options;
  options.seed = request.seed.value_or(scenario.seed);
  options.spill.memory = request.record_memory;
  options.spill.folder_fd = staging.fd();
  options.spill.folder = staging.path();
  options.spill.fail_after_bytes = write_options.spill_fail_after_bytes;
  options.spill_when_finished = true;  // the reports read the records in passes
  options.threads = request.threads;
  options.ranks = &processes;
  options.notice = [&err](const std::string& why) { err << "carriersim run: " << why << "\n"; };
  std::optional<ProgressLine> progress;
  if (request.progress) {
    progress.emplace(scenario.start, scenario.duration, stderr);
    options.progress = [&](SimTime now, uint64_t events) { progress->Update(now, events); };
  }
  ReportFile trace_file;
  std::string trace_line;
  if (request.trace) {
    if (!trace_file.Open(staging, "events.jsonl", bytes_left, error)) return std::nullopt;
    options.trace = [&](const TraceRecord& r) {
      trace_line.clear();
      AppendTraceLine(trace_line, r);
      trace_file.Write(trace_line);
    };
  }
  std::optional<RunResult> run =
      replay != nullptr ? Replay(scenario, replay->requests, replay->end, options)
                        : RunScenarioOnRanks(scenario, options);
  if (progress) progress->Finish();
  if (request.trace && !trace_file.Close(error)) return std::nullopt;
  return run;
}

void PrintOutcome(const RunResult& run, double seconds, const std::string& out_dir,
                  std::ostream& out) {
  out << FormatConsoleSummary(run);
  char timing[128];
  std::snprintf(timing, sizeof timing, "  %-12s%llu events in %.3f s\n", "run",
                static_cast<unsigned long long>(run.events()), seconds);
  out << timing << "  reports     " << out_dir
      << "/ (summary.json, ledger.csv, history.csv, sessions.csv, sims.csv, junit.xml, "
         "timeseries.csv, report.html)\n";
}

// Runs the scenario into `staging` and swaps it into place: the exit code.
int SimulateInto(OutputFolder& folder, StagingFolder* staging, Scenario& scenario,
                 const RunRequest& request, const ReplayScript* replay,
                 const ReportWriteOptions& write_options, const Processes& processes,
                 std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();  // for the console only
  uint64_t bytes_left = write_options.fail_after_bytes;
  std::string error;
  const std::optional<RunResult> run =
      Simulate(scenario, request, replay, *staging, write_options, processes, &bytes_left, err,
               &error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!run || !WriteReports(*run, *staging, &bytes_left, &error) ||
      !folder.Publish(staging, &error)) {
    err << "carriersim run: " << error << "\n";
    staging->Discard();  // frees the space first: the disk may be full
    std::string ignored;  // if this fails too, the folder still says the run did not finish
    PublishFailure(folder, scenario.name, scenario.file, "writing the reports failed: " + error,
                   &ignored);
    return kExitIoError;
  }
  PrintOutcome(*run, seconds, request.out_dir.value_or(DefaultOutputDir(scenario.name)), out);
  return run->expectation_failures() > 0 ? kExitExpectationsFailed : kExitOk;
}

// A run the scenario stopped (a loop at one instant, fees past int64): the error, and a failing
// junit.xml in place of the reports.
int StopRun(OutputFolder& folder, StagingFolder* staging, const Scenario& scenario,
            const std::string& why, std::ostream& err) {
  err << scenario.file << ": error: " << why << "\n";
  staging->Discard();
  std::string ignored;  // if this fails too, the folder still says the run did not finish
  PublishFailure(folder, scenario.name, scenario.file, "the run stopped: " + why, &ignored);
  return kExitRunStopped;
}

// A spill file that could not be created, written or read (a full disk): no report, exit 4.
int SpillFailed(OutputFolder& folder, StagingFolder* staging, const Scenario& scenario,
                const std::string& why, std::ostream& err) {
  err << "carriersim run: " << why << "\n";
  staging->Discard();  // frees the space first: the disk may be full
  std::string ignored;  // if this fails too, the folder still says the run did not finish
  PublishFailure(folder, scenario.name, scenario.file,
                 "the run's records could not be kept on disk: " + why, &ignored);
  return kExitIoError;
}

}  // namespace

const std::vector<OptionSpec>& RunOptionSpecs() { return kRunOptions; }

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return RunCommand(args, out, err, ReportWriteOptions{}, Processes{});
}

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const ReportWriteOptions& write_options, const Processes& processes) {
  RunRequest request;
  if (const std::optional<int> code = ParseRunRequest(args, out, err, &request)) return *code;
  const bool ranks = processes.ranks > 1;
  if (ranks && (request.trace || request.replay)) {
    return UsageError(err, "run",
                      std::string(request.trace ? "--trace" : "--replay") +
                          " runs in one process: run it without mpirun");
  }
  if (ranks && processes.rank != 0) return RunAsOtherRank(request, processes);
  // Over ranks, every way out before the run is agreed with the others (run_ranks.h).
  RunFacts rank0;
  const auto stop = [&](int code, const Scenario* scenario = nullptr) {
    return ranks ? StartTogether(processes, FactsOf(request, scenario, code), &rank0, err) : code;
  };
  Diagnostics diag;
  std::string usage;
  LoadResult loaded = LoadRequested(request, diag, &usage);
  if (!usage.empty()) return stop(UsageError(err, "run", usage));
  if (!loaded.scenario) return stop(FailLoad(request, loaded, diag, err));
  Scenario& scenario = *loaded.scenario;
  std::optional<ReplayScript> replay;
  if (request.replay) {
    std::string text, error;
    if (!ReadFile(*request.replay, &text, &error)) {
      diag.Error({*request.replay, 0, 0}, error);
      LoadResult unreadable;
      unreadable.io_error = true;
      return FailLoad(request, unreadable, diag, err);
    }
    replay = ReadJournal(*request.replay, text, scenario, diag);
    if (!replay) return FailLoad(request, LoadResult{}, diag, err);
  }
  // Refused before anything of the run is allocated, as an invalid scenario is. Over ranks, each
  // holds a share of the fleet that the estimate of one process does not know of.
  if (std::string refusal =
          ranks ? "" : MemoryRefusalFor(scenario, request.memory_limit, request.record_memory,
                                        request.threads);
      !refusal.empty()) {
    diag.Error({request.scenario_file, 0, 0}, std::move(refusal));
    return FailLoad(request, LoadResult{}, diag, err);
  }
  const std::string out_dir = request.out_dir.value_or(DefaultOutputDir(scenario.name));

  // Until the reports are in place, the folder holds a failing junit.xml: a run killed from here
  // on leaves that, not the previous run's reports nor a part of its own.
  OutputFolder folder;
  StagingFolder staging;
  std::string error;
  if (!folder.Open(out_dir, &error) ||
      !PublishFailure(folder, scenario.name, scenario.file, kUnfinished, &error) ||
      !folder.Stage(&staging, &error)) {
    err << "carriersim run: " << error << "\n";
    return stop(kExitIoError);
  }
  if (const int code = stop(kExitOk, &scenario)) {
    staging.Discard();
    PublishFailure(folder, scenario.name, scenario.file,
                   "a rank of the MPI job could not start the run", &error);
    return code;
  }
  try {
    return SimulateInto(folder, &staging, scenario, request, replay ? &*replay : nullptr,
                        write_options, processes, out, err);
  } catch (const NoProgressError& e) {
    return StopRun(folder, &staging, scenario, e.what(), err);
  } catch (const FeeOverflow& e) {
    return StopRun(folder, &staging, scenario, e.what(), err);
  } catch (const SpillError& e) {
    return SpillFailed(folder, &staging, scenario, e.what(), err);
  } catch (const std::exception& e) {  // RunCli reports it; the folder says so too
    staging.Discard();
    PublishFailure(folder, scenario.name, scenario.file,
                   std::string("internal error: ") + e.what(), &error);
    throw;
  }
}

}  // namespace carriersim
