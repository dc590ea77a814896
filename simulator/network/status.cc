// Entering a subscriber status, and what a stable status means for a device that is attached.
//
// Everything a status change sets off is here, in this order (SetStatus):
//  1. the counters, the usage and the scheduled commands so far are accounted under the old
//     status;
//  2. the recorder's history gets the change, and the SIM shows the new status from now on;
//  3. a move that lasts while a counter is reached stops being one once anything else moves
//     the SIM, except a round trip back to where the rule put it (HOL-5);
//  4. when the new status is stable and not the current stable one:
//     a. the old status becomes `previous`;
//     b. billing closes the old status's period for each subscription of the SIM, charging
//        transition and renewal fees that fall due;
//     c. an attached device meets the new status: a detach, or its data session taken away or
//        brought up (ApplyStatusToDevice, through the DevicePort);
//  5. the counters of a stay that the SIM comes into start again (not on a return to the
//     previous status, which goes on with the stay it interrupted);
//  6. the subscription timer is armed for the next rule that may act.
// A transient status (a change in progress) skips 4: attaches, data, SMS and fees stay those of
// the stable status until the change completes.
#include <stdexcept>
#include <string>

#include "simulator/network/network.h"

namespace carriersim {

void Network::SetStatus(SimId sim, StatusId to, SimTime now, ChangeCause cause, Entry entry) {
  const StatusId from = subs_.status[sim];
  if (from == to) return;
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  if (profile.statuses[from].final) {
    // The loader rules out every way out of a final status; getting here is a bug of ours.
    throw std::logic_error("SIM " + std::to_string(sim) + " would leave the final status '" +
                           profile.statuses[from].name + "'");
  }
  Account(sim, now);
  const uint16_t was_counting = CountingNow(sim);
  recorder_.StatusChanged(now, sim, from, to, cause);
  subs_.status[sim] = to;
  subs_.entered[sim] = now;
  if (subs_.placed_by[sim] != 0) {
    // A lasting move holds while the SIM is where the rule put it, and across a round trip
    // that returns it there (a pause and a resume); any other move ends it.
    const StatusId placed_in = profile.rules[subs_.placed_by[sim] - 1u].to;
    if (from != placed_in && !(to == placed_in && entry != Entry::kMove)) subs_.placed_by[sim] = 0;
  }
  const bool returning = entry == Entry::kReturn;
  const bool stable_change = !profile.statuses[to].transient && to != subs_.stable[sim];
  if (stable_change) {
    subs_.commands_received[sim] += ScheduledCommands(sim, now);
    const StatusId old = subs_.stable[sim];
    const SimTime since = subs_.stable_since[sim];
    subs_.previous[sim] = old;
    subs_.stable[sim] = to;
    subs_.stable_since[sim] = now;
    StartStays(sim, was_counting, returning);
    ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      billing_.ChangeStatus(sub, tariff, old, FreeSince(sim, tariff, old, since, now), to, now,
                            RenewalSince(sim, tariff, now));
    });
    ApplyStatusToDevice(sim, now);
  } else {
    StartStays(sim, was_counting, returning);
  }
  ArmSubscriptionTimer(sim, now);
}

void Network::ApplyStatusToDevice(SimId sim, SimTime now) {
  if (!subs_.Has(sim, kAttached)) return;
  const StatusDef& status = StableStatusOf(sim);
  if (status.moves_on_attach || status.attach.kind != AttachRule::Kind::kAccept) {
    // A status that rejects attaches detaches the device as the profile says. One that a rule
    // on attach moves out of (standby) detaches it with "re-attach required": a device left on
    // attaches again and reactivates the SIM, which is why Soracom says to power devices off
    // first.
    const bool reattach = status.moves_on_attach ||
                          directory_.ProfileOf(sim).blocked_detach == BlockedDetach::kReattachRequired;
    recorder_.NetworkDetach(sim, status.attach.cause, reattach);
    subs_.Set(sim, kAttached, false);
    subs_.Set(sim, kPdnWanted, false);
    if (subs_.online[sim]) CloseSession(sim, now, SessionEnd::kDetached);
    const DurationRange t3346 = status.attach.cause == kCauseCongestion
                                    ? T3346Of(attach_cell_[sim], status.attach.cause)
                                    : DurationRange{};
    devices_.NetworkDetach(sim, now, {reattach, status.attach.cause, t3346});
  } else if (!subs_.Has(sim, kPdnWanted)) {
    return;  // registered, and not asking for data
  } else if (!status.data) {
    // SOR-4: attached, but each data session request is refused; the device keeps asking.
    if (subs_.online[sim]) CloseSession(sim, now, SessionEnd::kDataBarred);
    devices_.PdnReject(sim, now);
  } else if (!subs_.online[sim]) {
    OpenSession(sim, now);
  }
}

}  // namespace carriersim
