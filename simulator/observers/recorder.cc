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
      {}});
  const auto log = [&](RateMeter& meter, const std::string& what) {
    shard_->rate_logs.push_back(std::make_unique<SpillLog<WindowCount>>(
        spill, ".rate-" + std::to_string(shard_->rate_logs.size()) + ".spill", what));
    meter.log = shard_->rate_logs.back().get();
  };
  log(signaling_.per_second, "the network's attach requests per second");
  log(signaling_.per_minute, "the network's attach requests per minute");
  for (size_t c = 0; c < scenario.cells.size(); ++c) {
    if (scenario.cells[c].capacity > 0) {
      shard_->rate_logs.resize(shard_->rate_logs.size() + 2);
      continue;
    }
    const std::string& name = scenario.cells[c].name;
    log(signaling_.by_cell[c].per_second, "attach requests per second in cell " + name);
    log(signaling_.by_cell[c].per_minute, "attach requests per minute in cell " + name);
  }
}

}  // namespace carriersim
