// The subcommands of the carriersim binary. Each takes its arguments (after the subcommand name)
// and the streams to write to, and returns an exit code (exit_codes.h); tests call them directly.
#ifndef CARRIERSIM_CLI_COMMANDS_H_
#define CARRIERSIM_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "reports/output_files.h"
#include "simulator/cli/args.h"
#include "simulator/cli/processes.h"

namespace carriersim {

// The whole command line (without argv[0]): dispatches to a subcommand, handles --help and
// --version, and turns an unexpected exception into exit code 70.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same, as one of several processes (an MPI job): `compare` spreads its runs over them and
// `run` its shards; every other command is refused (exit 2) rather than run once per process.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const Processes& processes);

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// With the reports written as `write_options` say (a test's simulated full disk), as one of
// `processes` (run_ranks.h).
int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const ReportWriteOptions& write_options, const Processes& processes = {});
int ValidateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int BenchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int ProfilesCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int ServeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int CompareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const Processes& processes = {});

// The options each subcommand's parser knows; its --help and `carriersim --help` list each one.
const std::vector<OptionSpec>& RunOptionSpecs();
const std::vector<OptionSpec>& ValidateOptionSpecs();
const std::vector<OptionSpec>& BenchOptionSpecs();
const std::vector<OptionSpec>& ProfilesOptionSpecs();
const std::vector<OptionSpec>& ServeOptionSpecs();
const std::vector<OptionSpec>& CompareOptionSpecs();

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_COMMANDS_H_
