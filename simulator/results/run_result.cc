#include "simulator/results/run_result.h"

#include <algorithm>

#include "simulator/results/sharded_run.h"
#include "simulator/results/snapshot.h"

namespace carriersim {

RunResult::RunResult(std::unique_ptr<World> world, std::unique_ptr<StatusCensus> census,
                     std::unique_ptr<Snapshot> end, TimeseriesTable timeseries,
                     std::vector<ExpectationResult> expectations)
    : world_(std::move(world)),
      census_(std::move(census)),
      end_(std::move(end)),
      timeseries_(std::move(timeseries)),
      expectations_(std::move(expectations)),
      ledger_({{&world_->ledger().lines, nullptr}}, {}),
      history_(world_->recorder().history().changes),
      sessions_(world_->recorder().sessions().records) {}

RunResult::RunResult(std::unique_ptr<ShardedParts> shards, std::unique_ptr<Snapshot> end,
                     TimeseriesTable timeseries, std::vector<ExpectationResult> expectations)
    : shards_(std::move(shards)),
      end_(std::move(end)),
      timeseries_(std::move(timeseries)),
      expectations_(std::move(expectations)) {
  std::vector<FeeRecords::Part> fees;
  std::vector<HistoryRecords::Part> history;
  std::vector<SessionRecordsOfRun::Part> sessions;
  for (const std::unique_ptr<World>& w : shards_->worlds) {
    const Recorder& r = w->recorder();
    fees.push_back({&w->ledger().lines, &w->directory()});
    history.push_back({&r.history().changes, &r.shard()->history_order, &w->directory()});
    sessions.push_back({&r.sessions().records, &r.shard()->session_order, &w->directory()});
  }
  ledger_ = FeeRecords(std::move(fees), shards_->spill);
  history_ = HistoryRecords(std::move(history));
  sessions_ = SessionRecordsOfRun(std::move(sessions));
  std::vector<const StatusCensus*> censuses;
  for (const std::unique_ptr<StatusCensus>& c : shards_->censuses) censuses.push_back(c.get());
  census_ = std::make_unique<StatusCensus>(*shards_->directory, censuses);
}

RunResult::RunResult(RunResult&&) noexcept = default;
RunResult& RunResult::operator=(RunResult&&) noexcept = default;
RunResult::~RunResult() = default;

const Scenario& RunResult::scenario() const { return directory().scenario(); }
const SimDirectory& RunResult::directory() const {
  return shards_ ? *shards_->directory : world_->directory();
}
uint64_t RunResult::seed() const { return directory().seed(); }
uint64_t RunResult::events() const { return shards_ ? shards_->merged->events : world_->events(); }

const SignalingMetrics& RunResult::signaling() const { return end_->signaling(); }
const std::vector<MassEvent>& RunResult::mass_events() const { return end_->mass_events(); }
const std::vector<ForcedReactivation>& RunResult::forced_reactivations() const {
  return shards_ ? shards_->merged->forced : world_->recorder().forced_reactivations();
}
const std::vector<ActionOutcome>& RunResult::actions() const { return end_->actions(); }
const EventWindows& RunResult::event_windows() const {
  return shards_ ? shards_->merged->windows : world_->recorder().event_windows();
}
SimTime RunResult::account_terminated(uint32_t carrier) const {
  return shards_ ? shards_->merged->account_terminated[carrier]
                 : world_->network().account_terminated(carrier);
}

const Totals& RunResult::totals() const { return end_->totals(); }

size_t RunResult::expectation_failures() const {
  return static_cast<size_t>(std::count_if(expectations_.begin(), expectations_.end(),
                                           [](const ExpectationResult& r) { return !r.passed; }));
}

SimRow RunResult::Sim(SimId sim) const {
  SimRow row = SimWithoutCategories(sim);
  const auto [detail, in_part] = end_->DetailOf(sim);
  row.fees_by_category = detail->FeesOf(in_part);
  return row;
}

SimRow RunResult::SimWithoutCategories(SimId sim) const {
  const auto [part, local] = end_->Find(sim);
  const World& world = *part->world;
  const Network& network = world.network();
  const Devices& devices = world.devices();
  SimRow row;
  row.group = directory().group(sim);
  row.plan = network.plan(local);
  row.status = network.status(local);
  row.online = network.online(local);
  row.listed = ListedAtEnd(world, local);
  row.renewal_since = world.billing().renewal_since(local);
  row.uplink_bytes = network.uplink_bytes(local);
  row.downlink_bytes = network.downlink_bytes(local);
  row.online_ms = network.online_ms(local);
  row.sms_sent = network.sms_sent(local);
  row.commands_received = network.commands_received(local);
  row.attach_attempts = devices.attach_attempts(local);
  row.attach_rejects = devices.rejects(local);
  row.pdn_requests = devices.pdn_requests(local);
  row.cell = devices.cell(local);
  row.modem = ModemStateName(devices.modem(local));
  row.radio_ms = devices.radio_ms(local);
  row.modem_reboots = devices.reboots(local);
  row.fees = end_->fees_of(sim);
  return row;
}

TrafficTally RunResult::UsageOf(const SessionRecord& session) const {
  const auto [part, local] = end_->Find(session.sim);
  return part->world->devices().Traffic(local, session.opened,
                                        std::min(session.closed, scenario().duration));
}

}  // namespace carriersim
