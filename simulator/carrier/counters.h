// Counters and rules: how a carrier profile says, as data, what the network does by itself.
//
// A counter adds up something about a SIM while the SIM is in some statuses: time, data, SMS,
// commands, or attach attempts in a sliding window. It restarts never (the SIM's lifetime), at
// each calendar month, at each stay in its statuses, or when given verbs are applied. A rule
// moves a SIM, in given statuses, to a status (or back to the previous one) when a counter
// reaches a threshold, or when something happens: an attach, the upstream operator coming back.
// Automatic activation, testing and validity periods, volume caps, usage limits, storms and
// upstream waits are all counters and rules; fees read the same counters (a free period, the
// renewal clock). The engine that applies them is simulator/network/; the format is documented
// in scenarios/README.md.
#ifndef CARRIERSIM_CARRIER_COUNTERS_H_
#define CARRIERSIM_CARRIER_COUNTERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"
#include "simulator/carrier/ids.h"

namespace carriersim {

using CounterId = uint8_t;  // index into CarrierProfile::counters
inline constexpr size_t kMaxCounters = 16;
inline constexpr size_t kMaxRules = 64;

struct CounterDef {
  enum class Counts : uint8_t {
    kTime,      // milliseconds while the SIM is in the statuses
    kData,      // bytes of its data sessions, uplink and downlink
    kSms,       // SMS its device sent (mobile-originated)
    kCommands,  // commands (SMS) the platform sent it, through the API or on its schedule
    kAttaches,  // attach attempts that reached the network, within `window`
  };
  enum class Reset : uint8_t {
    kNever,  // the SIM's lifetime
    kMonth,  // at 00:00 UTC of each calendar month
    kStay,   // when the SIM comes into the statuses from outside them; a return to the previous
             // status (a restore, a resume) continues the stay it interrupted
    kVerbs,  // when one of `reset_verbs` is applied (a top-up)
  };
  std::string name;
  Counts counts = Counts::kTime;
  // Counted while the SIM's status, or during a change in progress the status it is changing
  // from, is one of these (all statuses when the profile gives none).
  uint64_t in = ~uint64_t{0};
  Reset reset = Reset::kNever;
  std::vector<VerbId> reset_verbs;
  SimTime window = 0;  // kAttaches: the sliding window

  bool Counting(StatusId shown, StatusId stable) const { return InSet(in, shown) || InSet(in, stable); }
};

// What a counter is compared with.
struct Threshold {
  enum class Kind : uint8_t {
    kFixed,       // `amount` (bytes, SMS, commands, attempts) or `span` (time)
    kPlan,        // the SIM's plan's value named `plan_value` (PlanDef::values)
    kUsageLimit,  // the SIM's own data usage limit (a scenario or API setting; none: no rule)
  };
  Kind kind = Kind::kFixed;
  int64_t amount = 0;
  CalendarSpan span;         // time counters: calendar months, then milliseconds
  uint32_t plan_value = 0;   // kPlan: index into every plan's `values`
};

struct RuleDef {
  enum class On : uint8_t {
    kThreshold,     // `counter` reaches `threshold`
    kAttach,        // the SIM's device attaches (before the attach is answered)
    kUpstreamBack,  // the carrier's upstream operator takes changes again (KOR-5)
  };
  enum class To : uint8_t {
    kStatus,     // `to`
    kPrevious,   // back to the status before the current one
    kRequested,  // the status a change in progress leads to (transient statuses)
  };
  enum class Cause : uint8_t { kTimer, kNetwork, kDeviceAttach, kStorm, kApi };
  std::string name;  // "storm"
  On on = On::kThreshold;
  CounterId counter = 0;
  Threshold threshold;
  // Applies while the SIM shows one of these statuses; attach rules, to the status that answers
  // attaches (the one before a change in progress).
  uint64_t in = 0;
  bool if_test_mode = false;  // only for SIMs with test mode enabled
  To to_kind = To::kStatus;
  StatusId to = 0;
  Cause cause = Cause::kTimer;
  // The move lasts while the counter stays at the threshold: when the count falls below it (the
  // month restarts it, the SIM's usage limit is raised), the SIM goes back to the status it came
  // from, unless something else moved it since (HOL-5).
  bool lasts_while_reached = false;
};

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_COUNTERS_H_
