// What the machine gives a command: --max-memory, shared by `run` and `validate` (the most
// memory a run may be estimated to need, simulator/results/memory_estimate.h, before it is
// refused), and the cores the defaults of --threads and --jobs use.
#ifndef CARRIERSIM_CLI_MEMORY_LIMIT_H_
#define CARRIERSIM_CLI_MEMORY_LIMIT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "simulator/base/spill_file.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// The cores this process may run on (at least 1): fewer than the machine's under taskset, in a
// container limited to some CPUs, and under mpirun, which binds each rank to one core unless
// told otherwise (--bind-to none): threads beyond these would share a core, not add one.
uint32_t UsableCores();

struct MemoryLimit {
  double bytes = 0;
  std::string is;  // where it came from, for the message: "--max-memory 16GB"
};

// The default share of physical memory: a run that needs more would crowd out everything else
// on the machine (and, without swap, be killed part-way), so it is refused up front.
inline constexpr int kDefaultMemoryPercent = 75;

// `value`: a size ("16GB", "512MB") or a share of the machine's physical memory ("50%");
// absent: kDefaultMemoryPercent. False, with *error, for anything else.
bool ReadMemoryLimit(const std::optional<std::string>& value, MemoryLimit* limit,
                     std::string* error);

// The refusal of a scenario whose estimated memory exceeds the limit, or "" when it fits;
// `record_memory`: --record-memory; `threads`: --threads.
std::string MemoryRefusalFor(const Scenario& scenario, const MemoryLimit& limit,
                             uint64_t record_memory = kDefaultSpillMemory, uint32_t threads = 1);

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_MEMORY_LIMIT_H_
