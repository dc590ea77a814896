#include "simulator/bench/fleet_bench.h"

#include <sys/resource.h>

#include <chrono>

#include "simulator/base/diagnostics.h"
#include "simulator/results/pipeline.h"
#include "simulator/scenario/shard_plan.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

constexpr int64_t kDevicesPerCell = 2000;

// A cost-model fleet: 1M mostly idle SIMs for a year. Devices send one small report a day;
// everyone goes to standby for three months (devices off first, as Soracom advises) and comes
// back by attaching; a tenth is suspended for a month with devices left on, then reactivated
// and power-cycled.
constexpr const char* kIdleYear = R"(name: idle-year
start: 2026-01-01T00:00:00Z
duration: 365d
carriers:
  soracom: { profile: soracom }
devices:
  sensor:
    boot: 1s..30s
    traffic: { every: 1d, uplink: 2KB, downlink: 512B }
fleet:
  - { group: fleet, count: {MAIN}, carrier: soracom, plan: plan01s, device: sensor }
  - { group: campaign, count: {TENTH}, carrier: soracom, plan: plan01s, device: sensor }
timeline:
  - { at: 60d, power-off: { group: fleet } }
  - { at: 60d, power-off: { group: campaign } }
  - { at: 60d 1h, set-to-standby: { group: fleet } }
  - { at: 60d 1h, set-to-standby: { group: campaign } }
  - { at: 150d, power-on: { group: fleet } }
  - { at: 150d, power-on: { group: campaign } }
  - { at: 200d, suspend: { group: campaign } }
  - { at: 230d, activate: { group: campaign } }
  - { at: 230d 1h, power-cycle: { group: campaign } }
)";

// The issue's outage: always-on devices, 2,000 per cell, each cell admitting 50 attaches a
// second. Every cell is down from 1 h to 2 h; devices notice within 0-60 s and retry by the
// 3GPP timers; over capacity they get #22 with T3346 drawn from 5-15 min.
constexpr const char* kOutage = R"(name: outage
start: 2026-01-01T00:00:00Z
duration: 4h
carriers:
  soracom: { profile: soracom }
devices:
  meter:
    boot: 0s..60s
    modem: { t3411: 10s, t3402: 12m, attempts-before-t3402: 5, loss-detection: 0s..60s }
network:
  cells:
    - { name: cell, count: {CELLS}, capacity: 50/s, t3346: 5m..15m }
fleet:
  - { group: meters, count: {DEVICES}, carrier: soracom, plan: plan01s, device: meter, cell: cell }
timeline:
  - { at: 1h, cell-outage: { cell: cell, for: 1h } }
)";

// Re-arming a SIM's subscription timer must not walk its sends again (bounded work per event):
// devices on a 5-h-in-6 duty cycle, sending 10 B..20 B every minute (sizes drawn per send) for
// 3,000 days, against a data threshold of 10 GB they never reach. Every session re-asks when the
// threshold will be crossed.
constexpr const char* kDutyCycle = R"(name: duty-cycle
start: 2026-01-01T00:00:00Z
duration: 3000d
carriers:
  kore:
    profile: kore
    overrides:
      rules:
        ready-data-used: { reaches: 10GB }
        ready-time-used: { reaches: 100 years }
devices:
  meter:
    boot: 1s..20s
    power: { duty-cycle: { on: 5h, every: 6h } }
    traffic: { every: 1m, uplink: 10B..20B }
fleet:
  - { group: meters, count: {DEVICES}, carrier: kore, plan: standard, device: meter, status: ready }
)";

void Replace(std::string& text, const std::string& key, int64_t value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    text.replace(at, key.size(), std::to_string(value));
  }
}

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports kilobytes
}

}  // namespace

const std::vector<FleetWorkload>& FleetWorkloads() {
  static const std::vector<FleetWorkload> workloads = {
      {"idle-year", "1M mostly idle SIMs for 365 days, standby and a suspend campaign", 1'000'000},
      {"outage", "1M always-on devices in 500 cells of 50 attaches/s, all cells down 1h-2h",
       1'000'000},
      {"duty-cycle",
       "20 duty-cycled devices sending drawn sizes every minute for 3,000 days against a 10 GB "
       "data threshold",
       20},
  };
  return workloads;
}

std::string FleetWorkloadScenario(const std::string& name, int64_t devices) {
  std::string text = name == "idle-year" ? kIdleYear : name == "outage" ? kOutage : kDutyCycle;
  const int64_t tenth = std::max<int64_t>(1, devices / 10);
  Replace(text, "{MAIN}", std::max<int64_t>(1, devices - tenth));
  Replace(text, "{TENTH}", tenth);
  Replace(text, "{DEVICES}", devices);
  Replace(text, "{CELLS}", std::max<int64_t>(1, (devices + kDevicesPerCell - 1) / kDevicesPerCell));
  return text;
}

std::optional<FleetBenchResult> RunFleetBench(const std::string& name, int64_t devices,
                                              uint64_t record_memory, uint32_t threads,
                                              std::string* error) {
  Diagnostics diag;
  const LoadResult loaded =
      LoadScenarioText("bench:" + name, FleetWorkloadScenario(name, devices), diag);
  if (!loaded.scenario) {
    *error = diag.ToText();
    return std::nullopt;
  }
  const Scenario& scenario = *loaded.scenario;
  const auto start = std::chrono::steady_clock::now();
  FleetBenchResult r;
  {
    // The cost model's answer is part of the work: the run added up per SIM, group and plan.
    RunOptions options;
    options.timeseries = false;
    options.spill.memory = record_memory;
    options.threads = threads;
    const RunResult run = RunScenario(scenario, options);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.threads = threads > 1 ? static_cast<uint32_t>(PlanShards(scenario, threads).shards.size()) : 1;
    r.devices = scenario.sim_count;
    r.sim_days = static_cast<double>(scenario.duration) / kDay;
    r.events = run.events();
    r.fee_lines = run.ledger().size();
    r.fee_lines_on_disk = run.ledger().on_disk();
    r.status_changes = run.history().size();
    for (const MassEvent& e : run.mass_events()) {
      if (e.from == e.start || e.affected == 0) continue;  // not an outage
      const auto seconds = [&](uint64_t percent) -> std::optional<double> {
        const std::optional<SimTime> t = e.BackBy(percent);
        if (!t) return std::nullopt;
        return static_cast<double>(*t) / kSecond;
      };
      r.back_p50_s = seconds(50);
      r.back_p95_s = seconds(95);
      r.back_p100_s = seconds(100);
      break;
    }
  }
  r.peak_rss_mb = PeakRssMb();
  return r;
}

}  // namespace carriersim
