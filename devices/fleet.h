// Every device's modem and firmware state, one array per field, indexed by device id (== its
// SIM's id).
#ifndef CARRIERSIM_DEVICES_FLEET_H_
#define CARRIERSIM_DEVICES_FLEET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"

namespace carriersim {

using DeviceId = uint32_t;

enum class ModemState : uint8_t {
  kOff,         // powered off
  kWaiting,     // on, not registered; the modem timer says when it next tries to attach
  kAttaching,   // an attach request is out; the modem timer says when its answer arrives
  kRebooting,   // the firmware will reboot the modem when the modem timer fires
  kRegistered,  // attached to the network
  kSimInvalid,  // a permanent reject (NET-1): no attach until power-cycled
  kGaveUp,      // the firmware reached its maximum attempts: nothing until power-cycled
};

// The answer an attach request gets, held while it travels (ModemState::kAttaching).
enum class AttachOutcome : uint8_t {
  kAccepted,
  kRejected,  // with an EMM cause
  kNoCell,    // the device's cell is down: the request reaches nobody
  kNoAnswer,  // the core is down: the request times out (T3410)
};

struct Fleet {
  std::vector<ModemState> modem;
  std::vector<uint8_t> switched_on;      // the timeline's power switch (devices/power.h)
  std::vector<uint32_t> cell;            // the cell the device camps on
  std::vector<uint8_t> failed_attempts;  // attach attempt counter of TS 24.301 5.5.1.2.6
  std::vector<uint32_t> failures;        // the firmware's failures in a row (DEV-2)
  std::vector<uint16_t> reboots_in_row;  // firmware reboots without regaining service
  std::vector<SimTime> last_wait;        // the previous retry wait (decorrelated jitter)
  std::vector<SimTime> t3346_until;      // congestion back-off; survives reboots (24.301 5.5.1.2.5)
  std::vector<AttachOutcome> answer;     // while kAttaching: the answer on its way...
  std::vector<uint8_t> answer_cause;     // ...and its EMM cause, when rejected
  std::vector<SimTime> traffic_anchor;   // the device sends at anchor + k * every
  // Attached but refused a data session (SOR-4): since when it has been asking, and how many
  // requests it made in earlier such periods (the current one is counted when it ends).
  std::vector<SimTime> pdn_refused_since;
  std::vector<uint32_t> pdn_requests;
  // The mass event (outage, mass power-on) the device is recovering from, + 1; 0: none.
  std::vector<uint32_t> recovering;
  // Energy proxy (DEV-4): attach attempts, radio-on time, modem reboots.
  std::vector<uint32_t> attach_attempts;
  std::vector<uint32_t> rejects;  // attach rejects the device got, any cause
  std::vector<SimTime> radio_ms;
  std::vector<uint32_t> reboots;
  std::vector<RandomStream> boot_rng;      // boot durations
  std::vector<RandomStream> firmware_rng;  // back-off jitter
  std::vector<RandomStream> radio_rng;     // attach times, loss detection, T3346

  explicit Fleet(size_t count)
      : modem(count, ModemState::kOff),
        switched_on(count),
        cell(count),
        failed_attempts(count),
        failures(count),
        reboots_in_row(count),
        last_wait(count),
        t3346_until(count),
        answer(count),
        answer_cause(count),
        traffic_anchor(count),
        pdn_refused_since(count, kNever),
        pdn_requests(count),
        recovering(count),
        attach_attempts(count),
        rejects(count),
        radio_ms(count),
        reboots(count),
        boot_rng(count),
        firmware_rng(count),
        radio_rng(count) {}
  size_t size() const { return modem.size(); }
};

// A duration from `range`: fixed ranges draw nothing, so that they leave the stream untouched.
inline SimTime Draw(RandomStream& rng, const DurationRange& range) {
  return range.min == range.max ? range.min : UniformInt(rng, range.min, range.max);
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_FLEET_H_
