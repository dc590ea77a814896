// How much memory a run of a scenario will need, estimated from the scenario alone, before
// anything is allocated: `run` and `validate` refuse a scenario whose estimate exceeds the
// memory limit (--max-memory), with the estimate and what drives it, instead of running until
// the machine runs out of memory. An estimate, not a bound: it counts what grows with the fleet,
// the duration and the timeline (per-SIM state, the part of the history, ledger and sessions
// kept in memory, the timeseries), each from the most the scenario can make of it, and leaves
// out what is small.
#ifndef CARRIERSIM_RESULTS_MEMORY_ESTIMATE_H_
#define CARRIERSIM_RESULTS_MEMORY_ESTIMATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/base/spill_file.h"
#include "simulator/scenario/model.h"

namespace carriersim {

struct MemoryPart {
  std::string what;    // "status history"
  double bytes = 0;
  std::string driver;  // what it grows with: "3,000,000 changes x 16 B (1,000 actions on ...)"
};

struct MemoryEstimate {
  double bytes = 0;                // in all
  std::vector<MemoryPart> parts;  // largest first
};

// `record_memory`: what each record of the run keeps in memory before it spills (RunOptions);
// `threads`: RunOptions::threads (the shards share the record memory, and each keeps every
// spread turn of the timeline).
MemoryEstimate EstimateRunMemory(const Scenario& scenario,
                                 uint64_t record_memory = kDefaultSpillMemory,
                                 uint32_t threads = 1);

// The error for a scenario whose estimate exceeds `limit` bytes, or "" when it fits. `limit_is`
// says where the limit came from ("75% of this machine's 23.2 GB, the default").
std::string MemoryRefusal(const MemoryEstimate& estimate, double limit,
                          const std::string& limit_is);

// "1.5 GB", "240 MB", in the binary units a --max-memory of "16GB" is read in.
std::string FormatMemory(double bytes);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_MEMORY_ESTIMATE_H_
