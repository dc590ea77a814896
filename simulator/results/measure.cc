#include "simulator/results/measure.h"

#include <algorithm>
#include <string>

#include "simulator/base/units.h"
#include "simulator/results/measure_internal.h"
#include "simulator/results/measure_part.h"

namespace carriersim {
namespace {

// The scope's sums; for one SIM, its own figures and its share of the per-SIM detail.
SimTotals ScopeTotals(const Snapshot& now, const ExpectScope& scope) {
  const Totals& t = now.totals();
  switch (scope.kind) {
    case ExpectScope::Kind::kAll:
      return t.all;
    case ExpectScope::Kind::kGroup:
      return t.by_group[scope.index];
    case ExpectScope::Kind::kCarrier:
      return t.by_carrier[scope.index];
    case ExpectScope::Kind::kPlan: {
      const auto& by_plan = now.by_cell_and_plan().by_plan;
      const auto it = by_plan.find({scope.index, scope.plan});
      return it == by_plan.end() ? SimTotals{} : it->second;
    }
    case ExpectScope::Kind::kCell: {
      SimTotals sum;
      for (uint32_t c = scope.index; c < scope.index + scope.count; ++c) {
        sum.Add(now.by_cell_and_plan().by_cell[c]);
      }
      return sum;
    }
    case ExpectScope::Kind::kSim: {
      const auto [part, local] = now.Find(scope.index);
      return part->OneSim(local, t.all.fees);
    }
  }
  return {};
}

// SIMs in the scope whose status (as the carrier shows it) has the name the expectation gives.
int64_t SimsInStatus(const Snapshot& now, const Expectation& e) {
  const ExpectScope& scope = e.scope;
  const std::string& status = e.parameter;
  const Scenario& s = now.scenario();
  const auto in_group = [&](uint32_t g) -> int64_t {
    const std::optional<StatusId> id = s.carriers[s.groups[g].carrier].profile.FindStatus(status);
    return id ? now.InGroup(g, *id) : 0;
  };
  int64_t n = 0;
  switch (scope.kind) {
    case ExpectScope::Kind::kAll:
    case ExpectScope::Kind::kCarrier:
      for (uint32_t g = 0; g < s.groups.size(); ++g) {
        if (scope.kind == ExpectScope::Kind::kAll || s.groups[g].carrier == scope.index) {
          n += in_group(g);
        }
      }
      return n;
    case ExpectScope::Kind::kGroup:
      return in_group(scope.index);
    case ExpectScope::Kind::kSim:
      return now.directory().ProfileOf(scope.index).statuses[now.status(scope.index)].name ==
             status;
    case ExpectScope::Kind::kPlan:
    case ExpectScope::Kind::kCell:
      for (const ShardView* part : now.parts()) n += part->CountInStatus(e);
      return n;
  }
  return n;
}

// Counters the network keeps per cell: summed over the scope's cells (peaks: the highest).
int64_t CellCounter(const SignalingMetrics& signaling, const Expectation& e) {
  int64_t total = 0;
  const int cause = e.metric == MetricId::kRejectsByCause ? std::stoi(e.parameter) : -1;
  for (uint32_t c = e.scope.index; c < e.scope.index + e.scope.count; ++c) {
    const CellStats& s = signaling.by_cell[c];
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

// Counters the network keeps per group and in total.
int64_t NetworkCounter(const SignalingMetrics& signaling, const Expectation& e) {
  if (e.scope.kind == ExpectScope::Kind::kCell) return CellCounter(signaling, e);
  const SignalingCounters& c = e.scope.kind == ExpectScope::Kind::kGroup
                                   ? signaling.by_group[e.scope.index]
                                   : signaling.total;
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
      return static_cast<int64_t>(signaling.per_second.peak);
    case MetricId::kPeakPerMinute:
      return static_cast<int64_t>(signaling.per_minute.peak);
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

int64_t FromTotals(const Scenario& scenario, const SimTotals& t, const Expectation& e) {
  switch (e.metric) {
    case MetricId::kSims:
      return t.sims;
    case MetricId::kSimsOnline:
      return t.online;
    case MetricId::kSimsRegistered:
      return t.registered;
    case MetricId::kUplink:
      return t.uplink_bytes;
    case MetricId::kDownlink:
      return t.downlink_bytes;
    case MetricId::kUsage:
      return t.uplink_bytes + t.downlink_bytes;
    case MetricId::kOnlineTime:
      return t.online_ms;
    case MetricId::kSmsSent:
      return t.sms_sent;
    case MetricId::kCommandsReceived:
      return t.commands_received;
    case MetricId::kFees:
      return t.fees.total;
    case MetricId::kFeesInCategory: {
      const std::vector<std::string>& names = scenario.fee_categories;
      for (size_t c = 0; c < names.size(); ++c) {
        if (names[c] == e.parameter) return t.fees.by_category[c];
      }
      return 0;
    }
    case MetricId::kAttachAttempts:
      return t.attach_attempts;
    case MetricId::kPdnRequests:
      return t.pdn_requests;
    case MetricId::kRadioOn:
      return t.radio_ms;
    case MetricId::kModemReboots:
      return t.modem_reboots;
    case MetricId::kStatusChanges:
      return t.status_changes;
    case MetricId::kForcedReactivations:
      return t.forced_reactivations;
    default:
      return 0;
  }
}

namespace {

// The metric over the whole scope, or why it has no value.
Measured Measure(const Snapshot& now, const Expectation& e) {
  if (NarrowsRecords(e)) return {NarrowedRecords(now, e), ""};
  switch (e.metric) {
    case MetricId::kSimsInStatus:
      return {SimsInStatus(now, e), ""};
    case MetricId::kRecovery:
      return RecoveryOf(now, e);
    case MetricId::kActionApplied:
    case MetricId::kActionUnchanged:
    case MetricId::kActionRefused:
    case MetricId::kActionRefusedFor:
      return {ActionOutcomeCount(now, e), ""};
    case MetricId::kAttachAttempts:
    case MetricId::kRadioOn:
    case MetricId::kModemReboots:
      if (e.filter.action >= 0) {
        int64_t sum = 0;
        for (const SimValue& v : EventEnergy(now, e)) sum += v.value;
        return {sum, ""};
      }
      break;
    case MetricId::kSims:
    case MetricId::kSimsOnline:
    case MetricId::kSimsRegistered:
    case MetricId::kUplink:
    case MetricId::kDownlink:
    case MetricId::kUsage:
    case MetricId::kOnlineTime:
    case MetricId::kSmsSent:
    case MetricId::kCommandsReceived:
    case MetricId::kFees:
    case MetricId::kFeesInCategory:
    case MetricId::kPdnRequests:
    case MetricId::kStatusChanges:
    case MetricId::kForcedReactivations:
      break;
    default:
      return {NetworkCounter(now.signaling(), e), ""};
  }
  return {FromTotals(now.scenario(), ScopeTotals(now, e.scope), e), ""};
}

}  // namespace

int64_t CountInStatusOf(const World& world, const StatusCensus& census, const ExpectScope& scope,
                        const std::string& status) {
  int64_t n = 0;
  for (SimId sim = 0; sim < world.directory().size(); ++sim) {
    n += InScope(world, scope, sim) &&
         world.directory().ProfileOf(sim).statuses[census.status(sim)].name == status;
  }
  return n;
}

std::optional<int64_t> MeasureMetric(const Snapshot& now, const Expectation& e) {
  return Measure(now, e).value;
}

std::string FormatMetricValue(const Scenario& scenario, MetricUnit unit, int64_t value) {
  switch (unit) {
    case MetricUnit::kCount:
      return std::to_string(value);
    case MetricUnit::kBytes:
      return FormatDataSize(value);
    case MetricUnit::kDuration:
      return FormatDuration(value);
    case MetricUnit::kMoney:
      return FormatAmount(value) + " " + std::string(scenario.currency.str());
  }
  return "";
}

ExpectationResult CheckExpectation(const Snapshot& now, const Expectation& e) {
  if (e.quantifier == Quantifier::kEach) return CheckEach(now, e, PerSimValues(now, e), Compare);
  const Measured m =
      e.quantifier == Quantifier::kNone ? Measure(now, e) : Statistic(e, PerSimValues(now, e));
  ExpectationResult r;
  r.actual = m.value;
  r.passed = m.value && Compare(e, *m.value);
  r.actual_text = m.value ? FormatMetricValue(now.scenario(), e.unit, *m.value) : m.none;
  return r;
}

}  // namespace carriersim
