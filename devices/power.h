// A device's power (DEV-1). The timeline's power-on and power-off work a switch; while the
// switch is on, the device profile's schedule (a duty cycle, yearly off seasons) decides when the
// modem has power. Every change of the schedule is one timer event per device: a device that is
// always on costs nothing.
#ifndef CARRIERSIM_DEVICES_POWER_H_
#define CARRIERSIM_DEVICES_POWER_H_

#include "simulator/scenario/model.h"
#include "simulator/world/world.h"

namespace carriersim {

// Whether a schedule has the device on at a moment, and until when that holds (kNever: for
// good). `phase` places the duty cycle: on in [phase + k * every, phase + k * every + on).
struct PowerWindow {
  bool on = true;
  SimTime until = kNever;
};
PowerWindow ScheduledPower(const PowerSpec& spec, SimTime phase, UnixMillis start, SimTime t);

// The duty cycle's phase of `device`, drawn once per device and seed (not stored: recomputed).
SimTime PowerPhase(const World& world, DeviceId device);

// The timeline's switch. Each returns whether the modem's power changed; a power cycle of a
// device that is on restarts its modem.
bool SwitchOn(World& world, DeviceId device, SimTime now);
bool SwitchOff(World& world, DeviceId device, SimTime now);
bool SwitchCycle(World& world, DeviceId device, SimTime now);

// The schedule of a switched-on device changed state.
void OnPowerTimer(World& world, DeviceId device, SimTime now);

// When the schedule next changes the device's power, or kNever.
SimTime NextPowerChange(const World& world, DeviceId device, SimTime now);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_POWER_H_
