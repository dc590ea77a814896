// The modem of a device, following 3GPP TS 24.301 for attach: an attempt counter, T3411 between
// failed attempts and T3402 after `attempts_before_t3402` failures in a row (NET-2), and a SIM
// held invalid after a permanent reject until the device is power-cycled (NET-1, DEV-1).
#ifndef CARRIERSIM_DEVICES_MODEM_H_
#define CARRIERSIM_DEVICES_MODEM_H_

#include "devices/fleet.h"
#include "simulator/network/emm_cause.h"
#include "simulator/world/world.h"

namespace carriersim {

// Each returns whether the device changed: powering on a device that is on, or off one that is
// off, does nothing.
bool PowerOn(World& world, DeviceId device, SimTime now);
bool PowerOff(World& world, DeviceId device, SimTime now);
// Off (if on) and on again at the same instant: resets the attempt counter and the invalid-SIM
// flag. Always acts.
bool PowerCycle(World& world, DeviceId device, SimTime now);

// The modem timer fired: boot is over or a back-off ended, so the modem attaches.
void OnModemTimer(World& world, DeviceId device, SimTime now);

// The network detached the device. With `reattach` (detach type "re-attach required") the modem
// attaches again at once; otherwise it treats `cause` as an attach reject would.
void OnNetworkDetach(World& world, DeviceId device, SimTime now, EmmCause cause, bool reattach);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_MODEM_H_
