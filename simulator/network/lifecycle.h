// The subscription lifecycle: verbs through the carrier's API, and the changes a profile makes by
// itself (after time in a status, a data volume, SMS commands, a usage limit, a change in
// progress completing, an upstream outage ending). Generic over carrier profiles.
#ifndef CARRIERSIM_NETWORK_LIFECYCLE_H_
#define CARRIERSIM_NETWORK_LIFECYCLE_H_

#include <string>
#include <string_view>

#include "simulator/world/world.h"

namespace carriersim {

enum class VerbResult { kApplied, kUnchanged, kRefused };

struct Outcome {
  VerbResult result = VerbResult::kApplied;
  std::string reason;  // why it was refused, for reports

  static Outcome Refused(std::string why) { return {VerbResult::kRefused, std::move(why)}; }
};

// A verb performed by `role`. Refused for a role the verb does not allow, a plan that refuses it,
// termination protection, a change already in progress, or a status it is not allowed from;
// unchanged when the SIM is already where the verb leads. With `via`, the change passes through
// a transient status (and waits out an upstream outage first, KOR-5).
Outcome ApplyVerb(World& world, SimId sim, VerbId verb, SimTime now, std::string_view role);

// Sets the SIM's subscription timer to the earliest automatic transition that may be due, or
// cancels it when none can be.
void ArmSubscriptionTimer(World& world, SimId sim, SimTime now);
// The subscription timer fired: makes whatever automatic transition is due.
void OnSubscriptionTimer(World& world, SimId sim, SimTime now);

// Scenario actions on a SIM's subscription.
Outcome SendCommands(World& world, SimId sim, int64_t commands, SimTime now);
Outcome ChangePlan(World& world, SimId sim, PlanId plan, SimTime now);
Outcome SetTestMode(World& world, SimId sim, bool enabled);
Outcome SetTerminationProtection(World& world, SimId sim, bool enabled);
Outcome SetUsageLimit(World& world, SimId sim, int64_t bytes, SimTime now);
// SOR-14: an account ends only once every SIM of the carrier is in a required status.
Outcome TerminateAccount(World& world, uint32_t carrier, SimTime now);

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_LIFECYCLE_H_
