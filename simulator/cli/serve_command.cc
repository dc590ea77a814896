// carriersim serve: the live emulator (simulator/live/).
#include <filesystem>

#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/live/server.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

constexpr const char* kServeHelp =
    R"(usage: carriersim serve FILE [--listen HOST:PORT] [--clock real|manual] [--speed X]
                            [--out DIR] [--modem-port BASE] [--force-speed]

Runs the scenario in FILE as a live emulator: the carriers' HTTP APIs (Soracom-, KORE- and
Hologram-shaped, as each carrier profile's api.style says) answer a backend's requests on
simulated time, and every accepted request acts on the world as a timeline action would.
Credentials are the scenario's `live: users:`; the control API (/_carriersim/) has its own key.
It prints the base URLs and keys, then serves until Ctrl-C, SIGTERM or POST
/_carriersim/shutdown, and then writes the reports for the time reached.

options:
  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a free one, printed
                      on the "listening on" line). Keep it on loopback unless the machine is
                      yours alone: the APIs are test doubles, not hardened servers
  --clock real|manual real (default): simulated time runs at --speed times the wall clock;
                      manual: it moves only by POST /_carriersim/clock (for tests)
  --speed X           simulated seconds per wall second, real clock only (default 1)
  --out DIR           the output folder (default out/<scenario name>/): the reports,
                      requests.jsonl (the journal: `carriersim run FILE --replay` plays it back
                      into the same reports) and webhooks.csv; with virtual modems, DIR/modems/
                      holds a link GROUP-INDEX to each modem's pseudo-terminal while it serves
  --modem-port BASE   virtual modems (groups with `firmware: external`) on TCP ports BASE,
                      BASE+1, ... of the --listen host instead of pseudo-terminals
  --force-speed       let --speed differ from 1 with virtual modems: their firmware runs on
                      the wall clock, so its timers and the modem's would drift apart
  -h, --help          this help

exit codes: 0 ok, 2 usage error, 3 invalid scenario, 4 I/O error (the output folder in use or
            unwritable, or the address cannot be listened on), 70 internal error
)";

const std::vector<OptionSpec> kServeOptions = {
    {"listen", true}, {"clock", true},      {"speed", true},
    {"out", true},    {"modem-port", true}, {"force-speed", false}};

bool ParseListen(const std::string& text, ServeOptions* options, std::string* error) {
  const size_t colon = text.rfind(':');
  long long port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !ParseIntOption("listen", text.substr(colon + 1), 0, 65535, &port, error)) {
    if (error->empty()) *error = "--listen takes HOST:PORT, such as 127.0.0.1:8080";
    return false;
  }
  options->host = text.substr(0, colon);
  if (options->host.size() > 2 && options->host.front() == '[' && options->host.back() == ']') {
    options->host = options->host.substr(1, options->host.size() - 2);  // [::1]:8080
  }
  options->port = static_cast<uint16_t>(port);
  return true;
}

std::optional<int> ParseServe(const std::vector<std::string>& args, std::ostream& out,
                              std::ostream& err, ServeOptions* options, std::string* file) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, kServeOptions, &parsed, &error)) return UsageError(err, "serve", error);
  if (parsed.help) {
    out << kServeHelp;
    return kExitOk;
  }
  if (parsed.positional.size() != 1) {
    return UsageError(err, "serve", "expected one scenario file, got " +
                                        std::to_string(parsed.positional.size()));
  }
  *file = parsed.positional[0];
  if (auto listen = parsed.Get("listen"); listen && !ParseListen(*listen, options, &error)) {
    return UsageError(err, "serve", error);
  }
  if (auto clock = parsed.Get("clock")) {
    if (*clock != "real" && *clock != "manual") {
      return UsageError(err, "serve", "--clock is real or manual, not '" + *clock + "'");
    }
    options->clock = *clock == "manual" ? LiveClock::Mode::kManual : LiveClock::Mode::kReal;
  }
  if (auto speed = parsed.Get("speed")) {
    char* end = nullptr;
    options->speed = std::strtod(speed->c_str(), &end);
    if (speed->empty() || *end != '\0' || !(options->speed > 0) || options->speed > 1e9) {
      return UsageError(err, "serve", "--speed is a number above 0 (up to 1e9), not '" + *speed + "'");
    }
  }
  if (auto dir = parsed.Get("out"); dir && dir->empty()) {
    return UsageError(err, "serve", "--out needs a folder");
  }
  options->out_dir = parsed.Get("out").value_or("");
  if (auto base = parsed.Get("modem-port")) {
    long long port = 0;
    if (!ParseIntOption("modem-port", *base, 1, 65535, &port, &error)) {
      return UsageError(err, "serve", error);
    }
    options->modem_port = static_cast<uint16_t>(port);
  }
  options->force_speed = parsed.Has("force-speed");
  return std::nullopt;
}

// An external firmware lives on the wall clock (its own timers, its reading every minute) while
// the modem's timers (T3411, T3402, T3346) run on simulated time: at any speed but 1 the two
// drift apart, so a speed-up needs the user to say they mean it.
std::string SpeedRefusal(const Scenario& scenario, const ServeOptions& options) {
  if (options.clock != LiveClock::Mode::kReal || options.speed == 1 || options.force_speed) {
    return "";
  }
  for (const GroupSpec& group : scenario.groups) {
    if (!group.external) continue;
    return "group '" + group.name + "' has external firmware, which runs on the wall clock: "
           "--speed other than 1 would make its timers and the modem's drift apart (add "
           "--force-speed if that is what you want)";
  }
  return "";
}

}  // namespace

const std::vector<OptionSpec>& ServeOptionSpecs() { return kServeOptions; }

int ServeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ServeOptions options;
  std::string file;
  if (const std::optional<int> code = ParseServe(args, out, err, &options, &file)) return *code;
  Diagnostics diag;
  const LoadResult loaded = LoadScenarioFile(file, diag);
  if (!loaded.scenario) {
    err << diag.ToText();
    return loaded.io_error ? kExitIoError : kExitInvalidScenario;
  }
  if (options.out_dir.empty()) {
    options.out_dir = (std::filesystem::path("out") / loaded.scenario->name).string();
  }
  if (const std::string why = SpeedRefusal(*loaded.scenario, options); !why.empty()) {
    return UsageError(err, "serve", why);
  }
  return Serve(*loaded.scenario, options, out, err) == 0 ? kExitOk : kExitIoError;
}

}  // namespace carriersim
