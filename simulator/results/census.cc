#include "simulator/results/census.h"

#include <algorithm>

namespace carriersim {

StatusCensus::StatusCensus(const SimDirectory& directory, const HistoryRecords& changes)
    : directory_(directory), changes_(changes, 0), status_(directory.size()) {
  NameColumns();
  const Scenario& scenario = directory.scenario();
  for (const GroupSpec& g : scenario.groups) {
    std::vector<int64_t>& counts =
        by_group_.emplace_back(scenario.carriers[g.carrier].profile.statuses.size(), 0);
    counts[g.status] = g.count;
    std::fill_n(status_.begin() + g.first_sim, g.count, g.status);
  }
}

StatusCensus::StatusCensus(const SimDirectory& whole,
                           std::vector<std::vector<int64_t>> by_group)
    : directory_(whole), changes_(HistoryRecords(), 0), by_group_(std::move(by_group)) {
  NameColumns();
}

// Status names of every carrier in profile order, each once.
void StatusCensus::NameColumns() {
  for (const CarrierSpec& c : directory_.scenario().carriers) {
    std::vector<size_t>& of = column_.emplace_back();
    for (const StatusDef& status : c.profile.statuses) {
      const auto it = std::find(columns_.begin(), columns_.end(), status.name);
      of.push_back(static_cast<size_t>(it - columns_.begin()));
      if (it == columns_.end()) columns_.push_back(status.name);
    }
  }
}

void StatusCensus::AdvanceTo(SimTime t) {
  for (;;) {
    if (!held_ && !changes_.Next(&next_)) return;
    held_ = true;
    if (next_.time > t) return;
    held_ = false;
    std::vector<int64_t>& counts = by_group_[directory_.group(next_.sim)];
    --counts[next_.from];
    ++counts[next_.to];
    status_[next_.sim] = next_.to;
  }
}

std::vector<int64_t> StatusCensus::ByColumn() const {
  std::vector<int64_t> counts(columns_.size());
  for (uint32_t g = 0; g < by_group_.size(); ++g) {
    const std::vector<int64_t> group = ByColumnOfGroup(g);
    for (size_t c = 0; c < counts.size(); ++c) counts[c] += group[c];
  }
  return counts;
}

std::vector<int64_t> StatusCensus::ByColumnOfGroup(uint32_t group) const {
  std::vector<int64_t> counts(columns_.size());
  const std::vector<size_t>& of = column_[directory_.scenario().groups[group].carrier];
  for (size_t s = 0; s < by_group_[group].size(); ++s) counts[of[s]] += by_group_[group][s];
  return counts;
}

}  // namespace carriersim
