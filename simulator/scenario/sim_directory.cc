#include "simulator/scenario/sim_directory.h"

namespace carriersim {

SimDirectory::SimDirectory(const Scenario& scenario, uint64_t seed)
    : scenario_(scenario), seed_(seed), group_(static_cast<size_t>(scenario.sim_count)) {
  for (uint32_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& group = scenario.groups[g];
    group_keys_.push_back(NameKey(group.name));
    for (int64_t i = 0; i < group.count; ++i) group_[static_cast<size_t>(group.first_sim + i)] = g;
  }
}

void SimDirectory::AppendSimName(std::string& out, SimId sim) const {
  const GroupSpec& group = GroupOf(sim);
  out += group.name;
  out += '#';
  out += std::to_string(sim - group.first_sim);
}

std::string SimDirectory::SimName(SimId sim) const {
  std::string out;
  AppendSimName(out, sim);
  return out;
}

}  // namespace carriersim
