// `run` as one rank of an MPI job (`mpirun -np K carriersim-mpi run FILE`): rank 0 runs its
// share of the shards and writes the reports, as `run` does; every other rank loads the same
// scenario, runs its share and answers rank 0's questions about it (results/ranked_run.h), and
// writes nothing. Before the run the ranks agree to start: a rank that cannot (a scenario file
// missing on its machine) stops them all, and rank 0 says which. Internal to cli/.
#ifndef CARRIERSIM_CLI_RUN_RANKS_H_
#define CARRIERSIM_CLI_RUN_RANKS_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/base/spill_file.h"
#include "simulator/cli/memory_limit.h"
#include "simulator/cli/processes.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {

struct RunRequest {
  std::string scenario_file;
  std::optional<uint64_t> seed;
  std::optional<std::string> out_dir;
  bool trace = false;
  bool progress = true;
  uint32_t threads = 1;  // --threads; default: the cores it may use (UsableCores)
  MemoryLimit memory_limit;
  uint64_t record_memory = kDefaultSpillMemory;  // --record-memory
  std::optional<std::string> replay;  // a live session's requests.jsonl
  std::string variant;                // --variant
  std::vector<std::string> sets;      // --set, one PARAM=VALUE each
};

// The scenario the request names, its variant and parameters chosen. A request for a variant
// or values the file does not have: nothing loaded, and `usage` says why.
LoadResult LoadRequested(const RunRequest& request, Diagnostics& diag, std::string* usage);

// What each rank says before the run: whether it can start (`code`: 0, or the exit code it
// stops with) and what the ranks must agree on to cut the fleet alike: the scenario (its SIMs,
// seed and a digest of its file and chosen variant) and the threads a rank runs (rank 0's count
// is every rank's, so that a rank given other cores does not cut the fleet another way).
struct RunFacts {
  int code = 0;
  uint32_t threads = 1;
  uint64_t sims = 0;
  uint64_t seed = 0;
  std::string digest;
};
RunFacts FactsOf(const RunRequest& request, const Scenario* scenario, int code);

// Every rank says its facts (a collective). 0: all can start, with rank 0's facts in `*rank0`;
// else this rank's code, or on a rank that could, the first other rank's (rank 0 tells which on
// `err`), or 2 for a rank whose scenario is not rank 0's.
int StartTogether(const Processes& processes, const RunFacts& mine, RunFacts* rank0,
                  std::ostream& err);

// A rank other than 0: the whole of its `run`. The exit code, which the job's is the highest of.
int RunAsOtherRank(const RunRequest& request, const Processes& processes);

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_RUN_RANKS_H_
