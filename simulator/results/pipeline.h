// The run pipeline: a validated scenario and options in, a RunResult out. `carriersim run`, the
// fleet benchmark and the tests all run scenarios through this one call.
#ifndef CARRIERSIM_RESULTS_PIPELINE_H_
#define CARRIERSIM_RESULTS_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "simulator/base/rank_links.h"
#include "simulator/base/spill_file.h"
#include "simulator/results/run_result.h"

namespace carriersim {

// One event as `run --trace` shows it: when, what fired, and for a device its modem state and
// its SIM's status before the event was handled.
struct TraceRecord {
  const SimDirectory* directory = nullptr;  // names the SIM
  SimTime time = 0;
  const char* event = "";  // "modem-timer", "timeline", ...
  bool device = false;     // false: the timeline
  SimId sim = 0;
  const char* modem = "";
  const std::string* status = nullptr;
};

// What a record log keeps in memory once its run is over, with RunOptions::spill_when_finished:
// a buffer's worth.
inline constexpr uint64_t kFinishedRecordMemory = uint64_t{1} << 20;

struct RunOptions {
  std::optional<uint64_t> seed;  // default: the scenario's
  // Called every 65,536 events with the simulated time and the events so far.
  std::function<void(SimTime, uint64_t)> progress;
  // Called with every event before it is handled.
  std::function<void(const TraceRecord&)> trace;
  bool timeseries = true;  // build timeseries.csv's table (the run pauses at each row)
  // Off only to check that counting retries into a dead cell by arithmetic changes nothing.
  bool fast_forward = true;
  // Threads to run on: the fleet is cut into at most this many shards (results/sharded_run.h).
  // The reports are the same for every count.
  uint32_t threads = 1;
  // Called when the fleet cannot be cut into `threads` shards, saying why and how many it runs.
  std::function<void(const std::string&)> notice;
  // Where the records go past the memory each may keep: by default $TMPDIR, after 16 MB each;
  // `run` puts them in its output folder, live sessions keep them in memory (kNoSpill).
  SpillOptions spill;
  // Once the run is over, each record log keeps at most kFinishedRecordMemory in memory and
  // writes the rest to its spill file (World::SpillRecordsOver). `run` asks for it: its reports
  // read the records in passes, and with ten million SIMs the logs' memory would come on top of
  // theirs. Off, a run writes no more to disk than `spill` asks.
  bool spill_when_finished = false;
  // The ranks of an MPI job the run is spread over (`mpirun -np K carriersim-mpi run`), this
  // being one of them; null or one rank: this process alone. Every rank calls
  // RunScenarioOnRanks with the same scenario and options; the fleet is cut into K x `threads`
  // shards (results/ranked_run.h). With `trace`, not allowed.
  const RankLinks* ranks = nullptr;
};

// Runs the scenario to its end: pauses where an expectation is measured (`at:`) or a
// timeseries row is due, then closes the run and adds it up. Deterministic: the same scenario,
// seed and options give the same result on any machine. The result refers to `scenario`, which
// must outlive it.
RunResult RunScenario(const Scenario& scenario, const RunOptions& options = {});
RunResult RunScenario(const Scenario&& scenario, const RunOptions& options = {}) = delete;
// The same, as one rank of several (RunOptions::ranks): the result on rank 0, with the reports
// of one process. On the other ranks nullopt, once rank 0's result is gone: its reports read
// their shards while it lives.
std::optional<RunResult> RunScenarioOnRanks(const Scenario& scenario, const RunOptions& options);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_PIPELINE_H_
