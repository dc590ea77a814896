#include "simulator/scenario/metrics.h"

#include "simulator/base/diagnostics.h"
#include "simulator/carrier/tariff.h"

namespace carriersim {
namespace {

constexpr uint8_t kNetworkScopes = kScopeAll | kScopeGroup | kScopeCell;
constexpr uint8_t kGroupScopes = kScopeAll | kScopeGroup;
// The energy proxy of any SIMs, and of the devices a mass event hit while they recovered.
constexpr uint8_t kEnergyScopes = kAnyScope | kScopeAction;

// Each family's name ends in its parameter's placeholder.
bool IsFamily(std::string_view name) {
  return name.ends_with(".STATUS") || name.ends_with(".CATEGORY") || name.ends_with(".CAUSE") ||
         name.ends_with(".pNN") || name.ends_with(".REASON");
}

template <typename Names>
bool OneOf(const Names& names, std::string_view name) {
  for (const auto& n : names) {
    if (n == name) return true;
  }
  return false;
}

bool ParseWhole(std::string_view text, int min, int max) {
  if (text.empty() || text.size() > 3) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= min && value <= max;
}

}  // namespace

const std::vector<MetricDef>& MetricCatalogue() {
  using U = MetricUnit;
  using M = MetricId;
  static const std::vector<MetricDef> kCatalogue = {
      {"sims", M::kSims, U::kCount, kAnyScope, true, "SIMs in the scope"},
      {"sims.STATUS", M::kSimsInStatus, U::kCount, kAnyScope, true,
       "SIMs in that status (as the carrier shows it, changes in progress included)"},
      {"sims.online", M::kSimsOnline, U::kCount, kAnyScope, true, "SIMs with a data session"},
      {"sims.registered", M::kSimsRegistered, U::kCount, kAnyScope, true,
       "SIMs whose device is attached"},
      {"usage.uplink", M::kUplink, U::kBytes, kAnyScope, false, "data sent"},
      {"usage.downlink", M::kDownlink, U::kBytes, kAnyScope, false, "data received"},
      {"usage.total", M::kUsage, U::kBytes, kAnyScope, false, "data sent and received"},
      {"online_time", M::kOnlineTime, U::kDuration, kAnyScope, false,
       "time with a data session, summed over the SIMs"},
      {"sms.sent", M::kSmsSent, U::kCount, kAnyScope, false, "SMS the devices sent"},
      {"sms.commands_received", M::kCommandsReceived, U::kCount, kAnyScope, false,
       "commands (SMS) sent to the SIMs"},
      {"fees.total", M::kFees, U::kMoney, kAnyScope & ~kScopeCell, false, "every fee"},
      {"fees.CATEGORY", M::kFeesInCategory, U::kMoney, kAnyScope & ~kScopeCell, false,
       "fees of one category: basic, usage, reactivation, renewal, suspension, other"},
      {"energy.attach_attempts", M::kAttachAttempts, U::kCount, kEnergyScopes, true,
       "attach requests the devices made, into dead cells too"},
      {"signaling.attach_attempts", M::kNetworkAttempts, U::kCount, kNetworkScopes, true,
       "attach requests that reached a cell"},
      {"signaling.pdn_requests", M::kPdnRequests, U::kCount, kAnyScope, false,
       "data session requests refused while attached (SOR-4)"},
      {"energy.radio_on", M::kRadioOn, U::kDuration, kEnergyScopes, true,
       "radio-on time of the devices, summed"},
      {"energy.modem_reboots", M::kModemReboots, U::kCount, kEnergyScopes, true,
       "modem reboots by the firmware"},
      {"signaling.attach_accepts", M::kAttachAccepts, U::kCount, kNetworkScopes, true,
       "attaches the network accepted"},
      {"signaling.attach_rejects", M::kAttachRejects, U::kCount, kNetworkScopes, true,
       "attaches the network rejected, any cause"},
      {"signaling.rejects.CAUSE", M::kRejectsByCause, U::kCount, kNetworkScopes, true,
       "rejects with that EMM cause number (7, 22, ...)"},
      {"signaling.network_detaches", M::kNetworkDetaches, U::kCount, kGroupScopes, true,
       "devices the network detached"},
      {"signaling.sessions_opened", M::kSessionsOpened, U::kCount, kGroupScopes, true,
       "data sessions that came up"},
      {"signaling.collateral_congestion_rejects", M::kCollateral, U::kCount, kNetworkScopes, true,
       "#22 rejects of devices not recovering from a mass event"},
      {"signaling.attempts_without_cell", M::kWithoutCell, U::kCount, kGroupScopes, true,
       "attempts made while the device's cell was down"},
      {"signaling.unanswered", M::kUnanswered, U::kCount, kNetworkScopes, true,
       "requests lost in a core outage"},
      {"network.peak_per_second", M::kPeakPerSecond, U::kCount, kScopeAll | kScopeCell, true,
       "attach requests in the busiest second"},
      {"network.peak_per_minute", M::kPeakPerMinute, U::kCount, kScopeAll | kScopeCell, true,
       "attach requests in the busiest minute"},
      {"status_changes", M::kStatusChanges, U::kCount, kAnyScope & ~kScopeCell, true,
       "subscriber status changes"},
      {"forced_reactivations", M::kForcedReactivations, U::kCount, kAnyScope & ~kScopeCell, true,
       "SIMs the network forced out of a storm status (SOR-7)"},
      {"recovery.pNN", M::kRecovery, U::kDuration, kScopeAll | kScopeGroup | kScopeAction, false,
       "the slowest mass event's time until NN % of its devices were back (p50, p95, p100)"},
      {"status_changes.CAUSE", M::kStatusChangesByCause, U::kCount, kAnyScope & ~kScopeCell, true,
       "status changes with that cause: api, device-attach, timer, network, storm"},
      {"timeline.applied", M::kActionApplied, U::kCount, kScopeAction, true,
       "SIMs (or devices, cells) a timeline action applied to"},
      {"timeline.unchanged", M::kActionUnchanged, U::kCount, kScopeAction, true,
       "SIMs a timeline action had nothing to do to"},
      {"timeline.refused", M::kActionRefused, U::kCount, kScopeAction, true,
       "SIMs a timeline action was refused for"},
      {"timeline.refused.REASON", M::kActionRefusedFor, U::kCount, kScopeAction, true,
       "SIMs a timeline action was refused for, for that reason: role, plan, protected, "
       "in-progress, status, channel, other"},
  };
  return kCatalogue;
}

std::optional<MetricRef> ResolveMetric(std::string_view name,
                                       const std::vector<std::string>& statuses,
                                       const std::vector<std::string>& categories,
                                       std::string* error) {
  std::vector<std::string> known;
  for (const MetricDef& def : MetricCatalogue()) {
    if (def.name == name && !IsFamily(def.name)) return MetricRef{&def, ""};
    if (!IsFamily(def.name)) {
      known.emplace_back(def.name);
      continue;
    }
    const std::string_view family = def.name.substr(0, def.name.rfind('.') + 1);
    if (def.id == MetricId::kSimsInStatus) {
      for (const std::string& s : statuses) known.push_back(std::string(family) + s);
    } else if (def.id == MetricId::kFeesInCategory) {
      for (const std::string& c : categories) known.push_back(std::string(family) + c);
    } else if (def.id == MetricId::kStatusChangesByCause) {
      for (std::string_view c : kChangeCauseNames)
        known.push_back(std::string(family) + std::string(c));
    } else if (def.id == MetricId::kActionRefusedFor) {
      for (std::string_view r : kRefusalNames)
        known.push_back(std::string(family) + std::string(r));
    } else {
      known.emplace_back(def.name);
    }
    if (!name.starts_with(family)) continue;
    const std::string parameter(name.substr(family.size()));
    bool valid = false;
    switch (def.id) {
      case MetricId::kSimsInStatus:
        valid = OneOf(statuses, parameter);
        break;
      case MetricId::kFeesInCategory:
        valid = OneOf(categories, parameter);
        break;
      case MetricId::kRejectsByCause:
        valid = ParseWhole(parameter, 0, 255);
        break;
      case MetricId::kStatusChangesByCause:
        valid = OneOf(kChangeCauseNames, parameter);
        break;
      case MetricId::kActionRefusedFor:
        valid = OneOf(kRefusalNames, parameter);
        break;
      case MetricId::kRecovery:
        valid = parameter.size() >= 2 && parameter[0] == 'p' &&
                ParseWhole(std::string_view(parameter).substr(1), 1, 100);
        break;
      default:
        break;
    }
    if (valid) return MetricRef{&def, parameter};
  }
  *error = "unknown metric " + Quoted(std::string(name)) + DidYouMean(name, known) +
           "; see scenarios/README.md, Expectations, for the list";
  return std::nullopt;
}

std::string_view MetricUnitName(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::kCount:
      return "a count";
    case MetricUnit::kBytes:
      return "a data size";
    case MetricUnit::kMoney:
      return "an amount";
    case MetricUnit::kDuration:
      return "a duration";
  }
  return "";
}

}  // namespace carriersim
