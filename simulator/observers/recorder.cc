#include "simulator/observers/recorder.h"

#include <algorithm>
#include <cstdint>

namespace carriersim {
namespace {

// `spill` with `part` / `whole` of its memory. A shard's order words are kept beside its
// records, one for one: with the records' size as `whole` and a word's as `part`, the two logs
// spill at the same count, and the words cost a fraction of what the records do, not as much
// again (10 M SIMs on two threads in under 4 GiB).
SpillOptions Scaled(SpillOptions spill, uint64_t part, uint64_t whole) {
  if (spill.memory != kNoSpill) spill.memory = std::max<uint64_t>(1, spill.memory / whole * part);
  return spill;
}

}  // namespace

Recorder::ShardRecords Recorder::NewShardRecords(const SpillOptions& spill) {
  return ShardRecords{
      SpillLog<uint32_t>(Scaled(spill, sizeof(uint32_t), sizeof(StatusChange)),
                         ".history-order.spill", "the status history's order"),
      SpillLog<uint32_t>(Scaled(spill, sizeof(uint32_t), sizeof(SessionRecord)),
                         ".sessions-order.spill", "the data sessions' order"),
      {},
      // Read only where the shards' counts are merged (each `at:` and the end): a buffer, a
      // tenth of a log's memory.
      SpillLog<WindowCount>(Scaled(spill, 1, 10), ".rates.spill",
                            "the attach requests per second and minute")};
}

Recorder::Recorder(const SimDirectory& directory, const SpillOptions& spill)
    : directory_(directory),
      history_(spill, directory.scenario().groups.size()),
      sessions_(spill),
      signaling_(directory.scenario().groups.size(), directory.scenario().cells.size()),
      recovery_(directory.size(), spill),
      windows_(directory.scenario()),
      actions_(directory.scenario().timeline.size()) {
  const Scenario& scenario = directory.scenario();
  if (!scenario.shard.active()) return;
  shard_ = std::make_unique<ShardRecords>(NewShardRecords(spill));
  const auto log = [&](RateMeter& meter, uint32_t id) {
    meter.log = &shard_->rate_log;
    meter.id = id;
  };
  log(signaling_.per_second, 0);
  log(signaling_.per_minute, 1);
  for (uint32_t c = 0; c < scenario.cells.size(); ++c) {
    if (scenario.cells[c].capacity > 0) continue;  // all in one shard
    log(signaling_.by_cell[c].per_second, 2 + 2 * c);
    log(signaling_.by_cell[c].per_minute, 3 + 2 * c);
  }
}

void Recorder::SpillIfOver(uint64_t bytes) {
  history_.changes.SpillIfOver(bytes);
  sessions_.records.SpillIfOver(bytes);
  recovery_.SpillIfOver(bytes);
  if (!shard_) return;
  shard_->history_order.SpillIfOver(bytes);
  shard_->session_order.SpillIfOver(bytes);
  shard_->rate_log.SpillIfOver(bytes);
}

}  // namespace carriersim
