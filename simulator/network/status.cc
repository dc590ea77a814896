// Entering a subscriber status, and what a stable status means for a device that is attached.
//
// Everything a status change sets off is here, in this order (SetStatus):
//  1. the recorder's history gets the change;
//  2. the SIM shows the new status from now on;
//  3. a pause for a usage limit stops being one once anything else moves the SIM (HOL-5);
//  4. when the new status is stable and not the current stable one:
//     a. the usage and the scheduled commands so far are accounted under the old status;
//     b. billing closes the old status's period for each subscription of the SIM, charging
//        transition and renewal fees that fall due;
//     c. the old status becomes `previous`, and the counters of the stay (data, commands)
//        start again;
//     d. an attached device meets the new status: a detach, or its data session taken away or
//        brought up (ApplyStatusToDevice, through the DevicePort);
//  5. the subscription timer is armed for the next automatic transition.
// A transient status (a change in progress) does only 1, 2, 3 and 5: attaches, data, SMS and
// fees stay those of the stable status until the change completes.
#include <stdexcept>
#include <string>

#include "simulator/network/network.h"

namespace carriersim {

void Network::SetStatus(SimId sim, StatusId to, SimTime now, ChangeCause cause) {
  const StatusId from = subs_.status[sim];
  if (from == to) return;
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  if (profile.statuses[from].final) {
    // The loader rules out every way out of a final status; getting here is a bug of ours.
    throw std::logic_error("SIM " + std::to_string(sim) + " would leave the final status '" +
                           profile.statuses[from].name + "'");
  }
  recorder_.StatusChanged(now, sim, from, to, cause);
  subs_.status[sim] = to;
  subs_.entered[sim] = now;
  if (subs_.Has(sim, kLimitPaused) && to != profile.usage_limit.to) {
    subs_.Set(sim, kLimitPaused, false);
  }
  if (!profile.statuses[to].transient && to != subs_.stable[sim]) {
    AccrueUsage(sim, now);
    subs_.commands_received[sim] += ScheduledCommands(sim, now);
    const StatusId old = subs_.stable[sim];
    const SimTime since = subs_.stable_since[sim];
    ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      billing_.ChangeStatus(sub, tariff, old, since, to, now);
    });
    subs_.previous[sim] = old;
    subs_.stable[sim] = to;
    subs_.stable_since[sim] = now;
    subs_.status_bytes[sim] = 0;
    subs_.commands[sim] = 0;
    ApplyStatusToDevice(sim, now);
  }
  ArmSubscriptionTimer(sim, now);
}

void Network::ApplyStatusToDevice(SimId sim, SimTime now) {
  if (!subs_.Has(sim, kAttached)) return;
  const StatusDef& status = StableStatusOf(sim);
  if (status.attach.kind != AttachRule::Kind::kAccept) {
    // A status that rejects attaches detaches the device as the profile says. One that changes
    // on attach (standby) detaches it with "re-attach required": a device left on attaches
    // again and reactivates the SIM, which is why Soracom says to power devices off first.
    const bool reattach =
        status.attach.kind == AttachRule::Kind::kBecomeThenAccept ||
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
