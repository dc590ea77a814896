#include "simulator/cli/args.h"

#include "simulator/base/diagnostics.h"
#include "simulator/base/units.h"
#include "simulator/cli/exit_codes.h"

namespace carriersim {

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

bool ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
               ParsedArgs* out, std::string* error) {
  std::vector<std::string> known;
  for (const OptionSpec& s : specs) known.push_back("--" + s.name);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      out->help = true;
      continue;
    }
    if (arg == "--") {
      out->positional.insert(out->positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      out->positional.push_back(arg);
      continue;
    }
    std::string name = arg.rfind("--", 0) == 0 ? arg.substr(2) : arg.substr(1);
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      *error = "unknown option " + Quoted(arg) + DidYouMean("--" + name, known);
      return false;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        *error = "option '--" + name + "' takes no value";
        return false;
      }
      out->options[name] = "";
      continue;
    }
    // One value each: `--seed 1 --seed 2` is a mistake (a script appending to a command line,
    // say), and taking either value silently would run something the user did not ask for.
    if (out->Has(name)) {
      *error = "option '--" + name + "' given twice";
      return false;
    }
    if (inline_value) {
      out->options[name] = *inline_value;
    } else if (i + 1 < args.size()) {
      out->options[name] = args[++i];
    } else {
      *error = "option '--" + name + "' needs a value";
      return false;
    }
  }
  return true;
}

bool ParseIntOption(const std::string& name, const std::string& text, long long min, long long max,
                    long long* out, std::string* error) {
  int64_t value = 0;
  std::string why;
  if (!ParseCount(text, &value, &why)) {
    *error = "--" + name + ": " + why;
    return false;
  }
  if (value < min || value > max) {
    *error = "--" + name + " must be between " + std::to_string(min) + " and " +
             std::to_string(max) + ", got " + text;
    return false;
  }
  *out = value;
  return true;
}

int UsageError(std::ostream& err, const std::string& command, const std::string& message,
               const std::string& help_of) {
  err << "carriersim " << command << ": " << message << "\nsee carriersim "
      << (help_of.empty() ? command : help_of) << " --help\n";
  return kExitUsage;
}

}  // namespace carriersim
