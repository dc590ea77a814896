// The modem of a device, following 3GPP TS 24.301 for attach: the attempt counter with T3411
// and T3402 (NET-2), T3346 after congestion (NET-3), a SIM held invalid after a permanent reject
// until the device is power-cycled (NET-1, DEV-1), and the time an attach takes. What to do
// after a failure is the firmware's decision (firmware.h).
#ifndef CARRIERSIM_DEVICES_MODEM_H_
#define CARRIERSIM_DEVICES_MODEM_H_

#include "devices/fleet.h"
#include "simulator/network/emm_cause.h"
#include "simulator/world/world.h"

namespace carriersim {

// The modem gets or loses power (devices/power.h decides when). Powering on resets the attempt
// counter, the invalid-SIM flag and the firmware's counters. Each returns whether the device
// changed: powering on a device that is on, or off one that is off, does nothing.
bool PowerOn(World& world, DeviceId device, SimTime now);
bool PowerOff(World& world, DeviceId device, SimTime now, SessionEnd why = SessionEnd::kPowerOff);

// The SIM is taken out and put back while the device is on: the modem drops off the network and
// reads the SIM again, forgetting an invalid SIM and its counters (NET-1), then attaches after its
// boot time. The power schedule is untouched. False when the device is off.
bool ReinsertSim(World& world, DeviceId device, SimTime now);

// The modem attaches at `at`.
void WaitThenAttach(World& world, DeviceId device, SimTime at);

// The modem timer fired: an attach is due, its answer arrived, or a reboot is due.
void OnModemTimer(World& world, DeviceId device, SimTime now);

// The network detached the device. With `reattach` (detach type "re-attach required") the modem
// attaches again at once; otherwise it treats `cause` as an attach reject would.
void OnNetworkDetach(World& world, DeviceId device, SimTime now, EmmCause cause, bool reattach);

// The device's cell or the core went away (NET-4): the device notices after its modem's
// loss-detection time and starts attaching. Returns whether it had service to lose.
bool LoseService(World& world, DeviceId device, SimTime now);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_MODEM_H_
