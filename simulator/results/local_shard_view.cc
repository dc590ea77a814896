#include "simulator/results/local_shard_view.h"

#include <algorithm>

#include "simulator/results/measure_part.h"

namespace carriersim {

Totals LocalShardView::Aggregate() const { return carriersim::Aggregate(world_); }

CellAndPlanTotals LocalShardView::ByCellAndPlan() const {
  return AggregateByCellAndPlan(world_);
}

const PerSimDetail& LocalShardView::Detail(const FeeTotals& charged) const {
  if (!detail_) detail_.emplace(AggregatePerSim(world_, charged));
  return *detail_;
}

SimTotals LocalShardView::OneSim(SimId sim, const FeeTotals& charged) const {
  SimTotals one = OfSim(world_, sim);
  const PerSimDetail& detail = Detail(charged);
  one.fees.total = world_.ledger().lines.sums().by_sim()[sim];
  one.fees.by_category = detail.FeesOf(sim);
  one.status_changes = detail.status_changes[sim];
  one.forced_reactivations = detail.forced_reactivations[sim];
  return one;
}

SimRow LocalShardView::Row(SimId sim, bool categories, const FeeTotals& charged) const {
  const Network& network = world_.network();
  const Devices& devices = world_.devices();
  SimRow row;
  row.plan = network.plan(sim);
  row.status = network.status(sim);
  row.online = network.online(sim);
  row.listed = ListedAtEnd(world_, sim);
  row.renewal_since = world_.billing().renewal_since(sim);
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
  row.fees = world_.ledger().lines.sums().by_sim()[sim];
  if (categories) row.fees_by_category = Detail(charged).FeesOf(sim);
  return row;
}

TrafficTally LocalShardView::Usage(SimId sim, SimTime from, SimTime to) const {
  return world_.devices().Traffic(sim, from, to);
}

int64_t LocalShardView::CountInStatus(const Expectation& e) const {
  return CountInStatusOf(world_, census_, e.scope, e.parameter);
}

int64_t LocalShardView::NarrowedRecords(const Expectation& e) const {
  return NarrowedRecordsOf(world_, e);
}

std::vector<SimValue> LocalShardView::Values(const Expectation& e) const {
  return ValuesOf(world_, census_, e);
}

std::vector<SimValue> LocalShardView::EventEnergy(const Expectation& e) const {
  return EventEnergyOf(world_, e);
}

std::vector<RecoveryPart> LocalShardView::Recovery(const Expectation& e) const {
  return RecoveryOf(world_, e);
}

ShardCounts LocalShardView::Counts() const {
  const Recorder& r = world_.recorder();
  return {&world_.directory(),
          &r.signaling(),
          &r.recovery().events(),
          &r.forced_reactivations(),
          &r.actions(),
          &world_.network().terminate_remaining(),
          &r.event_windows(),
          r.shard(),
          world_.events(),
          world_.timeline_events()};
}

PartRecords LocalShardView::Records() const {
  const Recorder& r = world_.recorder();
  const Recorder::ShardRecords* shard = r.shard();
  return {&r.history().changes, shard != nullptr ? &shard->history_order : nullptr,
          &r.sessions().records, shard != nullptr ? &shard->session_order : nullptr,
          &world_.ledger().lines};
}

}  // namespace carriersim
