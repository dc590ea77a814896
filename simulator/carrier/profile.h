// A carrier profile: everything a carrier does with a SIM, as data. One generic engine
// (simulator/network/core_network.cc) interprets every profile, so adding a carrier, a status or a
// verb is a YAML file in scenarios/carriers/, not C++. The format is documented in
// scenarios/README.md; profile_loader.cc turns YAML into this and rejects inconsistent profiles.
#ifndef CARRIERSIM_CARRIER_PROFILE_H_
#define CARRIERSIM_CARRIER_PROFILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/network/emm_cause.h"

namespace carriersim {

using StatusId = uint8_t;  // index into CarrierProfile::statuses
using VerbId = uint8_t;    // index into CarrierProfile::verbs
using PlanId = uint16_t;   // index into CarrierProfile::plans

inline constexpr size_t kMaxStatuses = 64;  // statuses are sets of bits in a uint64_t
inline constexpr size_t kMaxVerbs = 255;
inline constexpr size_t kMaxPlans = 65535;

// Scenario timelines use these names for device actions, so no profile verb may take them.
inline constexpr std::string_view kDeviceActionNames[] = {"power-on", "power-off", "power-cycle"};

// What the network answers when a device attaches while its SIM is in a status.
struct AttachRule {
  enum class Kind : uint8_t {
    kAccept,           // attach accepted
    kReject,           // attach rejected with `cause`
    kBecomeThenAccept  // the SIM first moves to `become` (cause: device attach), then that
                       // status's rule applies: how ready and standby activate themselves
  };
  Kind kind = Kind::kAccept;
  EmmCause cause = 0;
  StatusId become = 0;
};

struct StatusDef {
  std::string name;
  std::string description;
  AttachRule attach;
  bool data = false;   // data sessions (PDN connections) allowed
  bool sms = false;    // SMS allowed
  bool final = false;  // no verb or timer ever leaves it (terminated, canceled)
};

// A manual action through the carrier's API or console.
struct VerbDef {
  std::string name;
  std::string description;
  uint64_t from = 0;  // bit s set: allowed from status s
  StatusId to = 0;
  bool AllowedFrom(StatusId s) const { return (from >> s) & 1; }
};

struct PlanDef {
  std::string name;
  std::string description;
};

// What the core network does to a device that is attached when its SIM enters a status whose
// attach rule is a reject. Documents are silent; this is a profile setting (scenarios/README.md).
enum class BlockedDetach : uint8_t {
  kReattachRequired,  // detach "re-attach required": the device re-attaches and gets the reject
  kWithCause          // detach "re-attach not required" carrying the status's reject cause
};

struct CarrierProfile {
  std::string name;   // "soracom"
  std::string title;  // "Soracom-style IoT SIM"
  std::string description;
  std::string source_file;  // where it was loaded from, for messages
  std::vector<StatusDef> statuses;
  StatusId initial = 0;  // status of a newly registered SIM
  std::vector<VerbDef> verbs;
  std::vector<PlanDef> plans;
  BlockedDetach blocked_detach = BlockedDetach::kReattachRequired;

  std::optional<StatusId> FindStatus(std::string_view name) const;
  std::optional<VerbId> FindVerb(std::string_view name) const;
  std::optional<PlanId> FindPlan(std::string_view name) const;
  std::vector<std::string> StatusNames() const;
  std::vector<std::string> VerbNames() const;
  std::vector<std::string> PlanNames() const;
};

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_PROFILE_H_
