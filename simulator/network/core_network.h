// The emulated core network: applies each SIM's carrier profile to attaches, status changes and
// sessions. This and lifecycle.h are the one generic engine that interprets every carrier
// profile; nothing in them knows a carrier by name.
#ifndef CARRIERSIM_NETWORK_CORE_NETWORK_H_
#define CARRIERSIM_NETWORK_CORE_NETWORK_H_

#include "simulator/network/emm_cause.h"
#include "simulator/observers/status_history.h"
#include "simulator/world/world.h"

namespace carriersim {

struct AttachAnswer {
  AttachOutcome outcome = AttachOutcome::kRejected;
  EmmCause cause = 0;  // when rejected
};

// A device attaches with `sim` at `now` through its cell: nothing when the cell is down; #22
// past the cell's capacity (NET-3); no answer while the core is down (NET-4). Otherwise counts a
// storm (SOR-7), applies the stable status's attach rule (moving ready to active on the way,
// SOR-2) and answers.
AttachAnswer HandleAttach(World& world, SimId sim, SimTime now);
// An attempt made while the device's cell was down: nobody heard it, but the reports count it.
void CountAttemptWithoutCell(World& world, SimId sim);

// What the SIM's stable status means for its device when that device is attached: a detach when
// the status rejects attaches, the data session dropped or brought up. Called when a stable
// status is entered, and when an attach completes (the status may have changed meanwhile).
void ApplyStatusToDevice(World& world, SimId sim, SimTime now);

// Moves `sim` to `to` and records the change. A transient status only shows the change in
// progress; entering a stable status closes the billing period of the old one and applies what
// the new one means to a device that is attached: a detach when attaches are now rejected, the
// data session dropped or brought up.
void SetStatus(World& world, SimId sim, StatusId to, SimTime now, ChangeCause cause);

// Session bookkeeping (NET-5). Usage and online time accrue by arithmetic over the session's
// traffic schedule, split by calendar month for billing and usage limits; AccrueUsage counts
// them up to `now` (when a session closes, before a status change, at the end of the run).
void OpenSession(World& world, SimId sim, SimTime now);
void CloseSession(World& world, SimId sim, SimTime now, SessionEnd why);
void AccrueUsage(World& world, SimId sim, SimTime now);

// Attached without a data session because the status refuses data (SOR-4): the device keeps
// asking, by its firmware's PDN retry policy. The requests are counted when the period ends
// (a session opens, the device detaches or loses power, the run ends), by arithmetic.
void StartPdnRefusal(World& world, SimId sim, SimTime now);
void EndPdnRefusal(World& world, SimId sim, SimTime now);

// Commands (SMS) the platform sends the device on its schedule (DEV-3): the phase of the
// schedule, and how many arrived since the SIM entered its stable status, which must allow SMS.
SimTime CommandAnchor(const World& world, SimId sim);
int64_t ScheduledCommands(const World& world, SimId sim, SimTime now);

// What a session carried: the device's sends in it, as AccrueUsage counted them.
struct SessionUsage {
  int64_t uplink = 0;
  int64_t downlink = 0;
  int64_t sms = 0;
};
SessionUsage UsageOf(const World& world, const SessionRecord& record);

// The end of the run: usage, data session requests and commands counted up to `end`.
void FinishRun(World& world, SimId sim, SimTime end);

// Whether the carrier's upstream operator is down at `now`, and when it comes back.
SimTime UpstreamBackAt(const CarrierSpec& carrier, SimTime now);  // now when it is up

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_CORE_NETWORK_H_
