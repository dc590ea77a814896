#include "simulator/results/aggregate.h"

#include <algorithm>

#include "simulator/base/calendar.h"

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

namespace {

// The scopes a SIM belongs to besides `all`: its group, its cell and its current plan (an index
// into a flat table of every carrier's plans). Its carrier follows from its group.
class Scopes {
 public:
  explicit Scopes(const World& world) : world_(world) {
    const Scenario& s = world.scenario();
    for (const CarrierSpec& carrier : s.carriers) {
      plan_offset_.push_back(plans_);
      plans_ += carrier.profile.plans.size();
    }
  }
  size_t plans() const { return plans_; }
  uint32_t group(SimId sim) const { return world_.directory().group(sim); }
  uint32_t cell(SimId sim) const { return world_.devices().cell(sim); }
  size_t plan(SimId sim) const {
    return plan_offset_[world_.directory().GroupOf(sim).carrier] + world_.network().plan(sim);
  }
  // The scopes of `sim`, to add to with fn(SimTotals&).
  template <typename Fn>
  void ForEach(SimId sim, Totals& t, std::vector<SimTotals>& by_plan, Fn fn) const {
    fn(t.by_group[group(sim)]);
    fn(t.by_cell[cell(sim)]);
    fn(by_plan[plan(sim)]);
  }

 private:
  const World& world_;
  std::vector<size_t> plan_offset_;  // per carrier: where its plans start
  size_t plans_ = 0;
};

}  // namespace

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
      return sim == scope.index;
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

void AddFees(const World& world, const Scopes& scopes, Totals& t,
             std::vector<SimTotals>& by_plan) {
  const Scenario& s = world.scenario();
  const MonthTable months = MonthTableFor(s.start);
  // Consecutive lines nearly always share their month and plan: look each up only on a change
  // (map references stay valid as the maps grow).
  int64_t month = -1;
  FeeTotals* month_totals = nullptr;
  std::pair<uint32_t, PlanId> plan{UINT32_MAX, 0};
  FeeTotals* plan_totals = nullptr;
  for (const FeeLine& line : world.ledger().lines) {
    if (const int64_t m = months.Index(s.start + line.time); m != month) {
      month = m;
      month_totals = &t.invoices[m];
    }
    month_totals->Add(line);
    if (const std::pair<uint32_t, PlanId> p{world.directory().GroupOf(line.sim).carrier,
                                            line.plan};
        p != plan) {
      plan = p;
      plan_totals = &t.fees_by_plan[p];
    }
    plan_totals->Add(line);
    scopes.ForEach(line.sim, t, by_plan, [&](SimTotals& scope) { scope.fees.Add(line); });
    t.fees_by_sim[line.sim] += line.micros;
  }
}

}  // namespace

Totals Aggregate(const World& world) {
  const Scenario& s = world.scenario();
  const Scopes scopes(world);
  Totals t;
  t.by_group.resize(s.groups.size());
  t.by_carrier.resize(s.carriers.size());
  t.by_cell.resize(s.cells.size());
  t.fees_by_sim.resize(world.directory().size());
  std::vector<SimTotals> by_plan(scopes.plans());
  for (SimId sim = 0; sim < world.directory().size(); ++sim) {
    const SimTotals one = OfSim(world, sim);
    scopes.ForEach(sim, t, by_plan, [&](SimTotals& scope) { scope.Add(one); });
  }
  AddFees(world, scopes, t, by_plan);
  for (const StatusChange& c : world.recorder().history().changes) {
    scopes.ForEach(c.sim, t, by_plan, [](SimTotals& scope) { ++scope.status_changes; });
    ++t.changes_by_cause[static_cast<size_t>(c.cause)];
  }
  for (const ForcedReactivation& f : world.recorder().forced_reactivations()) {
    scopes.ForEach(f.sim, t, by_plan, [](SimTotals& scope) { ++scope.forced_reactivations; });
  }
  for (size_t g = 0; g < s.groups.size(); ++g) {
    t.by_carrier[s.groups[g].carrier].Add(t.by_group[g]);
    t.all.Add(t.by_group[g]);
  }
  size_t index = 0;
  for (uint32_t c = 0; c < s.carriers.size(); ++c) {
    for (PlanId p = 0; p < s.carriers[c].profile.plans.size(); ++p, ++index) {
      if (by_plan[index].sims > 0) t.by_plan[{c, p}] = by_plan[index];
    }
  }
  return t;
}

PerSimDetail AggregatePerSim(const World& world) {
  const size_t sims = world.directory().size();
  PerSimDetail d;
  d.fees.resize(sims);
  d.status_changes.resize(sims);
  d.forced_reactivations.resize(sims);
  for (const FeeLine& line : world.ledger().lines) {
    d.fees[line.sim][static_cast<size_t>(line.category())] += line.micros;
  }
  for (const StatusChange& c : world.recorder().history().changes) ++d.status_changes[c.sim];
  for (const ForcedReactivation& f : world.recorder().forced_reactivations()) {
    ++d.forced_reactivations[f.sim];
  }
  return d;
}

}  // namespace carriersim
