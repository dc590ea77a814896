#include "reports/expectations.h"

#include <algorithm>

#include "reports/fees.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

bool InScope(const World& world, const ExpectScope& scope, SimId sim) {
  using Kind = ExpectScope::Kind;
  switch (scope.kind) {
    case Kind::kAll:
      return true;
    case Kind::kGroup:
      return world.subscribers.group[sim] == scope.index;
    case Kind::kCarrier:
      return world.GroupOf(sim).carrier == scope.index;
    case Kind::kPlan:
      return world.GroupOf(sim).carrier == scope.index && world.billing.plan(sim) == scope.plan;
    case Kind::kCell:
      return world.fleet.cell[sim] >= scope.index &&
             world.fleet.cell[sim] < scope.index + scope.count;
    case Kind::kSim:
      return sim == scope.index;
  }
  return false;
}

// Sums `value(sim)` over the SIMs in scope.
template <typename Fn>
int64_t SumOverSims(const World& world, const ExpectScope& scope, Fn value) {
  int64_t total = 0;
  if (scope.kind == ExpectScope::Kind::kSim) return static_cast<int64_t>(value(scope.index));
  for (SimId sim = 0; sim < world.subscribers.size(); ++sim) {
    if (InScope(world, scope, sim)) total += static_cast<int64_t>(value(sim));
  }
  return total;
}

int64_t Fees(const World& world, const Expectation& e) {
  int64_t total = 0;
  for (const FeeLine& line : world.ledger.lines) {
    if (!InScope(world, e.scope, line.sim)) continue;
    if (e.metric == MetricId::kFeesInCategory && FeeCategoryName(line.category()) != e.parameter) {
      continue;
    }
    total += line.micros;
  }
  return total;
}

// Counters the network keeps per group and in total; per cell, where it keeps them per cell.
int64_t NetworkCounter(const World& world, const Expectation& e) {
  if (e.scope.kind == ExpectScope::Kind::kCell) {
    int64_t total = 0;
    const int cause = e.metric == MetricId::kRejectsByCause ? std::stoi(e.parameter) : -1;
    for (uint32_t c = e.scope.index; c < e.scope.index + e.scope.count; ++c) {
      const CellStats& s = world.cells.stats[c];
      switch (e.metric) {
        case MetricId::kNetworkAttempts:
          total += static_cast<int64_t>(s.attempts);
          break;
        case MetricId::kAttachAccepts:
          total += static_cast<int64_t>(s.accepts);
          break;
        case MetricId::kAttachRejects:
          for (const auto& [unused, n] : s.rejects_by_cause) total += static_cast<int64_t>(n);
          break;
        case MetricId::kRejectsByCause:
          if (auto it = s.rejects_by_cause.find(static_cast<uint8_t>(cause));
              it != s.rejects_by_cause.end()) {
            total += static_cast<int64_t>(it->second);
          }
          break;
        case MetricId::kCollateral:
          total += static_cast<int64_t>(s.collateral);
          break;
        case MetricId::kUnanswered:
          total += static_cast<int64_t>(s.unanswered);
          break;
        case MetricId::kPeakPerSecond:
          total = std::max(total, static_cast<int64_t>(s.per_second.peak));
          break;
        case MetricId::kPeakPerMinute:
          total = std::max(total, static_cast<int64_t>(s.per_minute.peak));
          break;
        default:
          break;
      }
    }
    return total;
  }
  const SignalingCounters& c = e.scope.kind == ExpectScope::Kind::kGroup
                                   ? world.metrics.by_group[e.scope.index]
                                   : world.metrics.total;
  switch (e.metric) {
    case MetricId::kNetworkAttempts:
      return static_cast<int64_t>(c.attach_attempts);
    case MetricId::kAttachAccepts:
      return static_cast<int64_t>(c.attach_accepts);
    case MetricId::kAttachRejects:
      return static_cast<int64_t>(c.AttachRejects());
    case MetricId::kRejectsByCause:
      return static_cast<int64_t>(c.rejects_by_cause[static_cast<size_t>(std::stoi(e.parameter))]);
    case MetricId::kNetworkDetaches:
      return static_cast<int64_t>(c.network_detaches);
    case MetricId::kSessionsOpened:
      return static_cast<int64_t>(c.sessions_opened);
    case MetricId::kCollateral:
      return static_cast<int64_t>(c.collateral_congestion);
    case MetricId::kWithoutCell:
      return static_cast<int64_t>(c.attempts_without_cell);
    case MetricId::kUnanswered:
      return static_cast<int64_t>(c.unanswered);
    case MetricId::kPeakPerSecond:
      return static_cast<int64_t>(world.cells.per_second.peak);
    case MetricId::kPeakPerMinute:
      return static_cast<int64_t>(world.cells.per_minute.peak);
    default:
      return 0;
  }
}

bool Compare(const Expectation& e, int64_t actual) {
  const int64_t t = e.tolerance;
  switch (e.op) {
    case CompareOp::kLess:
      return actual < e.value + t;
    case CompareOp::kLessEqual:
      return actual <= e.value + t;
    case CompareOp::kEqual:
      return actual >= e.value - t && actual <= e.value + t;
    case CompareOp::kNotEqual:
      return actual < e.value - t || actual > e.value + t;
    case CompareOp::kGreaterEqual:
      return actual >= e.value - t;
    case CompareOp::kGreater:
      return actual > e.value - t;
    case CompareOp::kBetween:
      return actual >= e.value - t && actual <= e.high + t;
  }
  return false;
}

}  // namespace

