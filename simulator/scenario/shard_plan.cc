#include "simulator/scenario/shard_plan.h"

#include <algorithm>
#include <numeric>

#include "simulator/base/units.h"

namespace carriersim {
namespace {

// The SIMs of each cell with a capacity (by cell), and the SIMs of all other cells, in id order.
struct Placement {
  std::vector<std::vector<uint32_t>> by_capacity_cell;
  std::vector<uint32_t> free;
};

Placement PlaceSims(const Scenario& s) {
  Placement p;
  p.by_capacity_cell.resize(s.cells.size());
  for (const GroupSpec& g : s.groups) {
    const CellSet& cells = s.cell_sets[g.cell_set];
    for (int64_t i = 0; i < g.count; ++i) {
      const uint32_t cell = cells.first + static_cast<uint32_t>(i % cells.count);
      const uint32_t sim = static_cast<uint32_t>(g.first_sim + i);
      (s.cells[cell].capacity > 0 ? p.by_capacity_cell[cell] : p.free).push_back(sim);
    }
  }
  return p;
}

// The largest cell with a capacity, in words, when it alone is over a shard's even share.
std::string WhyFewer(const Scenario& s, const Placement& p, size_t made, uint32_t wanted) {
  std::string why = std::to_string(wanted) + " shards asked, " + std::to_string(made) + " made";
  size_t biggest = 0;
  for (size_t c = 1; c < p.by_capacity_cell.size(); ++c) {
    if (p.by_capacity_cell[c].size() > p.by_capacity_cell[biggest].size()) biggest = c;
  }
  if (!p.by_capacity_cell.empty() && !p.by_capacity_cell[biggest].empty()) {
    why += ": cell " + s.cells[biggest].name + " has a capacity, so its " +
           FormatCount(static_cast<int64_t>(p.by_capacity_cell[biggest].size())) +
           " SIMs run together";
    if (p.free.empty()) why += ", and every SIM is on a cell with a capacity";
  } else {
    why += ": the fleet has " + FormatCount(s.sim_count) + " SIMs";
  }
  return why;
}

}  // namespace

ShardPlan PlanShards(const Scenario& scenario, uint32_t wanted) {
  Placement p = PlaceSims(scenario);
  std::vector<std::vector<uint32_t>> shards(std::max<uint32_t>(wanted, 1));
  // Cells with a capacity, largest first (then by index), each to the lightest shard.
  std::vector<uint32_t> order(p.by_capacity_cell.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return p.by_capacity_cell[a].size() > p.by_capacity_cell[b].size();
  });
  const auto lightest = [&] {
    return std::min_element(shards.begin(), shards.end(),
                            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  };
  for (uint32_t c : order) {
    if (p.by_capacity_cell[c].empty()) continue;
    auto& to = *lightest();
    to.insert(to.end(), p.by_capacity_cell[c].begin(), p.by_capacity_cell[c].end());
  }
  // The free SIMs even the shards out: the lowest level they can all be raised to, then each
  // shard in turn takes what brings it there, in id ranges.
  size_t level = 0;
  for (size_t lo = 0, hi = scenario.sim_count + 1; lo < hi;) {
    const size_t mid = lo + (hi - lo) / 2;
    size_t room = 0;
    for (const auto& s : shards) room += mid > s.size() ? mid - s.size() : 0;
    if (room >= p.free.size()) {
      hi = mid;
      level = mid;
    } else {
      lo = mid + 1;
    }
  }
  size_t next = 0;
  for (auto& s : shards) {
    const size_t take = std::min(level > s.size() ? level - s.size() : 0, p.free.size() - next);
    s.insert(s.end(), p.free.begin() + static_cast<ptrdiff_t>(next),
             p.free.begin() + static_cast<ptrdiff_t>(next + take));
    next += take;
  }
  ShardPlan plan;
  for (auto& s : shards) {
    if (s.empty()) continue;
    std::sort(s.begin(), s.end());
    plan.shards.push_back(std::move(s));
  }
  if (plan.shards.size() < wanted) plan.fewer = WhyFewer(scenario, p, plan.shards.size(), wanted);
  return plan;
}

Scenario ShardScenario(const Scenario& whole, const ShardPlan& plan, uint32_t index) {
  Scenario s = whole;
  const std::vector<uint32_t>& sims = plan.shards[index];
  ShardPart& part = s.shard;
  part.global_sims = sims;
  part.index = index;
  part.count = static_cast<uint32_t>(plan.shards.size());
  s.sim_count = 0;
  auto it = sims.begin();
  for (GroupSpec& g : s.groups) {
    part.group_first.push_back(g.first_sim);
    part.group_count.push_back(g.count);
    const auto end = std::lower_bound(it, sims.end(), static_cast<uint32_t>(g.first_sim + g.count));
    g.first_sim = s.sim_count;
    g.count = end - it;
    s.sim_count += g.count;
    it = end;
  }
  s.subscription_count = s.sim_count;
  for (GroupSpec& g : s.groups) {
    g.first_extra = s.subscription_count;
    s.subscription_count += g.count * static_cast<int64_t>(g.extra_plans.size());
  }
  return s;
}

}  // namespace carriersim
