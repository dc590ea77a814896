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
  const int64_t begin = shard().group_begin[g];
  if (begin >= 0) {
    return index >= begin && index < begin + group.count
               ? static_cast<SimId>(group.first_sim + index - begin)
               : kOtherShard;
  }
  const std::vector<uint32_t>& indexes = shard().group_indexes[g];
  const auto it = std::lower_bound(indexes.begin(), indexes.end(), index);
  return it != indexes.end() && *it == index
             ? static_cast<SimId>(group.first_sim + (it - indexes.begin()))
             : kOtherShard;
}

void SimDirectory::SimsAt(uint32_t g, const std::vector<uint32_t>& indexes,
                          std::vector<SimId>* sims) const {
  const GroupSpec& group = scenario_.groups[g];
  sims->reserve(sims->size() + indexes.size());
  if (!sharded() || shard().group_begin[g] >= 0) {
    for (uint32_t i : indexes) sims->push_back(SimAt(g, i));
    return;
  }
  // One walk along the shard's indexes of the group.
  const std::vector<uint32_t>& here = shard().group_indexes[g];
  size_t k = 0;
  for (uint32_t i : indexes) {
    while (k < here.size() && here[k] < i) ++k;
    sims->push_back(k < here.size() && here[k] == i ? static_cast<SimId>(group.first_sim + k)
                                                    : kOtherShard);
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
