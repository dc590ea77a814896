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

SimId SimDirectory::GroupWalk::At(int64_t index) {
  const ShardPart& shard = directory_.scenario_.shard;
  if (!shard.active() || shard.group_begin[g_] >= 0) return directory_.SimAt(g_, index);
  const std::vector<uint32_t>& here = shard.group_indexes[g_];
  while (next_ < here.size() && here[next_] < index) ++next_;
  return next_ < here.size() && here[next_] == index
             ? static_cast<SimId>(directory_.scenario_.groups[g_].first_sim + next_)
             : kOtherShard;
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
