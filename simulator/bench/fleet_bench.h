// `carriersim bench fleet`: whole-fleet workloads run through the real scenario loader, world
// and engine, timed. Each workload is a scenario text with the fleet size filled in.
#ifndef CARRIERSIM_BENCH_FLEET_BENCH_H_
#define CARRIERSIM_BENCH_FLEET_BENCH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carriersim {

struct FleetWorkload {
  std::string name;
  std::string description;
  int64_t default_devices;
};

const std::vector<FleetWorkload>& FleetWorkloads();

// The workload's scenario for `devices` devices (2,000 per cell where it has cells).
std::string FleetWorkloadScenario(const std::string& name, int64_t devices);

struct FleetBenchResult {
  uint32_t threads = 1;  // the run's shards: at most the threads asked
  int64_t devices = 0;
  double sim_days = 0;
  uint64_t events = 0;
  double seconds = 0;      // building the world, running it and summing its fees
  uint64_t fee_lines = 0;
  uint64_t fee_lines_on_disk = 0;  // past the memory the ledger keeps
  uint64_t status_changes = 0;
  // Recovery after the first outage: when 50, 95 and 100 % were back, in seconds after it ended.
  std::optional<double> back_p50_s, back_p95_s, back_p100_s;
  long peak_rss_mb = 0;  // of the whole process so far
};

// Loads and runs the workload on `threads` threads, its records spilling to $TMPDIR past
// `record_memory` each; on a scenario error (a bug of ours) returns nullopt and sets error.
// Throws SpillError when a spill file cannot be written.
std::optional<FleetBenchResult> RunFleetBench(const std::string& name, int64_t devices,
                                              uint64_t record_memory, uint32_t threads,
                                              std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_BENCH_FLEET_BENCH_H_
