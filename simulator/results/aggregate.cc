#include "simulator/results/aggregate.h"

#include <algorithm>


namespace carriersim {

void SimTotals::Add(const SimTotals& o) {
  sims += o.sims;
  listed += o.listed;
  online += o.online;
  registered += o.registered;
  uplink_bytes += o.uplink_bytes;
  downlink_bytes += o.downlink_bytes;
  online_ms += o.online_ms;
  sms_sent += o.sms_sent;
  commands_received += o.commands_received;
  attach_attempts += o.attach_attempts;
  attach_rejects += o.attach_rejects;
  pdn_requests += o.pdn_requests;
  radio_ms += o.radio_ms;
  radio_ms_max = std::max(radio_ms_max, o.radio_ms_max);
  modem_reboots += o.modem_reboots;
  status_changes += o.status_changes;
  forced_reactivations += o.forced_reactivations;
  fees.Add(o.fees);
}

bool InScope(const World& world, const ExpectScope& scope, SimId sim) {
  switch (scope.kind) {
    case ExpectScope::Kind::kAll:
      return true;
    case ExpectScope::Kind::kGroup:
      return world.directory().group(sim) == scope.index;
    case ExpectScope::Kind::kCarrier:
      return world.directory().GroupOf(sim).carrier == scope.index;
    case ExpectScope::Kind::kPlan:
      return world.directory().GroupOf(sim).carrier == scope.index &&
             world.network().plan(sim) == scope.plan;
    case ExpectScope::Kind::kCell:
      return world.devices().cell(sim) >= scope.index &&
             world.devices().cell(sim) < scope.index + scope.count;
    case ExpectScope::Kind::kSim:
      return world.directory().GlobalSim(sim) == scope.index;
  }
  return false;
}

bool ListedAtEnd(const World& world, SimId sim) {
  const StatusDef& status = world.network().StableStatusOf(sim);
  if (!status.final || status.retention.empty()) return true;
  const Scenario& s = world.scenario();
  return AddSpan(s.start + world.network().stable_since(sim), status.retention) >
         s.start + s.duration;
}

SimTotals OfSim(const World& world, SimId sim) {
  const Network& network = world.network();
  const Devices& devices = world.devices();
  SimTotals t;
  t.sims = 1;
  t.listed = ListedAtEnd(world, sim);
  t.online = network.online(sim);
  t.registered = devices.modem(sim) == ModemState::kRegistered;
  t.uplink_bytes = network.uplink_bytes(sim);
  t.downlink_bytes = network.downlink_bytes(sim);
  t.online_ms = network.online_ms(sim);
  t.sms_sent = network.sms_sent(sim);
  t.commands_received = network.commands_received(sim);
  t.attach_attempts = devices.attach_attempts(sim);
  t.attach_rejects = devices.rejects(sim);
  t.pdn_requests = devices.pdn_requests(sim);
  t.radio_ms = devices.radio_ms(sim);
  t.radio_ms_max = devices.radio_ms(sim);
  t.modem_reboots = devices.reboots(sim);
  return t;
}

namespace {

// Adds every SIM's figures, fee lines, status changes and forced reactivations into the scopes
// scopes_of(sim, add) hands to add(SimTotals&): one pass over the SIMs and one over each record.
template <typename ScopesOf>
void AddUp(const World& world, ScopesOf scopes_of) {
  for (SimId sim = 0; sim < world.directory().size(); ++sim) {
    const SimTotals one = OfSim(world, sim);
    scopes_of(sim, [&](SimTotals& scope) { scope.Add(one); });
  }
  for (const FeeLine& line : world.ledger().lines) {
    scopes_of(line.sim, [&](SimTotals& scope) { scope.fees.Add(line); });
  }
  for (const StatusChange& c : world.recorder().history().changes) {
    scopes_of(c.sim, [](SimTotals& scope) { ++scope.status_changes; });
  }
  for (const ForcedReactivation& f : world.recorder().forced_reactivations()) {
    scopes_of(f.sim, [](SimTotals& scope) { ++scope.forced_reactivations; });
  }
}

}  // namespace

// The records' part comes from the sums kept as they were made (fee_sums.h, StatusHistory),
// never from the records, which a long run keeps mostly on disk.
Totals Aggregate(const World& world) {
  const Scenario& s = world.scenario();
  const SimDirectory& directory = world.directory();
  const FeeSums& fees = world.ledger().lines.sums();
  const StatusHistory& history = world.recorder().history();
  Totals t;
  t.by_group.resize(s.groups.size());
  t.by_carrier.resize(s.carriers.size());
  for (SimId sim = 0; sim < directory.size(); ++sim) {
    t.by_group[directory.group(sim)].Add(OfSim(world, sim));
  }
  for (size_t g = 0; g < s.groups.size(); ++g) {
    t.by_group[g].fees = fees.by_group()[g];
    t.by_group[g].status_changes = history.by_group[g];
  }
  for (const ForcedReactivation& f : world.recorder().forced_reactivations()) {
    ++t.by_group[directory.group(f.sim)].forced_reactivations;
  }
  t.invoices = fees.by_month();
  for (const auto& [group_and_plan, sum] : fees.by_group_and_plan()) {
    t.fees_by_plan[{s.groups[group_and_plan.first].carrier, group_and_plan.second}].Add(sum);
  }
  t.changes_by_cause = history.by_cause;
  for (size_t g = 0; g < s.groups.size(); ++g) {
    t.by_carrier[s.groups[g].carrier].Add(t.by_group[g]);
    t.all.Add(t.by_group[g]);
  }
  return t;
}

void AddTotals(Totals& into, const Totals& part) {
  into.all.Add(part.all);
  for (size_t g = 0; g < into.by_group.size(); ++g) into.by_group[g].Add(part.by_group[g]);
  for (size_t c = 0; c < into.by_carrier.size(); ++c) into.by_carrier[c].Add(part.by_carrier[c]);
  for (const auto& [month, sum] : part.invoices) into.invoices[month].Add(sum);
  for (const auto& [plan, sum] : part.fees_by_plan) into.fees_by_plan[plan].Add(sum);
  for (size_t c = 0; c < into.changes_by_cause.size(); ++c) {
    into.changes_by_cause[c] += part.changes_by_cause[c];
  }
}

CellAndPlanTotals AggregateByCellAndPlan(const World& world) {
  const Scenario& s = world.scenario();
  std::vector<size_t> plan_offset;  // per carrier: where its plans start in `by_plan`
  size_t plans = 0;
  for (const CarrierSpec& carrier : s.carriers) {
    plan_offset.push_back(plans);
    plans += carrier.profile.plans.size();
  }
  CellAndPlanTotals t;
  t.by_cell.resize(s.cells.size());
  std::vector<SimTotals> by_plan(plans);
  AddUp(
      world,
      [&](SimId sim, auto add) {
        add(t.by_cell[world.devices().cell(sim)]);
        add(by_plan[plan_offset[world.directory().GroupOf(sim).carrier] +
                    world.network().plan(sim)]);
      });
  size_t index = 0;
  for (uint32_t c = 0; c < s.carriers.size(); ++c) {
    for (PlanId p = 0; p < s.carriers[c].profile.plans.size(); ++p, ++index) {
      if (by_plan[index].sims > 0) t.by_plan[{c, p}] = by_plan[index];
    }
  }
  return t;
}

PerSimDetail AggregatePerSim(const World& world, const FeeTotals& charged) {
  const size_t sims = world.directory().size();
  PerSimDetail d;
  d.categories = world.scenario().fee_categories.size();
  d.column.fill(PerSimDetail::kNoColumn);
  for (size_t c = 0; c < d.categories; ++c) {
    if (charged.by_category[c] != 0) d.column[c] = static_cast<uint8_t>(d.columns++);
  }
  d.fees.resize(sims * d.columns);
  d.status_changes.resize(sims);
  d.forced_reactivations.resize(sims);
  for (const FeeLine& line : world.ledger().lines) {
    // A line of a category with no column charged 0 (see PerSimDetail).
    const uint8_t column = d.column[static_cast<size_t>(line.category())];
    if (column != PerSimDetail::kNoColumn) d.fees[line.sim * d.columns + column] += line.micros;
  }
  for (const StatusChange& c : world.recorder().history().changes) ++d.status_changes[c.sim];
  for (const ForcedReactivation& f : world.recorder().forced_reactivations()) {
    ++d.forced_reactivations[f.sim];
  }
  return d;
}

}  // namespace carriersim
