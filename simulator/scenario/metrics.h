// The metrics a scenario's expectations can name (`expect:`): one catalogue, read by the loader
// to check names, units and scopes, and by simulator/results/measure.cc to measure them. The names
// and their meanings are listed in scenarios/README.md, Expectations.
#ifndef CARRIERSIM_SCENARIO_METRICS_H_
#define CARRIERSIM_SCENARIO_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

enum class MetricUnit : uint8_t { kCount, kBytes, kMoney, kDuration };

enum class MetricId : uint8_t {
  kSims,              // SIMs in the scope
  kSimsInStatus,      // sims.STATUS: in that status (the carrier's, as shown)
  kSimsOnline,        // with a data session
  kSimsRegistered,    // whose device is attached
  kUplink,            // usage.uplink
  kDownlink,          // usage.downlink
  kUsage,             // usage.total
  kOnlineTime,        // online_time
  kSmsSent,
  kCommandsReceived,
  kFees,              // fees.total
  kFeesInCategory,    // fees.CATEGORY
  kAttachAttempts,    // energy.attach_attempts: made by the devices (per device, so any scope)
  kNetworkAttempts,   // signaling.attach_attempts: that reached a cell
  kPdnRequests,       // signaling.pdn_requests
  kRadioOn,           // energy.radio_on
  kModemReboots,      // energy.modem_reboots
  kAttachAccepts,     // signaling.*: counted by the network, per group or cell
  kAttachRejects,
  kRejectsByCause,    // signaling.rejects.CAUSE (an EMM cause number)
  kNetworkDetaches,
  kSessionsOpened,
  kCollateral,        // signaling.collateral_congestion_rejects
  kWithoutCell,       // signaling.attempts_without_cell
  kUnanswered,
  kPeakPerSecond,     // network.peak_per_second: attach requests in the busiest second
  kPeakPerMinute,
  kStatusChanges,
  kForcedReactivations,
  kRecovery,          // recovery.pNN: the slowest mass event's time until NN % were back
  kStatusChangesByCause,  // status_changes.CAUSE: changes with that cause (api, storm, ...)
  kActionApplied,         // timeline.applied: SIMs a timeline action applied to
  kActionUnchanged,       // timeline.unchanged: SIMs it had nothing to do to
  kActionRefused,         // timeline.refused: SIMs it was refused for
  kActionRefusedFor,      // timeline.refused.REASON: refused for that reason (role, status, ...)
};

// Which scopes a metric can be measured in: bits of ScopeBit.
enum ScopeBit : uint8_t {
  kScopeAll = 1,
  kScopeGroup = 2,
  kScopeCarrier = 4,
  kScopePlan = 8,
  kScopeCell = 16,
  kScopeSim = 32,
  // Not a scope of SIMs but a key beside one: `action: NAME`, a timeline entry. A metric with
  // this bit alone needs it (timeline.*); with others, it may narrow them (recovery, energy).
  kScopeAction = 64,
};
inline constexpr uint8_t kAnyScope = 63;  // every scope of SIMs

// The causes of status changes, as history.csv and status_changes.CAUSE name them: the names of
// observers/status_history.h's ChangeCause, in its order (that header reads them from here).
inline constexpr std::string_view kChangeCauseNames[] = {"api", "device-attach", "timer", "network",
                                                         "storm"};
// Why a timeline action was refused for a SIM, as timeline.refused.REASON names it: the kinds of
// network/outcome.h's Refusal from kRole on, in its order.
inline constexpr std::string_view kRefusalNames[] = {
    "role", "plan", "protected", "in-progress", "status", "channel", "other"};
inline constexpr size_t kRefusalKinds = std::size(kRefusalNames);

struct MetricDef {
  std::string_view name;  // "sims.STATUS": a family, completed by a parameter
  MetricId id;
  MetricUnit unit;
  uint8_t scopes;
  bool any_time;  // may be measured at a time (`at:`); the others only at the end of the run
  std::string_view meaning;
};

const std::vector<MetricDef>& MetricCatalogue();

// A metric name resolved: its definition and, for a family, its parameter as written
// (a status name, a fee category, an EMM cause number, a percentage).
struct MetricRef {
  const MetricDef* def = nullptr;
  std::string parameter;

  // The name as written: "sims.active" for sims.STATUS with "active".
  std::string Name() const {
    const std::string_view name = def->name;
    return parameter.empty() ? std::string(name)
                             : std::string(name.substr(0, name.rfind('.') + 1)) + parameter;
  }
};

// Whether per-SIM quantifiers (`per-sim:`) apply: the metric is measured for one SIM.
inline bool PerSim(const MetricDef& def) { return (def.scopes & kScopeSim) != 0; }
// Whether `month:` and `billed-under:` apply: the metric counts fee lines.
inline bool CountsFees(MetricId id) {
  return id == MetricId::kFees || id == MetricId::kFeesInCategory;
}
// Whether `from:` and `to:` apply: the metric counts status changes.
inline bool CountsChanges(MetricId id) {
  return id == MetricId::kStatusChanges || id == MetricId::kStatusChangesByCause;
}

// Resolves `name`. `statuses` are the status names of the scenario's carriers (for sims.STATUS),
// `categories` its fee categories (for fees.CATEGORY). On failure returns nullopt and sets
// `error` (with a did-you-mean where one is close).
std::optional<MetricRef> ResolveMetric(std::string_view name,
                                       const std::vector<std::string>& statuses,
                                       const std::vector<std::string>& categories,
                                       std::string* error);

std::string_view MetricUnitName(MetricUnit unit);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_METRICS_H_
