// The firmware's reconnect policy on top of the modem (DEV-2): how long to wait after a failed
// attach, when to give up, when to reboot the modem, and what to make of a permanent reject.
#ifndef CARRIERSIM_DEVICES_FIRMWARE_H_
#define CARRIERSIM_DEVICES_FIRMWARE_H_

#include "devices/fleet.h"
#include "simulator/network/emm_cause.h"
#include "simulator/world/world.h"

namespace carriersim {

// The k-th wait (k = 0, 1, ...) of `backoff`, jittered with `rng`. `previous` is the wait before
// (decorrelated jitter grows from it) and is updated.
SimTime BackoffWait(const Backoff& backoff, uint32_t k, SimTime& previous, RandomStream& rng);

// Requests for a data session by a device refused one at `from` and retrying by `retry` until
// `to`: the first at `from`, then one after each wait, before `to`. Counted, not simulated.
uint64_t PdnRequests(const Backoff& retry, SimTime from, SimTime to);

// An attach attempt failed (or the network detached the device with `cause`): decides the
// device's next step and schedules it.
void OnAttachFailure(World& world, DeviceId device, SimTime now, AttachOutcome outcome,
                     EmmCause cause);

// The device lost service (power on, a detach, a lost cell): starts the no-service watchdog.
void ArmWatchdog(World& world, DeviceId device, SimTime now);
// The watchdog fired: the device has been without service for too long.
void OnWatchdog(World& world, DeviceId device, SimTime now);

// The firmware's reboot came due: the modem restarts, keeping T3346 (TS 24.301 5.5.1.2.5).
void RebootModem(World& world, DeviceId device, SimTime now);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_FIRMWARE_H_
