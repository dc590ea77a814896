// A carrier profile: everything a carrier does with a SIM, as data. One generic engine
// (simulator/network/ and simulator/billing/) interprets every profile, so adding a carrier, a
// status, a verb or a plan is a YAML file in scenarios/carriers/, not C++. The format is
// documented in scenarios/README.md; profile_loader.cc turns YAML into this and rejects
// inconsistent profiles.
#ifndef CARRIERSIM_CARRIER_PROFILE_H_
#define CARRIERSIM_CARRIER_PROFILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/units.h"
#include "simulator/carrier/ids.h"
#include "simulator/carrier/tariff.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {

inline constexpr size_t kMaxStatuses = 64;  // statuses are sets of bits in a uint64_t
inline constexpr size_t kMaxVerbs = 255;
inline constexpr size_t kMaxPlans = 65535;

// Scenario timelines use these names for actions of their own, so no profile verb may take them.
inline constexpr std::string_view kReservedActionNames[] = {
    "power-on",    "power-off",    "power-cycle",
    "change-plan", "test-mode",    "termination-protection",
    "usage-limit", "send-command", "terminate-account"};

// What the network answers when a device attaches while its SIM is in a status (after the
// profile's attach rules, which may have moved it: how ready and standby activate themselves).
struct AttachRule {
  enum class Kind : uint8_t {
    kAccept,  // attach accepted
    kReject,  // attach rejected with `cause`
  };
  Kind kind = Kind::kAccept;
  EmmCause cause = 0;
};

struct StatusDef {
  std::string name;
  std::string description;
  AttachRule attach;
  bool data = false;   // data sessions (PDN connections) allowed
  bool sms = false;    // SMS allowed
  bool final = false;  // nothing leaves it (terminated, canceled)
  // A status a change passes through (KORE updating, scheduled): attaches, data, SMS and fees
  // stay those of the status the SIM was in before.
  bool transient = false;
  // An attach rule moves the SIM out of it (ready, standby): a device attached when the SIM
  // enters it is detached with "re-attach required", and its re-attach moves the SIM.
  bool moves_on_attach = false;
  CalendarSpan retention;  // final statuses: how long the SIM stays listed
};

// A manual action through the carrier's API or console.
struct VerbDef {
  std::string name;
  std::string description;
  uint64_t from = 0;  // bit s set: allowed from status s
  StatusId to = 0;
  bool to_previous = false;        // `to: previous`: back to the status before the current one
  std::optional<StatusId> via;     // transient status the change passes through
  std::vector<std::string> roles;  // who may use it; empty: anyone
  std::vector<PlanId> refused_for_plans;
  std::string refused_message;  // why those plans refuse it
  bool protected_by_termination_protection = false;
  struct Limit {
    std::string channel;  // "dashboard"
    int64_t max_sims;
  };
  std::vector<Limit> limits;  // at most this many SIMs in one action through a channel

  bool AllowedFrom(StatusId s) const { return (from >> s) & 1; }
};

struct PlanDef {
  std::string name;
  std::string description;
  Tariff tariff;
  // The plan's values that rules compare counters with (`reaches: plan.volume`), resolved per
  // rule: rule_thresholds[r] is rule r's threshold on this plan, when rule r names a plan value.
  std::vector<Threshold> rule_thresholds;
  // Statuses a SIM on this plan cannot be in: every verb leading there refuses the plan (plan-D
  // and standby, SOR-5). A plan change into this plan is refused while the SIM is in one.
  uint64_t refused_statuses = 0;
};

// What the core network does to a device that is attached when its SIM enters a status whose
// attach rule is a reject. Documents are silent; this is a profile setting (scenarios/README.md).
enum class BlockedDetach : uint8_t {
  kReattachRequired,  // detach "re-attach required": the device re-attaches and gets the reject
  kWithCause          // detach "re-attach not required" carrying the status's reject cause
};


// How the live emulator (simulator/live/, `carriersim serve`) shows the carrier over HTTP: the
// API it speaks, and that API's own words for the profile's statuses and verbs. A status or verb
// not listed goes by its profile name (a verb also with '-' written '_': set_to_standby).
struct ApiShape {
  std::string style;  // "soracom", "kore", "hologram"; empty: the carrier has no HTTP API
  std::vector<std::pair<StatusId, std::string>> status_names;  // profile status -> API's word
  std::vector<std::pair<std::string, VerbId>> verbs;           // API's word -> profile verb
};

struct CarrierProfile {
  std::string name;   // "soracom"
  std::string title;  // "Soracom-style IoT SIM"
  std::string description;
  std::string prices;       // the label of the example prices: date, "replace with your list"
  std::string source_file;  // where it was loaded from, for messages
  std::vector<StatusDef> statuses;
  StatusId initial = 0;  // status of a newly registered SIM
  std::vector<VerbDef> verbs;
  std::vector<PlanDef> plans;
  BlockedDetach blocked_detach = BlockedDetach::kReattachRequired;
  std::optional<StatusId> upstream_wait;  // status a change waits in during upstream outages
  std::vector<CounterDef> counters;
  std::vector<RuleDef> rules;  // in the profile's order: the first that applies acts
  std::vector<std::string> plan_values;  // names of the plans' values, for rule thresholds
  // The fee categories its plans charge: the six standard ones, then its one-off fees' own.
  std::vector<std::string> fee_categories;
  bool usage_limits = false;  // some rule compares a counter with the SIM's usage limit
  // The shortest time threshold of a rule on a cycle of automatic moves (rules_cycles.cc), so
  // that a run's memory estimate counts the moves a SIM caught in it makes; 0: no such cycle.
  SimTime cycle_wait = 0;
  // Account termination (SOR-14) needs every SIM in one of these statuses; 0: not supported.
  uint64_t account_termination_requires = 0;
  ApiShape api;

  std::optional<StatusId> FindStatus(std::string_view name) const;
  std::optional<CounterId> FindCounter(std::string_view name) const;
  // Why a SIM cannot start its life in `status` (a final or transient one), or "" when it can:
  // the profile's initial status and a fleet group's starting status meet the same check.
  std::string WhyNotAStart(StatusId status) const;
  std::optional<VerbId> FindVerb(std::string_view name) const;
  std::optional<PlanId> FindPlan(std::string_view name) const;
  std::vector<std::string> StatusNames() const;
  std::vector<std::string> VerbNames() const;
  std::vector<std::string> PlanNames() const;
  // The API's word for a status, and the verb an API's word names (ApiShape).
  std::string ApiStatusName(StatusId status) const;
  std::optional<VerbId> ApiVerb(std::string_view word) const;
};

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_PROFILE_H_
