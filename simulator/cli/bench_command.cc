#include <algorithm>
#include <cstdio>

#include "simulator/base/spill_file.h"
#include "simulator/base/units.h"
#include "simulator/bench/fleet_bench.h"
#include "simulator/bench/phold.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/base/diagnostics.h"
#include "simulator/scenario/model.h"

namespace carriersim {
namespace {

constexpr const char* kBenchHelp =
    R"(usage: carriersim bench phold --lps N --events E [--remote P] [--seed S] [--timers]
       carriersim bench fleet [--workload NAME] [--devices N] [--threads T]
                              [--record-memory SIZE]

Benchmarks of carriersim itself; they print figures and never fail on them.

fleet   whole-fleet workloads through the real loader, world and engine, one line each:
        workload=NAME threads=T devices=N sim_days=D events=E seconds=S events_per_s=R ...
        idle-year  1M mostly idle SIMs for 365 days: daily reports, standby and back, a
                   suspend campaign; the full fee ledger
        outage     1M always-on devices, 2,000 per cell, 50 attaches/s per cell; every cell
                   down from 1h to 2h; reconnect times after it (back_p50_s, ...)
        duty-cycle 20 devices on a 5-h-in-6 duty cycle sending 10B..20B (drawn) a minute for
                   3,000 days against a 10 GB data threshold: re-arming timers stays cheap
  --workload NAME   one of them (default: all three)
  --devices N       fleet size (default: the workload's; cells keep 2,000 devices each)
  --threads T       threads to run on, as `run --threads` (default 1; the line says how many
                    the fleet could be cut into)
  --record-memory SIZE
                    the memory each record (fee ledger, status history, sessions) keeps
                    before the rest goes to a file in $TMPDIR (default 16MB); the line's
                    fee_lines_on_disk says how many lines went there

phold   the PHOLD engine benchmark: N logical processes with one event each in flight;
        every event schedules one new event 0.1 + Exp(mean 0.9) time units later, on a
        random LP with probability P (default 0.5), otherwise on the same LP.
  --lps N       logical processes (1 .. 100000000)
  --events E    events to handle (1 .. 10^12)
  --remote P    probability that an event goes to another LP: 0.5, 50%, ... (default 0.5)
  --seed S      random seed (default 1)
  --timers      the path the models use: each LP holds one timer; an event re-arms the target's
                timer (moving it if pending) and, when the target is another LP, its own

The last line is: events=... seconds=... events_per_s=... ns_per_event=...
tests/bench/compare_phold.sh runs the same workload on ns-3 and std::priority_queue.

exit codes: 0 ok, 2 usage error, 4 I/O error (records that cannot be written to $TMPDIR),
            70 internal error (a workload that does not load)
)";

const std::vector<OptionSpec> kBenchOptions = {
    {"lps", true},      {"events", true},  {"remote", true}, {"seed", true},
    {"workload", true}, {"devices", true}, {"timers", false}, {"record-memory", true},
    {"threads", true}};

int Phold(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) {
  PholdConfig config;
  std::string error;
  long long value = 0;
  if (!parsed.Has("lps") || !parsed.Has("events")) {
    return UsageError(err, "bench phold", "--lps and --events are required", "bench");
  }
  if (!ParseIntOption("lps", *parsed.Get("lps"), 1, 100'000'000, &value, &error)) {
    return UsageError(err, "bench phold", error, "bench");
  }
  config.lps = static_cast<uint32_t>(value);
  if (!ParseIntOption("events", *parsed.Get("events"), 1, 1'000'000'000'000LL, &value, &error)) {
    return UsageError(err, "bench phold", error, "bench");
  }
  config.events = static_cast<uint64_t>(value);
  if (auto remote = parsed.Get("remote")) {
    if (!ParseFraction(*remote, &config.remote, &error)) {
      return UsageError(err, "bench phold", "--remote: " + error, "bench");
    }
  }
  if (auto seed = parsed.Get("seed")) {
    if (!ParseIntOption("seed", *seed, 0, INT64_MAX, &value, &error)) {
      return UsageError(err, "bench phold", error, "bench");
    }
    config.seed = static_cast<uint64_t>(value);
  }
  config.timers = parsed.Has("timers");
  const PholdResult r = RunPhold(config);
  char line[256];
  std::snprintf(line, sizeof line,
                "phold%s lps=%u remote=%g seed=%llu checksum=%llu sim_end_units=%.3f\n",
                config.timers ? " timers" : "", config.lps, config.remote, static_cast<unsigned long long>(config.seed),
                static_cast<unsigned long long>(r.checksum),
                static_cast<double>(r.end_ticks) / kPholdTicksPerUnit);
  out << line;
  std::snprintf(line, sizeof line, "events=%llu seconds=%.3f events_per_s=%.0f ns_per_event=%.1f\n",
                static_cast<unsigned long long>(r.events), r.seconds,
                static_cast<double>(r.events) / r.seconds, r.seconds * 1e9 / r.events);
  out << line;
  return kExitOk;
}

int Fleet(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) {
  std::vector<std::string> names;
  for (const FleetWorkload& w : FleetWorkloads()) names.push_back(w.name);
  if (auto name = parsed.Get("workload")) {
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
      return UsageError(err, "bench fleet",
                        "unknown workload '" + *name + "'; workloads are " + QuotedList(names),
                        "bench");
    }
    names = {*name};
  }
  long long devices = 0;
  std::string error;
  if (auto n = parsed.Get("devices")) {
    if (!ParseIntOption("devices", *n, 1, kMaxSims, &devices, &error)) {
      return UsageError(err, "bench fleet", error, "bench");
    }
  }
  long long threads = 1;
  if (auto n = parsed.Get("threads")) {
    if (!ParseIntOption("threads", *n, 1, 1024, &threads, &error)) {
      return UsageError(err, "bench fleet", error, "bench");
    }
  }
  uint64_t record_memory = kDefaultSpillMemory;
  if (auto size = parsed.Get("record-memory")) {
    int64_t bytes = 0;
    if (!ParseDataSize(*size, &bytes, &error) || bytes <= 0) {
      return UsageError(err, "bench fleet",
                        "--record-memory: '" + *size + "' is not a size such as 64MB", "bench");
    }
    record_memory = static_cast<uint64_t>(bytes);
  }
  for (const std::string& name : names) {
    int64_t size = devices;
    for (const FleetWorkload& w : FleetWorkloads()) {
      if (w.name == name && size == 0) size = w.default_devices;
    }
    std::optional<FleetBenchResult> r;
    try {
      r = RunFleetBench(name, size, record_memory, static_cast<uint32_t>(threads), &error);
    } catch (const SpillError& e) {
      err << "carriersim bench fleet: " << e.what() << "\n";
      return kExitIoError;
    }
    if (!r) {
      err << "carriersim bench fleet: the " << name << " workload does not load:\n" << error;
      return kExitInternal;
    }
    char line[512];
    std::snprintf(line, sizeof line,
                  "workload=%s threads=%u devices=%lld sim_days=%g events=%llu seconds=%.3f "
                  "events_per_s=%.0f fee_lines=%llu fee_lines_on_disk=%llu status_changes=%llu "
                  "peak_rss_mb=%ld",
                  name.c_str(), r->threads, static_cast<long long>(r->devices), r->sim_days,
                  static_cast<unsigned long long>(r->events), r->seconds,
                  static_cast<double>(r->events) / r->seconds,
                  static_cast<unsigned long long>(r->fee_lines),
                  static_cast<unsigned long long>(r->fee_lines_on_disk),
                  static_cast<unsigned long long>(r->status_changes), r->peak_rss_mb);
    out << line;
    const auto seconds = [](const std::optional<double>& s) {
      char text[32];
      if (!s) return std::string("never");
      std::snprintf(text, sizeof text, "%.1f", *s);
      return std::string(text);
    };
    if (r->back_p50_s || r->back_p100_s) {
      out << " back_p50_s=" << seconds(r->back_p50_s) << " back_p95_s=" << seconds(r->back_p95_s)
          << " back_p100_s=" << seconds(r->back_p100_s);
    }
    out << std::endl;
  }
  return kExitOk;
}

}  // namespace

const std::vector<OptionSpec>& BenchOptionSpecs() { return kBenchOptions; }

int BenchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, kBenchOptions, &parsed, &error)) return UsageError(err, "bench", error);
  if (parsed.help) {
    out << kBenchHelp;
    return kExitOk;
  }
  if (parsed.positional.size() == 1 && parsed.positional[0] == "phold") {
    return Phold(parsed, out, err);
  }
  if (parsed.positional.size() == 1 && parsed.positional[0] == "fleet") {
    return Fleet(parsed, out, err);
  }
  return UsageError(err, "bench", "expected a benchmark name: phold or fleet");
}

}  // namespace carriersim
