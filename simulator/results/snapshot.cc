#include "simulator/results/snapshot.h"

#include <algorithm>

namespace carriersim {

Snapshot::Snapshot(const World& world, const StatusCensus& census)
    : directory_(world.directory()), parts_{{&world, &census}}, totals_(Aggregate(world)) {}

Snapshot::Snapshot(const SimDirectory& directory, std::vector<Part> parts,
                   const MergedShards& merged, const std::vector<Totals>& part_totals)
    : directory_(directory), parts_(std::move(parts)), merged_(&merged) {
  totals_.by_group.resize(scenario().groups.size());
  totals_.by_carrier.resize(scenario().carriers.size());
  for (size_t k = 0; k < parts_.size(); ++k) {
    AddTotals(totals_, part_totals.empty() ? Aggregate(*parts_[k].world) : part_totals[k]);
  }
}

std::pair<const Snapshot::Part*, SimId> Snapshot::Find(SimId sim) const {
  if (merged_ == nullptr) return {&parts_.front(), sim};
  const uint32_t g = directory_.group(sim);
  const int64_t index = sim - scenario().groups[g].first_sim;
  for (const Part& p : parts_) {
    const SimId here = p.world->directory().SimAt(g, index);
    if (here != kOtherShard) return {&p, here};
  }
  throw std::logic_error("SIM " + std::to_string(sim) + " is in no shard");
}

StatusId Snapshot::status(SimId sim) const {
  const auto [part, local] = Find(sim);
  return part->census->status(local);
}

int64_t Snapshot::InGroup(uint32_t group, StatusId status) const {
  int64_t n = 0;
  for (const Part& p : parts_) n += p.census->InGroup(group, status);
  return n;
}

const SignalingMetrics& Snapshot::signaling() const {
  return merged_ ? merged_->signaling : parts_.front().world->recorder().signaling();
}

const std::vector<MassEvent>& Snapshot::mass_events() const {
  return merged_ ? merged_->mass_events : parts_.front().world->recorder().recovery().events();
}

const std::vector<ActionOutcome>& Snapshot::actions() const {
  return merged_ ? merged_->actions : parts_.front().world->recorder().actions();
}

int64_t Snapshot::fees_of(SimId sim) const {
  const auto [part, local] = Find(sim);
  return part->world->ledger().lines.sums().by_sim()[local];
}

std::pair<const PerSimDetail*, SimId> Snapshot::DetailOf(SimId sim) const {
  if (details_.empty()) {
    // Each part's own: the SIMs' columns are the whole run's categories charged.
    for (const Part& p : parts_) details_.push_back(AggregatePerSim(*p.world, totals_.all.fees));
  }
  const auto [part, local] = Find(sim);
  return {&details_[static_cast<size_t>(part - parts_.data())], local};
}

const CellAndPlanTotals& Snapshot::by_cell_and_plan() const {
  if (by_cell_and_plan_) return *by_cell_and_plan_;
  CellAndPlanTotals& t = by_cell_and_plan_.emplace(AggregateByCellAndPlan(*parts_.front().world));
  for (size_t k = 1; k < parts_.size(); ++k) {
    const CellAndPlanTotals part = AggregateByCellAndPlan(*parts_[k].world);
    for (size_t c = 0; c < t.by_cell.size(); ++c) t.by_cell[c].Add(part.by_cell[c]);
    for (const auto& [plan, sum] : part.by_plan) t.by_plan[plan].Add(sum);
  }
  return t;
}

bool InScope(const Snapshot& now, const ExpectScope& scope, SimId sim) {
  const auto [part, local] = now.Find(sim);
  return InScope(*part->world, scope, local);
}

}  // namespace carriersim
