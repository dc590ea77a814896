#include <algorithm>
#include <thread>
#include <nlohmann/json.hpp>

#include "simulator/base/units.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/cli/memory_limit.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

constexpr const char* kValidateHelp =
    R"(usage: carriersim validate [--format text|json|github] [--max-memory SIZE|N%] FILE...

Checks scenario files (and the carrier profiles they use) without running them. A carrier
profile file (such as scenarios/carriers/kore.yaml) is checked on its own, as a profile. Every
error of a file is reported, up to 100, then a line that says how many there were.

options:
  --format F  how errors are reported:
              text    (default) FILE:LINE:COLUMN: error: message, on stderr
              json    one JSON document on stdout: {"files": [{"file", "kind" (scenario or
                      profile), "valid", "error_count", "errors": [{"file", "line", "column",
                      "message"}]}]}
              github  ::error file=F,line=L,col=C::message lines on stdout, which GitHub
                      Actions shows as annotations on the lines of the pull request
  --max-memory SIZE|N%
              a scenario whose run is estimated to need more memory than this is an error,
              as in `carriersim run` on all cores (default 75% of this machine's physical
              memory)
  -h, --help  this help

exit codes: 0 all valid, 2 usage error, 3 a file is invalid, 4 a file cannot be read (takes
            precedence over 3), 70 internal error
)";

const std::vector<OptionSpec> kValidateOptions = {{"format", true}, {"max-memory", true}};

// GitHub's workflow commands escape %, CR and LF in messages, and also : and , in properties.
std::string GithubEscape(const std::string& text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string GithubAnnotations(const std::string& file, const Diagnostics& diag) {
  std::string text;
  for (const Diagnostic& d : diag.Sorted()) {
    text += "::error file=" + GithubEscape(d.where.file, true);
    if (d.where.line > 0) {
      text += ",line=" + std::to_string(d.where.line) + ",col=" + std::to_string(d.where.column);
    }
    text += "::" + GithubEscape(d.message, false) + "\n";
  }
  if (const std::string more = diag.TooMany(); !more.empty()) {
    text += "::error file=" + GithubEscape(file, true) + "::" + GithubEscape(more, false) + "\n";
  }
  return text;
}

nlohmann::ordered_json ErrorsJson(const Diagnostics& diag) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diag.Sorted()) {
    list.push_back({{"file", d.where.file},
                    {"line", d.where.line},
                    {"column", d.where.column},
                    {"message", d.message}});
  }
  return list;
}

std::string Plural(int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The line for a valid file: what it holds, in brief.
std::string Summary(const LoadResult& loaded) {
  if (loaded.profile) {
    const CarrierProfile& p = *loaded.profile;
    const int64_t statuses = static_cast<int64_t>(p.statuses.size());
    return "carrier profile " + Quoted(p.name) + " (" + std::to_string(statuses) +
           (statuses == 1 ? " status, " : " statuses, ") +
           Plural(static_cast<int64_t>(p.verbs.size()), "verb") + ", " +
           Plural(static_cast<int64_t>(p.plans.size()), "plan") + ")";
  }
  const Scenario& s = *loaded.scenario;
  // The loader's copies of profiles for external firmware are not profiles the file wrote.
  const int64_t profiles = std::count_if(s.devices.begin(), s.devices.end(),
                                         [](const DeviceSpec& d) { return !d.external; });
  int64_t external = 0;
  for (const GroupSpec& g : s.groups) external += g.external ? g.count : 0;
  return Plural(static_cast<int64_t>(s.carriers.size()), "carrier") + ", " +
         Plural(profiles, "device profile") + ", " +
         Plural(static_cast<int64_t>(s.groups.size()), "group") + " (" +
         Plural(s.sim_count, "SIM") +
         (external > 0 ? ", " + std::to_string(external) + " with external firmware" : "") + "), " +
         Plural(static_cast<int64_t>(s.timeline.size()), "timeline action") + ", " +
         FormatDuration(s.duration);
}

}  // namespace

const std::vector<OptionSpec>& ValidateOptionSpecs() { return kValidateOptions; }

int ValidateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, kValidateOptions, &parsed, &error)) {
    return UsageError(err, "validate", error);
  }
  if (parsed.help) {
    out << kValidateHelp;
    return kExitOk;
  }
  if (parsed.positional.empty()) return UsageError(err, "validate", "no scenario file given");
  const std::string format = parsed.Get("format").value_or("text");
  if (format != "text" && format != "json" && format != "github") {
    return UsageError(err, "validate", "--format is text, json or github, not " + Quoted(format));
  }
  MemoryLimit memory_limit;
  if (!ReadMemoryLimit(parsed.Get("max-memory"), &memory_limit, &error)) {
    return UsageError(err, "validate", error);
  }
  bool invalid = false, unreadable = false;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const std::string& file : parsed.positional) {
    Diagnostics diag;
    LoadResult loaded = LoadScenarioOrProfileFile(file, diag);
    if (loaded.scenario) {
      // As `run` would run it by default: on every core.
      const std::string refusal =
          MemoryRefusalFor(*loaded.scenario, memory_limit, kDefaultSpillMemory,
                           UsableCores());
      if (!refusal.empty()) {
        diag.Error({file, 0, 0}, refusal);
        loaded.scenario.reset();
      }
    }
    const bool valid = loaded.scenario.has_value() || loaded.profile.has_value();
    if (!valid) (loaded.io_error ? unreadable : invalid) = true;
    if (format == "json") {
      files.push_back({{"file", file},
                       {"kind", loaded.is_profile ? "profile" : "scenario"},
                       {"valid", valid},
                       {"error_count", diag.count()},
                       {"errors", ErrorsJson(diag)}});
      continue;
    }
    if (format == "github") {
      out << (valid ? file + ": ok\n" : GithubAnnotations(file, diag));
      continue;
    }
    if (valid) {
      out << file << ": ok: " << Summary(loaded) << "\n";
    } else {
      err << diag.ToText();
    }
  }
  if (format == "json") out << nlohmann::ordered_json{{"files", files}}.dump(2) << "\n";
  if (unreadable) return kExitIoError;
  return invalid ? kExitInvalidScenario : kExitOk;
}

}  // namespace carriersim
