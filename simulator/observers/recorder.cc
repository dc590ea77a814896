#include "simulator/observers/recorder.h"

namespace carriersim {

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
  shard_ = std::make_unique<ShardRecords>(ShardRecords{
      SpillLog<uint32_t>(spill, ".history-order.spill", "the status history's order"),
      SpillLog<uint32_t>(spill, ".sessions-order.spill", "the data sessions' order"),
      {},
      SpillLog<WindowCount>(spill, ".rates.spill", "the attach requests per second and minute")});
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

}  // namespace carriersim
