#include "simulator/cli/run_ranks.h"

#include <exception>
#include <ostream>

#include "simulator/cli/exit_codes.h"
#include "simulator/results/pipeline.h"
#include "simulator/scenario/family.h"

namespace carriersim {

LoadResult LoadRequested(const RunRequest& request, Diagnostics& diag, std::string* usage) {
  if (request.variant.empty() && request.sets.empty()) {
    return LoadScenarioFile(request.scenario_file, diag);
  }
  FamilyResult family = ReadScenarioFamily(request.scenario_file, diag);
  if (!family.family) {
    LoadResult failed;
    failed.io_error = family.io_error;
    return failed;
  }
  const std::optional<RunPoint> point =
      ChooseRun(family.family->spec, request.variant, request.sets, usage);
  if (!point) return {};
  return LoadRun(*family.family, *point, diag);
}

int StartTogether(const Processes& processes, int code, std::ostream& err) {
  const std::vector<std::string> codes = processes.all_gather(std::to_string(code));
  if (code != kExitOk) return code;
  for (size_t rank = 0; rank < codes.size(); ++rank) {
    const int its = std::stoi(codes[rank]);
    if (its == kExitOk) continue;
    err << "carriersim run: rank " << rank << " could not start the run (exit code " << its
        << "; its errors are on its own error output when mpirun shows it)\n";
    return its;
  }
  return kExitOk;
}

namespace {

// What this rank can know before the run: whether the scenario loads here, as on rank 0.
int Prepare(const RunRequest& request, LoadResult& loaded) {
  Diagnostics diag;
  std::string usage;
  loaded = LoadRequested(request, diag, &usage);
  if (!usage.empty()) return kExitUsage;
  if (!loaded.scenario) return loaded.io_error ? kExitIoError : kExitInvalidScenario;
  return kExitOk;
}

}  // namespace

int RunAsOtherRank(const RunRequest& request, const Processes& processes) {
  LoadResult loaded;
  std::ostream quiet(nullptr);  // rank 0 says what stops the run
  if (const int code = StartTogether(processes, Prepare(request, loaded), quiet)) {
    return code;
  }
  const Scenario& scenario = *loaded.scenario;
  RunOptions options;
  options.seed = request.seed.value_or(scenario.seed);
  // Its records past their memory go to this machine's temporary folder: the output folder is
  // rank 0's, which this machine may not see.
  options.spill.memory = request.record_memory;
  options.spill_when_finished = true;
  options.threads = request.threads;
  options.ranks = &processes;
  try {
    RunScenarioOnRanks(scenario, options);
  } catch (const std::exception& e) {
    // Rank 0 may be waiting for this rank's shards: the job cannot go on without them.
    processes.abort("rank " + std::to_string(processes.rank) + ": " + e.what());
  }
  return kExitOk;
}

}  // namespace carriersim
