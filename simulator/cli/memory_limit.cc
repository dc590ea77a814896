#include "simulator/cli/memory_limit.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "simulator/base/units.h"
#include "simulator/results/memory_estimate.h"

namespace carriersim {
namespace {

// Physical memory, from the kernel: pages times page size. 0 when it cannot say.
double PhysicalMemory() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 0;
}

}  // namespace

uint32_t UsableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<uint32_t>(CPU_COUNT(&set));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

bool ReadMemoryLimit(const std::optional<std::string>& value, MemoryLimit* limit,
                     std::string* error) {
  const std::string text = value.value_or(std::to_string(kDefaultMemoryPercent) + "%");
  if (!text.empty() && text.back() == '%') {
    int64_t percent = 0;
    std::string why;
    if (!ParseCount(text.substr(0, text.size() - 1), &percent, &why) || percent < 1 ||
        percent > 100) {
      *error = "--max-memory: '" + text + "' is not a share of memory from 1% to 100%";
      return false;
    }
    const double physical = PhysicalMemory();
    if (physical <= 0) {
      *error = "--max-memory: this machine does not say how much memory it has; give a size, "
               "such as 16GB";
      return false;
    }
    limit->bytes = physical * static_cast<double>(percent) / 100;
    limit->is = std::to_string(percent) + "% of this machine's " + FormatMemory(physical) +
                (value ? ", --max-memory" : ", the default; set another with --max-memory");
    return true;
  }
  int64_t bytes = 0;
  std::string why;
  if (!ParseDataSize(text, &bytes, &why) || bytes <= 0) {
    *error = "--max-memory: '" + text + "' is neither a size such as 16GB nor a share such as "
             "75%" + (why.empty() ? "" : " (" + why + ")");
    return false;
  }
  limit->bytes = static_cast<double>(bytes);
  limit->is = "--max-memory " + text;
  return true;
}

std::string MemoryRefusalFor(const Scenario& scenario, const MemoryLimit& limit,
                             uint64_t record_memory, uint32_t threads) {
  return MemoryRefusal(EstimateRunMemory(scenario, record_memory, threads), limit.bytes,
                       limit.is);
}

}  // namespace carriersim
