#include "simulator/results/run_result.h"

#include <algorithm>

#include "simulator/results/snapshot.h"

namespace carriersim {

RunResult::RunResult(std::unique_ptr<World> world, std::unique_ptr<StatusCensus> census,
                     std::unique_ptr<Snapshot> end, TimeseriesTable timeseries,
                     std::vector<ExpectationResult> expectations)
    : world_(std::move(world)),
      census_(std::move(census)),
      end_(std::move(end)),
      timeseries_(std::move(timeseries)),
      expectations_(std::move(expectations)) {}

RunResult::RunResult(RunResult&&) noexcept = default;
RunResult& RunResult::operator=(RunResult&&) noexcept = default;
RunResult::~RunResult() = default;

const Scenario& RunResult::scenario() const { return world_->scenario(); }
const SimDirectory& RunResult::directory() const { return world_->directory(); }
uint64_t RunResult::seed() const { return world_->seed(); }
uint64_t RunResult::events() const { return world_->events(); }

const FeeLedger& RunResult::ledger() const { return world_->ledger().lines; }
const SpillLog<StatusChange>& RunResult::history() const {
  return world_->recorder().history().changes;
}
const SessionRecords& RunResult::sessions() const {
  return world_->recorder().sessions().records;
}
const SignalingMetrics& RunResult::signaling() const { return world_->recorder().signaling(); }
const std::vector<MassEvent>& RunResult::mass_events() const {
  return world_->recorder().recovery().events();
}
const std::vector<ForcedReactivation>& RunResult::forced_reactivations() const {
  return world_->recorder().forced_reactivations();
}
const std::vector<ActionOutcome>& RunResult::actions() const {
  return world_->recorder().actions();
}
const EventWindows& RunResult::event_windows() const {
  return world_->recorder().event_windows();
}
SimTime RunResult::account_terminated(uint32_t carrier) const {
  return world_->network().account_terminated(carrier);
}

const Totals& RunResult::totals() const { return end_->totals(); }

size_t RunResult::expectation_failures() const {
  return static_cast<size_t>(std::count_if(expectations_.begin(), expectations_.end(),
                                           [](const ExpectationResult& r) { return !r.passed; }));
}

SimRow RunResult::Sim(SimId sim) const {
  const Network& network = world_->network();
  const Devices& devices = world_->devices();
  SimRow row;
  row.group = world_->directory().group(sim);
  row.plan = network.plan(sim);
  row.status = network.status(sim);
  row.online = network.online(sim);
  row.listed = ListedAtEnd(*world_, sim);
  row.renewal_since = world_->billing().renewal_since(sim);
  row.uplink_bytes = network.uplink_bytes(sim);
  row.downlink_bytes = network.downlink_bytes(sim);
  row.online_ms = network.online_ms(sim);
  row.sms_sent = network.sms_sent(sim);
  row.commands_received = network.commands_received(sim);
  row.attach_attempts = devices.attach_attempts(sim);
  row.attach_rejects = devices.rejects(sim);
  row.pdn_requests = devices.pdn_requests(sim);
  row.cell = devices.cell(sim);
  row.modem = ModemStateName(devices.modem(sim));
  row.radio_ms = devices.radio_ms(sim);
  row.modem_reboots = devices.reboots(sim);
  row.fees_by_category = end_->per_sim().FeesOf(sim);
  row.fees = end_->fees_of(sim);
  return row;
}

TrafficTally RunResult::UsageOf(const SessionRecord& session) const {
  return world_->devices().Traffic(session.sim, session.opened,
                                   std::min(session.closed, scenario().duration));
}

}  // namespace carriersim
