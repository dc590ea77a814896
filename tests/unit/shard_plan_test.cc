// PlanShards and ShardScenario (scenario/shard_plan.h): every SIM in exactly one shard, each
// cell with a capacity whole in one, the shards about even, and a shard's SIMs the same SIMs as
// in the whole fleet: the same names, random-stream keys and cells.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "simulator/scenario/shard_plan.h"
#include "simulator/scenario/sim_directory.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Two capacity cells of one set, a capacity cell alone, and SIMs on the unlimited default cell.
const char* const kFleet = R"(name: shards
start: 2026-03-01T00:00:00Z
duration: 1h
carriers:
  soracom: { profile: soracom }
network:
  cells:
    - { name: open }
    - { name: metro, count: 2, capacity: 4/s }
    - { name: rural, capacity: 40/min }
devices:
  plain: { boot: 3s }
fleet:
  - { group: a, count: 7, carrier: soracom, plan: plan01s, device: plain }
  - { group: city, count: 9, carrier: soracom, plan: plan01s, device: plain, cell: metro }
  - { group: farm, count: 5, carrier: soracom, plan: plan01s, device: plain, cell: rural }
  - { group: b, count: 6, carrier: soracom, plan: plan01s, device: plain, cell: open }
)";

uint32_t CellOf(const SimDirectory& d, SimId sim) {
  const CellSet& cells = d.scenario().cell_sets[d.GroupOf(sim).cell_set];
  return cells.first + static_cast<uint32_t>(d.IndexInGroup(sim) % cells.count);
}

TEST_CASE("a shard plan puts every SIM in one shard and keeps each capacity cell whole",
          "[shards]") {
  const Scenario whole = test::LoadValid(kFleet);
  const SimDirectory all(whole, 7);
  for (uint32_t wanted : {1u, 2u, 3u, 4u, 8u, 100u}) {
    INFO("shards wanted: " << wanted);
    const ShardPlan plan = PlanShards(whole, wanted);
    REQUIRE(!plan.shards.empty());
    CHECK(plan.shards.size() <= wanted);
    CHECK(plan.fewer.empty() == (plan.shards.size() == wanted));
    std::set<uint32_t> seen;
    std::vector<int> shard_of_cell(whole.cells.size(), -1);
    size_t smallest = SIZE_MAX, largest = 0;
    for (size_t k = 0; k < plan.shards.size(); ++k) {
      const std::vector<uint32_t>& sims = plan.shards[k];
      CHECK(std::is_sorted(sims.begin(), sims.end()));
      smallest = std::min(smallest, sims.size());
      largest = std::max(largest, sims.size());
      for (uint32_t sim : sims) {
        CHECK(seen.insert(sim).second);
        const uint32_t cell = CellOf(all, sim);
        if (whole.cells[cell].capacity == 0) continue;
        if (shard_of_cell[cell] < 0) shard_of_cell[cell] = static_cast<int>(k);
        CHECK(shard_of_cell[cell] == static_cast<int>(k));
      }
    }
    CHECK(seen.size() == static_cast<size_t>(whole.sim_count));
    // 27 SIMs, the largest cell with a capacity holds 5: two shards split 14/13.
    if (wanted == 2) CHECK(largest - smallest <= 1);
  }
  // 3 cells with a capacity, and 13 SIMs that go one to a shard, less where two groups' shares
  // round down in the same shard.
  CHECK(PlanShards(whole, 100).fewer ==
        "100 shards asked, 15 made: cell metro-1 has a capacity, so its 5 SIMs run together");
}

TEST_CASE("a shard's SIMs keep their names keys and cells from the whole fleet", "[shards]") {
  const Scenario whole = test::LoadValid(kFleet);
  const SimDirectory all(whole, 7);
  const ShardPlan plan = PlanShards(whole, 3);
  REQUIRE(plan.shards.size() == 3);
  size_t sims = 0;
  for (uint32_t k = 0; k < 3; ++k) {
    const Scenario part = ShardScenario(whole, plan.shards[k]);
    const SimDirectory here(part, 7);
    REQUIRE(here.size() == plan.shards[k].size());
    CHECK(part.groups.size() == whole.groups.size());
    for (SimId sim = 0; sim < here.size(); ++sim) {
      const SimId global = here.GlobalSim(sim);
      CHECK(global == plan.shards[k][sim]);
      CHECK(here.SimName(sim) == all.SimName(global));
      CHECK(here.DeviceKey(sim) == all.DeviceKey(global));
      CHECK(here.group(sim) == all.group(global));
      CHECK(CellOf(here, sim) == CellOf(all, global));
      CHECK(here.SimAt(here.group(sim), here.IndexInGroup(sim)) == sim);
      ++sims;
    }
    for (uint32_t g = 0; g < whole.groups.size(); ++g) {
      CHECK(here.GroupSize(g) == whole.groups[g].count);
      std::vector<uint32_t> every_other;  // an action's selection: ascending indexes
      for (uint32_t i = 0; i < whole.groups[g].count; i += 2) every_other.push_back(i);
      SimDirectory::GroupWalk walk = here.Walk(g);
      for (uint32_t i : every_other) CHECK(walk.At(i) == here.SimAt(g, i));
      for (int64_t i = 0; i < whole.groups[g].count; ++i) {
        const SimId at = here.SimAt(g, i);
        const SimId global = static_cast<SimId>(whole.groups[g].first_sim + i);
        const bool mine = std::binary_search(plan.shards[k].begin(), plan.shards[k].end(), global);
        CHECK((at != kOtherShard) == mine);
      }
    }
  }
  CHECK(sims == static_cast<size_t>(whole.sim_count));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
