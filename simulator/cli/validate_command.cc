#include "simulator/base/units.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

constexpr const char* kValidateHelp = R"(usage: carriersim validate FILE...

Checks scenario files (and the carrier profiles they use) without running them. Every error of
a file is reported, each as FILE:LINE:COLUMN: error: message.

exit codes: 0 all valid, 3 a file is invalid, 4 a file cannot be read (takes precedence),
            2 usage error
)";

std::string Plural(int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

int ValidateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, {}, &parsed, &error)) {
    err << "carriersim validate: " << error << "\n" << kValidateHelp;
    return kExitUsage;
  }
  if (parsed.help) {
    out << kValidateHelp;
    return kExitOk;
  }
  if (parsed.positional.empty()) {
    err << "carriersim validate: no scenario file given\n" << kValidateHelp;
    return kExitUsage;
  }
  bool invalid = false, unreadable = false;
  for (const std::string& file : parsed.positional) {
    Diagnostics diag;
    const LoadResult loaded = LoadScenarioFile(file, diag);
    if (!loaded.scenario) {
      err << diag.ToText();
      (loaded.io_error ? unreadable : invalid) = true;
      continue;
    }
    const Scenario& s = *loaded.scenario;
    out << file << ": ok: " << Plural(static_cast<int64_t>(s.carriers.size()), "carrier") << ", "
        << Plural(static_cast<int64_t>(s.devices.size()), "device profile") << ", "
        << Plural(static_cast<int64_t>(s.groups.size()), "group") << " ("
        << Plural(s.sim_count, "SIM") << "), "
        << Plural(static_cast<int64_t>(s.timeline.size()), "timeline action") << ", "
        << FormatDuration(s.duration) << "\n";
  }
  if (unreadable) return kExitIoError;
  return invalid ? kExitInvalidScenario : kExitOk;
}

}  // namespace carriersim
