// A small command-line parser: positional arguments and --name VALUE / --name=VALUE options,
// each subcommand declaring the options it takes.
#ifndef CARRIERSIM_CLI_ARGS_H_
#define CARRIERSIM_CLI_ARGS_H_

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace carriersim {

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takes_value;
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // flags map to ""
  bool help = false;

  bool Has(const std::string& name) const { return options.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
};

// Parses args (without the program and subcommand names). On a usage error returns false and
// sets *error, naming the option and suggesting the closest known one. An option that takes a
// value may be given once; a flag may be repeated.
bool ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
               ParsedArgs* out, std::string* error);

// Parses a whole number option value in [min, max].
bool ParseIntOption(const std::string& name, const std::string& text, long long min, long long max,
                    long long* out, std::string* error);

// Prints a usage error, "carriersim COMMAND: message", and where the help is rather than the
// whole help, which would bury the one line that matters; returns the usage exit code. `help_of`
// is the command whose --help to see, when not COMMAND ("bench" for "bench phold").
int UsageError(std::ostream& err, const std::string& command, const std::string& message,
               const std::string& help_of = "");

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_ARGS_H_
