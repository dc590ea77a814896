#include <algorithm>
#include <exception>
#include <iterator>
#include <new>

#include "simulator/base/diagnostics.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"

namespace carriersim {
namespace {

constexpr const char* kUsage = R"(usage: carriersim <command> [arguments]

A simulator of an IoT cellular carrier and the devices on it.

commands:
  run FILE [--seed N] [--out DIR] [--threads N] [--no-progress] [--trace]
           [--max-memory SIZE|N%] [--record-memory SIZE] [--replay requests.jsonl] [--variant NAME]
           [--set PARAM=VALUE[,PARAM=VALUE]]
                                      simulate a scenario and write its reports
  serve FILE [--listen HOST:PORT] [--clock real|manual] [--speed X] [--out DIR]
             [--modem-port BASE] [--force-speed]
                                      emulate the scenario's carriers live, over HTTP,
                                      and its external firmware's modems over AT
  compare FILE [--jobs N] [--out DIR] [--no-progress]
                                      run every variant of a scenario at every sweep point
                                      and compare their costs: break-even points, CSV, HTML
  validate [--format text|json|github] [--max-memory SIZE|N%] FILE...
                                      check scenarios or carrier profiles, not running them
  profiles [NAME]                     list the built-in carriers, or show one
  bench phold --lps N --events E [--remote P] [--seed S] [--timers]
                                      measure the event engine (PHOLD benchmark)
  bench fleet [--workload NAME] [--devices N] [--threads T] [--record-memory SIZE]
                                      time whole-fleet workloads

options:
  -h, --help     help (also after any command: carriersim run --help)
  --version      print the version

exit codes: 0 ok, 1 expectations failed, 2 usage error, 3 invalid scenario,
            4 I/O error (missing file, output folder unwritable or in use, records that
            cannot be written to disk), 5 the run stopped
            (a SIM's events looped at one simulated instant, or fees passed what the reports
            can count), 70 internal error
The scenario format is documented in scenarios/README.md.
)";

constexpr std::string_view kCommands[] = {"run",   "validate", "profiles",
                                          "bench", "serve",    "compare"};

int Dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             const Processes& processes) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "-h" || command == "--help" || command == "help") {
    out << kUsage;
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    out << "carriersim " << CARRIERSIM_VERSION << "\n";
    return kExitOk;
  }
  if (command == "compare") return CompareCommand(rest, out, err, processes);
  if (command == "run" && processes.ranks > 1) {
    return RunCommand(rest, out, err, ReportWriteOptions{}, processes);
  }
  if (processes.ranks > 1 && std::find(std::begin(kCommands), std::end(kCommands), command) !=
                                 std::end(kCommands)) {
    err << "carriersim: " << command << " runs in one process; of the commands, only run and "
        << "compare spread their work over MPI ranks (started here as " << processes.ranks
        << " ranks: run it without mpirun, or with mpirun -np 1)\n";
    return kExitUsage;
  }
  if (command == "run") return RunCommand(rest, out, err);
  if (command == "validate") return ValidateCommand(rest, out, err);
  if (command == "bench") return BenchCommand(rest, out, err);
  if (command == "profiles") return ProfilesCommand(rest, out, err);
  if (command == "serve") return ServeCommand(rest, out, err);
  err << "carriersim: unknown command '" << command << "'" << DidYouMean(command, kCommands)
      << "\nsee carriersim --help\n";
  return kExitUsage;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return RunCli(args, out, err, Processes{});
}

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const Processes& processes) {
  try {
    return Dispatch(args, out, err, processes);
  } catch (const std::bad_alloc&) {
    err << "carriersim: out of memory (the scenario may be too large for this machine)\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "carriersim: internal error: " << e.what()
        << "\nThis is a bug in carriersim; please report it with the scenario that caused it.\n";
    return kExitInternal;
  }
}

}  // namespace carriersim
