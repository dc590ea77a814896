#include <cstdio>

#include "simulator/base/units.h"
#include "simulator/bench/phold.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"

namespace carriersim {
namespace {

constexpr const char* kBenchHelp =
    R"(usage: carriersim bench phold --lps N --events E [--remote P] [--seed S]

Benchmarks of carriersim itself; they print figures and never fail on them.

phold   the PHOLD engine benchmark: N logical processes with one event each in flight;
        every event schedules one new event 0.1 + Exp(mean 0.9) time units later, on a
        random LP with probability P (default 0.5), otherwise on the same LP.
  --lps N       logical processes (1 .. 100000000)
  --events E    events to handle (1 .. 10^12)
  --remote P    probability that an event goes to another LP: 0.5, 50%, ... (default 0.5)
  --seed S      random seed (default 1)

The last line is: events=... seconds=... events_per_s=... ns_per_event=...
tests/bench/compare_phold.sh runs the same workload on ns-3 and std::priority_queue.
)";

int Phold(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) {
  PholdConfig config;
  std::string error;
  long long value = 0;
  if (!parsed.Has("lps") || !parsed.Has("events")) {
    err << "carriersim bench phold: --lps and --events are required\n" << kBenchHelp;
    return kExitUsage;
  }
  if (!ParseIntOption("lps", *parsed.Get("lps"), 1, 100'000'000, &value, &error)) {
    err << "carriersim bench phold: " << error << "\n";
    return kExitUsage;
  }
  config.lps = static_cast<uint32_t>(value);
  if (!ParseIntOption("events", *parsed.Get("events"), 1, 1'000'000'000'000LL, &value, &error)) {
    err << "carriersim bench phold: " << error << "\n";
    return kExitUsage;
  }
  config.events = static_cast<uint64_t>(value);
  if (auto remote = parsed.Get("remote")) {
    if (!ParseFraction(*remote, &config.remote, &error)) {
      err << "carriersim bench phold: --remote: " << error << "\n";
      return kExitUsage;
    }
  }
  if (auto seed = parsed.Get("seed")) {
    if (!ParseIntOption("seed", *seed, 0, INT64_MAX, &value, &error)) {
      err << "carriersim bench phold: " << error << "\n";
      return kExitUsage;
    }
    config.seed = static_cast<uint64_t>(value);
  }
  const PholdResult r = RunPhold(config);
  char line[256];
  std::snprintf(line, sizeof line,
                "phold lps=%u remote=%g seed=%llu checksum=%llu sim_end_units=%.3f\n", config.lps,
                config.remote, static_cast<unsigned long long>(config.seed),
                static_cast<unsigned long long>(r.checksum),
                static_cast<double>(r.end_ticks) / kPholdTicksPerUnit);
  out << line;
  std::snprintf(line, sizeof line, "events=%llu seconds=%.3f events_per_s=%.0f ns_per_event=%.1f\n",
                static_cast<unsigned long long>(r.events), r.seconds,
                static_cast<double>(r.events) / r.seconds, r.seconds * 1e9 / r.events);
  out << line;
  return kExitOk;
}

}  // namespace

int BenchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, {{"lps", true}, {"events", true}, {"remote", true}, {"seed", true}}, &parsed,
                 &error)) {
    err << "carriersim bench: " << error << "\n" << kBenchHelp;
    return kExitUsage;
  }
  if (parsed.help) {
    out << kBenchHelp;
    return kExitOk;
  }
  if (parsed.positional.size() != 1 || parsed.positional[0] != "phold") {
    err << "carriersim bench: expected a benchmark name: phold\n" << kBenchHelp;
    return kExitUsage;
  }
  return Phold(parsed, out, err);
}

}  // namespace carriersim
