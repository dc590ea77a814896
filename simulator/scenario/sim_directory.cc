#include "simulator/scenario/sim_directory.h"

#include <algorithm>

namespace carriersim {

SimDirectory::SimDirectory(const Scenario& scenario, uint64_t seed)
    : scenario_(scenario), seed_(seed), group_(static_cast<size_t>(scenario.sim_count)) {
  for (uint32_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& group = scenario.groups[g];
    group_keys_.push_back(NameKey(group.name));
    for (int64_t i = 0; i < group.count; ++i) group_[static_cast<size_t>(group.first_sim + i)] = g;
  }
}

SimId SimDirectory::SimAt(uint32_t g, int64_t index) const {
  const GroupSpec& group = scenario_.groups[g];
  if (!sharded()) return static_cast<SimId>(group.first_sim + index);
  // The group's SIMs here are a sorted run of global ids.
  const auto first = shard().global_sims.begin() + group.first_sim;
  const auto last = first + group.count;
  const SimId global = static_cast<SimId>(shard().group_first[g] + index);
  const auto it = std::lower_bound(first, last, global);
  return it != last && *it == global ? static_cast<SimId>(it - shard().global_sims.begin())
                                     : kOtherShard;
}

void SimDirectory::SimsAt(uint32_t g, const std::vector<uint32_t>& indexes,
                          std::vector<SimId>* sims) const {
  const GroupSpec& group = scenario_.groups[g];
  sims->reserve(sims->size() + indexes.size());
  if (!sharded()) {
    for (uint32_t i : indexes) sims->push_back(static_cast<SimId>(group.first_sim + i));
    return;
  }
  const std::vector<uint32_t>& global = shard().global_sims;
  size_t here = static_cast<size_t>(group.first_sim);
  const size_t end = here + static_cast<size_t>(group.count);
  for (uint32_t i : indexes) {
    const SimId wanted = static_cast<SimId>(shard().group_first[g] + i);
    while (here < end && global[here] < wanted) ++here;
    sims->push_back(here < end && global[here] == wanted ? static_cast<SimId>(here) : kOtherShard);
  }
}

void SimDirectory::AppendSimName(std::string& out, SimId sim) const {
  out += GroupOf(sim).name;
  out += '#';
  out += std::to_string(IndexInGroup(sim));
}

std::string SimDirectory::SimName(SimId sim) const {
  std::string out;
  AppendSimName(out, sim);
  return out;
}

}  // namespace carriersim
