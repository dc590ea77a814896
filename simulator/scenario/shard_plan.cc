#include "simulator/scenario/shard_plan.h"

#include <algorithm>
#include <numeric>

#include "simulator/base/units.h"

namespace carriersim {
namespace {

bool Limited(const Scenario& s, uint32_t cell) { return s.cells[cell].capacity > 0; }

// Device i of a group camps on cell first + i % count of its cell set (GroupSpec::cell_set).
uint32_t CellOf(const Scenario& s, const GroupSpec& g, int64_t i) {
  const CellSet& cells = s.cell_sets[g.cell_set];
  return cells.first + static_cast<uint32_t>(i % cells.count);
}

// How many SIMs camp on each cell, and how many of each group on cells without a capacity.
struct Census {
  std::vector<size_t> per_cell;
  std::vector<size_t> free_per_group;
  size_t free = 0;
};

Census CountSims(const Scenario& s) {
  Census c;
  c.per_cell.resize(s.cells.size());
  for (const GroupSpec& g : s.groups) {
    const CellSet& cells = s.cell_sets[g.cell_set];
    size_t free = 0;
    for (uint32_t j = 0; j < cells.count && j < g.count; ++j) {
      // Indexes j, j + count, j + 2 count, ... of the group.
      const size_t n = static_cast<size_t>((g.count - j + cells.count - 1) / cells.count);
      c.per_cell[cells.first + j] += n;
      if (!Limited(s, cells.first + j)) free += n;
    }
    c.free_per_group.push_back(free);
    c.free += free;
  }
  return c;
}

// Each cell with a capacity to a shard: the largest first (then by index), each to the
// lightest shard so far. Returns the shard per cell (-1: no capacity, or no SIM) and fills
// `load` with each shard's SIMs.
std::vector<int> PlaceCells(const Scenario& s, const Census& c, std::vector<size_t>& load) {
  std::vector<uint32_t> order(s.cells.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return c.per_cell[a] > c.per_cell[b]; });
  std::vector<int> shard_of(s.cells.size(), -1);
  for (uint32_t cell : order) {
    if (!Limited(s, cell) || c.per_cell[cell] == 0) continue;
    const auto lightest = std::min_element(load.begin(), load.end());
    shard_of[cell] = static_cast<int>(lightest - load.begin());
    *lightest += c.per_cell[cell];
  }
  return shard_of;
}

// The free SIMs each shard takes: the lowest level they can all be raised to.
std::vector<size_t> FreeTakes(const std::vector<size_t>& load, size_t free, size_t sims) {
  size_t level = 0;
  for (size_t lo = 0, hi = sims + 1; lo < hi;) {
    const size_t mid = lo + (hi - lo) / 2;
    size_t room = 0;
    for (size_t l : load) room += mid > l ? mid - l : 0;
    if (room >= free) {
      hi = mid;
      level = mid;
    } else {
      lo = mid + 1;
    }
  }
  std::vector<size_t> takes;
  for (size_t l : load) {
    const size_t take = std::min(level > l ? level - l : 0, free);
    takes.push_back(take);
    free -= take;
  }
  return takes;
}

// The largest cell with a capacity, in words, when there are fewer shards than asked.
std::string WhyFewer(const Scenario& s, const Census& c, size_t made, uint32_t wanted) {
  std::string why = std::to_string(wanted) + " shards asked, " + std::to_string(made) + " made";
  int biggest = -1;
  for (uint32_t cell = 0; cell < s.cells.size(); ++cell) {
    if (!Limited(s, cell) || c.per_cell[cell] == 0) continue;
    if (biggest < 0 || c.per_cell[cell] > c.per_cell[static_cast<size_t>(biggest)]) {
      biggest = static_cast<int>(cell);
    }
  }
  if (biggest < 0) return why + ": the fleet has " + FormatCount(s.sim_count) + " SIMs";
  why += ": cell " + s.cells[static_cast<size_t>(biggest)].name +
         " has a capacity, so its " +
         FormatCount(static_cast<int64_t>(c.per_cell[static_cast<size_t>(biggest)])) +
         " SIMs run together";
  if (c.free == 0) why += ", and every SIM is on a cell with a capacity";
  return why;
}

}  // namespace

ShardPlan PlanShards(const Scenario& scenario, uint32_t wanted) {
  const Census census = CountSims(scenario);
  std::vector<size_t> load(std::max<uint32_t>(wanted, 1));
  const std::vector<int> shard_of_cell = PlaceCells(scenario, census, load);
  const std::vector<size_t> takes =
      FreeTakes(load, census.free, static_cast<size_t>(scenario.sim_count));
  // One pass in id order, so each shard's SIMs come out sorted. A group's free SIMs are shared
  // out in the proportions of `takes`, in id ranges: every shard gets its part of every group,
  // and of what the timeline does to it.
  std::vector<std::vector<uint32_t>> shards(load.size());
  for (size_t k = 0; k < shards.size(); ++k) shards[k].reserve(load[k] + takes[k]);
  for (size_t gi = 0; gi < scenario.groups.size(); ++gi) {
    const GroupSpec& g = scenario.groups[gi];
    const size_t free = census.free_per_group[gi];
    size_t k = 0, before = takes[0], seen = 0;  // free SIMs of shards up to k; the group's so far
    const auto end_of = [&](size_t taken) {
      return static_cast<size_t>(static_cast<unsigned __int128>(free) * taken / census.free);
    };
    for (int64_t i = 0; i < g.count; ++i) {
      const uint32_t sim = static_cast<uint32_t>(g.first_sim + i);
      const uint32_t cell = CellOf(scenario, g, i);
      if (Limited(scenario, cell)) {
        shards[static_cast<size_t>(shard_of_cell[cell])].push_back(sim);
        continue;
      }
      while (seen >= end_of(before)) before += takes[++k];
      shards[k].push_back(sim);
      ++seen;
    }
  }
  ShardPlan plan;
  for (auto& s : shards) {
    if (!s.empty()) plan.shards.push_back(std::move(s));
  }
  if (plan.shards.size() < wanted) {
    plan.fewer = WhyFewer(scenario, census, plan.shards.size(), wanted);
  }
  return plan;
}

Scenario ShardScenario(const Scenario& whole, std::vector<uint32_t> sims) {
  Scenario s = whole;
  ShardPart& part = s.shard;
  s.sim_count = 0;
  auto it = sims.begin();
  for (GroupSpec& g : s.groups) {
    part.group_first.push_back(g.first_sim);
    part.group_count.push_back(g.count);
    const auto end = std::lower_bound(it, sims.end(), static_cast<uint32_t>(g.first_sim + g.count));
    const int64_t n = end - it;
    // Consecutive in the group (no cell with a capacity among the group's): where they begin.
    const bool consecutive = n == 0 || static_cast<int64_t>(*(end - 1) - *it) == n - 1;
    part.group_begin.push_back(consecutive ? (n == 0 ? 0 : *it - g.first_sim) : -1);
    std::vector<uint32_t>& indexes = part.group_indexes.emplace_back();
    if (!consecutive) {
      for (auto sim = it; sim != end; ++sim) {
        indexes.push_back(static_cast<uint32_t>(*sim - g.first_sim));
      }
    }
    g.first_sim = s.sim_count;
    g.count = n;
    s.sim_count += n;
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
