// The emulated core network: applies each SIM's carrier profile to attaches, verbs and sessions.
// This is the one generic engine that interprets every carrier profile; nothing in it knows a
// carrier by name.
#ifndef CARRIERSIM_NETWORK_CORE_NETWORK_H_
#define CARRIERSIM_NETWORK_CORE_NETWORK_H_

#include "simulator/network/emm_cause.h"
#include "simulator/observers/status_history.h"
#include "simulator/world/world.h"

namespace carriersim {

struct AttachAnswer {
  bool accepted = false;
  EmmCause cause = 0;         // when rejected
  bool data_allowed = false;  // when accepted: whether a data session comes up
};

// A device attaches with `sim` at `now`: counts the signaling, applies the status's attach rule
// (moving ready to active on the way, SOR-2) and answers.
AttachAnswer HandleAttach(World& world, SimId sim, SimTime now);

enum class VerbResult { kApplied, kUnchanged, kRefused };

// A verb through the carrier's API. Refused when the SIM's status is not one the verb is allowed
// from; unchanged when the SIM is already in the verb's target status.
VerbResult ApplyVerb(World& world, SimId sim, VerbId verb, SimTime now);

// Moves `sim` to `to`, records the change and applies what the new status means to a device that
// is attached: a detach when attaches are now rejected, the data session dropped or brought up.
void SetStatus(World& world, SimId sim, StatusId to, SimTime now, ChangeCause cause);

// Session bookkeeping (NET-5). Usage accrues by arithmetic over the session's traffic schedule:
// AccrueUsage counts it up to `now` (used when a session closes and when the run ends).
void OpenSession(World& world, SimId sim, SimTime now);
void CloseSession(World& world, SimId sim, SimTime now);
void AccrueUsage(World& world, SimId sim, SimTime now);

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_CORE_NETWORK_H_
