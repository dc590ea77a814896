#include "simulator/cli/run_ranks.h"

#include <exception>
#include <iostream>
#include <ostream>

#include "simulator/base/sha256.h"
#include "simulator/base/wire.h"
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

RunFacts FactsOf(const RunRequest& request, const Scenario* scenario, int code) {
  RunFacts facts;
  facts.code = code;
  facts.threads = request.threads;
  if (scenario == nullptr) return facts;
  facts.sims = static_cast<uint64_t>(scenario->sim_count);
  facts.seed = request.seed.value_or(scenario->seed);
  std::string text, error;
  ReadFile(request.scenario_file, &text, &error);  // it loaded: it reads
  std::string chosen = request.variant;
  for (const std::string& set : request.sets) chosen += "\n" + set;
  facts.digest = Sha256Hex(text + "\n--\n" + chosen);
  return facts;
}

int StartTogether(const Processes& processes, const RunFacts& mine, RunFacts* rank0,
                  std::ostream& err) {
  WireWriter w;
  w.Put(static_cast<int64_t>(mine.code));
  w.Put(mine.threads);
  w.Put(mine.sims);
  w.Put(mine.seed);
  w.PutString(mine.digest);
  const std::vector<std::string> all = processes.all_gather(w.Take());
  std::vector<RunFacts> facts;
  for (size_t rank = 0; rank < all.size(); ++rank) {
    WireReader r(all[rank], "rank " + std::to_string(rank) + "'s start");
    RunFacts& f = facts.emplace_back();
    f.code = static_cast<int>(r.GetI64());
    f.threads = r.GetU32();
    f.sims = r.GetU64();
    f.seed = r.GetU64();
    f.digest = r.GetString();
    r.ExpectEnd();
  }
  *rank0 = facts.front();
  if (mine.code != kExitOk) return mine.code;
  for (size_t rank = 0; rank < facts.size(); ++rank) {
    if (facts[rank].code == kExitOk) continue;
    err << "carriersim run: rank " << rank << " could not start the run (exit code "
        << facts[rank].code << "; it says why on its error output)\n";
    return facts[rank].code;
  }
  for (size_t rank = 1; rank < facts.size(); ++rank) {
    const RunFacts& f = facts[rank];
    if (f.sims == rank0->sims && f.seed == rank0->seed && f.digest == rank0->digest) continue;
    err << "carriersim run: rank " << rank << " could not start the run: its scenario ("
        << f.sims << " SIMs, seed " << f.seed << ") is not rank 0's (" << rank0->sims
        << " SIMs, seed " << rank0->seed << "), or its file differs: every rank must read the "
        << "same file, with the same --seed, --variant and --set\n";
    return kExitUsage;
  }
  return kExitOk;
}

namespace {

// What this rank can know before the run: whether the scenario loads here, as on rank 0, and
// if not, why (`why`).
int Prepare(const RunRequest& request, LoadResult& loaded, std::string* why) {
  Diagnostics diag;
  std::string usage;
  loaded = LoadRequested(request, diag, &usage);
  *why = usage.empty() ? diag.ToText() : usage + "\n";
  if (!usage.empty()) return kExitUsage;
  if (!loaded.scenario) return loaded.io_error ? kExitIoError : kExitInvalidScenario;
  return kExitOk;
}

}  // namespace

int RunAsOtherRank(const RunRequest& request, const Processes& processes) {
  LoadResult loaded;
  std::string why;
  const int prepared = Prepare(request, loaded, &why);
  std::ostream quiet(nullptr);  // rank 0 says what stops the run
  RunFacts rank0;
  const int code = StartTogether(
      processes, FactsOf(request, loaded.scenario ? &*loaded.scenario : nullptr, prepared),
      &rank0, quiet);
  if (prepared != kExitOk && rank0.code == kExitOk) {
    // Rank 0 could start: what went wrong here is this rank's alone, and only it can say.
    std::cerr << "carriersim-mpi: rank " << processes.rank << ": " << why;
  }
  if (code != kExitOk) return code;
  const Scenario& scenario = *loaded.scenario;
  RunOptions options;
  options.seed = request.seed.value_or(scenario.seed);
  // Its records past their memory go to this machine's temporary folder: the output folder is
  // rank 0's, which this machine may not see.
  options.spill.memory = request.record_memory;
  options.spill_when_finished = true;
  options.threads = rank0.threads;  // every rank cuts the fleet as rank 0 does
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
