// A device's power schedule (DEV-1): a duty cycle at a phase of the device's own and yearly off
// seasons. Pure arithmetic; devices/power.cc applies it while the timeline's switch is on.
#ifndef CARRIERSIM_DEVICES_POWER_H_
#define CARRIERSIM_DEVICES_POWER_H_

#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// Whether a schedule has the device on at a moment, and until when that holds (kNever: for
// good). `phase` places the duty cycle: on in [phase + k * every, phase + k * every + on).
struct PowerWindow {
  bool on = true;
  SimTime until = kNever;
};
PowerWindow ScheduledPower(const PowerSpec& spec, SimTime phase, UnixMillis start, SimTime t);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_POWER_H_
