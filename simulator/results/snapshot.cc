#include "simulator/results/snapshot.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "simulator/results/local_shard_view.h"

namespace carriersim {

Snapshot::Snapshot(const World& world, const StatusCensus& census)
    : directory_(world.directory()),
      world_(std::make_unique<LocalShardView>(world, census)),
      parts_{world_.get()},
      totals_(world_->Aggregate()) {}

Snapshot::Snapshot(const SimDirectory& directory, std::vector<const ShardView*> parts,
                   const MergedShards& merged, const std::vector<Totals>& part_totals)
    : directory_(directory), parts_(std::move(parts)), merged_(&merged) {
  totals_.by_group.resize(scenario().groups.size());
  totals_.by_carrier.resize(scenario().carriers.size());
  for (size_t k = 0; k < parts_.size(); ++k) {
    AddTotals(totals_, part_totals.empty() ? parts_[k]->Aggregate() : part_totals[k]);
  }
}

Snapshot::~Snapshot() = default;

std::pair<const ShardView*, SimId> Snapshot::Find(SimId sim) const {
  if (merged_ == nullptr) return {parts_.front(), sim};
  const uint32_t g = directory_.group(sim);
  const int64_t index = sim - scenario().groups[g].first_sim;
  for (const ShardView* p : parts_) {
    const SimId here = p->directory().SimAt(g, index);
    if (here != kOtherShard) return {p, here};
  }
  throw std::logic_error("SIM " + std::to_string(sim) + " is in no shard");
}

StatusId Snapshot::status(SimId sim) const {
  const auto [part, local] = Find(sim);
  return part->Status(local);
}

int64_t Snapshot::InGroup(uint32_t group, StatusId status) const {
  int64_t n = 0;
  for (const ShardView* p : parts_) n += p->InGroup(group, status);
  return n;
}

const SignalingMetrics& Snapshot::signaling() const {
  return merged_ ? merged_->signaling : *parts_.front()->Counts().signaling;
}

const std::vector<MassEvent>& Snapshot::mass_events() const {
  return merged_ ? merged_->mass_events : *parts_.front()->Counts().mass_events;
}

const std::vector<ActionOutcome>& Snapshot::actions() const {
  return merged_ ? merged_->actions : *parts_.front()->Counts().actions;
}

const CellAndPlanTotals& Snapshot::by_cell_and_plan() const {
  if (by_cell_and_plan_) return *by_cell_and_plan_;
  CellAndPlanTotals& t = by_cell_and_plan_.emplace(parts_.front()->ByCellAndPlan());
  for (size_t k = 1; k < parts_.size(); ++k) {
    const CellAndPlanTotals part = parts_[k]->ByCellAndPlan();
    for (size_t c = 0; c < t.by_cell.size(); ++c) t.by_cell[c].Add(part.by_cell[c]);
    for (const auto& [plan, sum] : part.by_plan) t.by_plan[plan].Add(sum);
  }
  return t;
}

}  // namespace carriersim
