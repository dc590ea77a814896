// A device's modem and firmware state. What nearly every event of a device touches sits in one
// 64-byte record (one cache line: a retry costs one miss, not one per field); what is touched
// rarely lives in columns of its own in Devices.
#ifndef CARRIERSIM_DEVICES_DEVICE_STATE_H_
#define CARRIERSIM_DEVICES_DEVICE_STATE_H_

#include <cstdint>

#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"
#include "simulator/nas/messages.h"

namespace carriersim {

enum class ModemState : uint8_t {
  kOff,         // powered off
  kWaiting,     // on, not registered; the modem timer says when it next tries to attach
  kAttaching,   // an attach request is out; the modem timer says when its answer arrives
  kRebooting,   // the firmware will reboot the modem when the modem timer fires
  kRegistered,  // attached to the network
  kSimInvalid,  // a permanent reject (NET-1): no attach until power-cycled
  kGaveUp,      // the firmware reached its maximum attempts: nothing until power-cycled
};

// "off", "waiting", "attaching", "rebooting", "registered", "sim-invalid", "gave-up".
const char* ModemStateName(ModemState state);

struct alignas(64) DeviceState {
  SimTime t3346_until = 0;       // congestion back-off; survives reboots (TS 24.301 5.5.1.2.5)
  SimTime last_wait = 0;         // the previous retry wait (decorrelated jitter)
  SimTime radio_ms = 0;          // energy proxy (DEV-4): time with the radio on
  RandomStream radio_rng;        // attach times, loss detection, T3346, cell search
  RandomStream firmware_rng;     // back-off jitter
  uint32_t cell = 0;             // the cell the device camps on
  uint32_t failures = 0;         // the firmware's failures in a row (DEV-2)
  uint32_t attach_attempts = 0;  // energy proxy: attempts made, heard or not
  uint16_t reboots_in_row = 0;   // firmware reboots without regaining service
  ModemState modem = ModemState::kOff;
  AttachOutcome answer = AttachOutcome::kAccepted;  // while kAttaching: the answer on its way...
  EmmCause answer_cause = 0;                        // ...and its EMM cause, when rejected
  uint8_t failed_attempts = 0;                      // attach attempt counter of TS 24.301 5.5.1.2.6
  uint8_t switched_on = 0;                          // the timeline's power switch (power.cc)
  uint8_t pdn_refused = 0;  // registered and refused a data session: see pdn_refused_since
};
static_assert(sizeof(DeviceState) == 64, "one cache line per device");

// A duration from `range`: fixed ranges draw nothing, so that they leave the stream untouched.
inline SimTime Draw(RandomStream& rng, const DurationRange& range) {
  return range.min == range.max ? range.min : UniformInt(rng, range.min, range.max);
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_DEVICE_STATE_H_
