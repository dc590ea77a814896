#include "simulator/results/run_records.h"

#include <algorithm>
#include <memory>

namespace carriersim {

size_t FeeRecords::size() const {
  size_t n = 0;
  for (const Part& p : parts_) n += p.ledger->size();
  return n;
}

uint64_t FeeRecords::on_disk() const {
  uint64_t n = 0;
  for (const Part& p : parts_) n += p.ledger->on_disk();
  return n;
}

void FeeRecords::ForEachByTime(const std::function<void(const FeeLine&)>& emit) const {
  if (parts_.size() == 1 && parts_[0].directory == nullptr) {
    parts_[0].ledger->ForEachByTime(emit);
    return;
  }
  // Each shard's lines in ledger.csv's order, with whole-fleet SIMs, then merged: no two
  // shards share a SIM, so (time, SIM) never ties across shards.
  std::vector<std::unique_ptr<SpillLog<FeeLine>>> sorted;
  for (size_t k = 0; k < parts_.size(); ++k) {
    SpillOptions spill = spill_;  // the shards share the run's record memory
    if (spill.memory != kNoSpill) {
      spill.shared_memory = spill.memory;
      spill.memory = std::max<uint64_t>(1, spill.memory / parts_.size());
    }
    spill.name_prefix += ".shard-" + std::to_string(k);
    auto& log = *sorted.emplace_back(std::make_unique<SpillLog<FeeLine>>(
        spill, ".ledger-merge.spill", "the fee ledger, sorted by time, of one shard"));
    const SimDirectory& directory = *parts_[k].directory;
    parts_[k].ledger->ForEachByTime([&](const FeeLine& line) {
      FeeLine global = line;
      global.sim = directory.GlobalSim(line.sim);
      log.push_back(global);
    });
  }
  std::vector<const SpillLog<FeeLine>*> logs;
  for (const auto& log : sorted) logs.push_back(log.get());
  MergeSorted(
      logs,
      [](const FeeLine& a, const FeeLine& b) {
        return a.time != b.time ? a.time < b.time : a.sim < b.sim;
      },
      emit);
}

}  // namespace carriersim