std::optional<int64_t> MeasureMetric(const World& world, const Expectation& e) {
  const Subscribers& subs = world.subscribers;
  const Fleet& fleet = world.fleet;
  const ExpectScope& scope = e.scope;
  switch (e.metric) {
    case MetricId::kSims:
      return SumOverSims(world, scope, [](SimId) { return 1; });
    case MetricId::kSimsInStatus:
      return SumOverSims(world, scope, [&](SimId s) {
        return world.ProfileOf(s).statuses[subs.status[s]].name == e.parameter;
      });
    case MetricId::kSimsOnline:
      return SumOverSims(world, scope, [&](SimId s) { return subs.online[s]; });
    case MetricId::kSimsRegistered:
      return SumOverSims(world, scope,
                         [&](SimId s) { return fleet.modem[s] == ModemState::kRegistered; });
    case MetricId::kUplink:
      return SumOverSims(world, scope, [&](SimId s) { return subs.uplink_bytes[s]; });
    case MetricId::kDownlink:
      return SumOverSims(world, scope, [&](SimId s) { return subs.downlink_bytes[s]; });
    case MetricId::kUsage:
      return SumOverSims(world, scope,
                         [&](SimId s) { return subs.uplink_bytes[s] + subs.downlink_bytes[s]; });
    case MetricId::kOnlineTime:
      return SumOverSims(world, scope, [&](SimId s) { return subs.online_ms[s]; });
    case MetricId::kSmsSent:
      return SumOverSims(world, scope, [&](SimId s) { return subs.sms_sent[s]; });
    case MetricId::kCommandsReceived:
      return SumOverSims(world, scope, [&](SimId s) { return subs.commands_received[s]; });
    case MetricId::kFees:
    case MetricId::kFeesInCategory:
      return Fees(world, e);
    case MetricId::kAttachAttempts:
      return SumOverSims(world, scope, [&](SimId s) { return fleet.attach_attempts[s]; });
    case MetricId::kPdnRequests:
      return SumOverSims(world, scope, [&](SimId s) { return fleet.pdn_requests[s]; });
    case MetricId::kRadioOn:
      return SumOverSims(world, scope, [&](SimId s) { return fleet.radio_ms[s]; });
    case MetricId::kModemReboots:
      return SumOverSims(world, scope, [&](SimId s) { return fleet.reboots[s]; });
    case MetricId::kStatusChanges: {
      int64_t n = 0;
      for (const StatusChange& c : world.history.changes) n += InScope(world, scope, c.sim);
      return n;
    }
    case MetricId::kForcedReactivations: {
      int64_t n = 0;
      for (const ForcedReactivation& f : world.forced_reactivations) {
        n += InScope(world, scope, f.sim);
      }
      return n;
    }
    case MetricId::kRecovery: {
      // The slowest mass event; none reached means no value.
      const uint64_t percent = std::stoul(e.parameter.substr(1));
      std::optional<int64_t> worst;
      for (const MassEvent& event : world.recovery.events) {
        if (event.affected == 0) continue;
        const std::optional<SimTime> t = event.BackBy(percent);
        if (!t) return std::nullopt;
        worst = std::max(worst.value_or(0), *t);
      }
      return worst;
    }
    default:
      return NetworkCounter(world, e);
  }
}

std::string FormatMetricValue(const World& world, MetricUnit unit, int64_t value) {
  switch (unit) {
    case MetricUnit::kCount:
      return std::to_string(value);
    case MetricUnit::kBytes:
      return FormatDataSize(value);
    case MetricUnit::kDuration:
      return FormatDuration(value);
    case MetricUnit::kMoney: {
      std::string text;
      AppendAmount(text, value);
      return text + " " + std::string(world.scenario.currency.str());
    }
  }
  return "";
}

ExpectationChecker::ExpectationChecker(const Scenario& scenario)
    : scenario_(scenario), results_(scenario.expectations.size()) {}

std::vector<SimTime> ExpectationChecker::Checkpoints() const {
  std::vector<SimTime> times;
  for (const Expectation& e : scenario_.expectations) {
    if (e.at >= 0) times.push_back(e.at);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

void ExpectationChecker::MeasureAt(const World& world, SimTime t) {
  for (size_t i = 0; i < results_.size(); ++i) {
    if (scenario_.expectations[i].at == t) Measure(world, i);
  }
}

void ExpectationChecker::MeasureAtEnd(const World& world) {
  for (size_t i = 0; i < results_.size(); ++i) {
    if (scenario_.expectations[i].at < 0) Measure(world, i);
  }
}

void ExpectationChecker::Measure(const World& world, size_t i) {
  const Expectation& e = scenario_.expectations[i];
  ExpectationResult& r = results_[i];
  r.actual = MeasureMetric(world, e);
  r.passed = r.actual && Compare(e, *r.actual);
  r.actual_text = r.actual ? FormatMetricValue(world, e.unit, *r.actual)
                           : (world.recovery.events.empty() ? "no mass event" : "never");
}

size_t ExpectationChecker::failures() const {
  return static_cast<size_t>(
      std::count_if(results_.begin(), results_.end(), [](const auto& r) { return !r.passed; }));
}

}  // namespace carriersim
