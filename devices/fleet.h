// Every device's modem state, one array per field, indexed by device id (== its SIM's id).
#ifndef CARRIERSIM_DEVICES_FLEET_H_
#define CARRIERSIM_DEVICES_FLEET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"

namespace carriersim {

using DeviceId = uint32_t;

enum class ModemState : uint8_t {
  kOff,         // powered off
  kWaiting,     // on, not registered; the modem timer says when it next tries to attach
  kRegistered,  // attached to the network
  kSimInvalid,  // a permanent reject (NET-1): no attach until power-cycled
};

struct Fleet {
  std::vector<ModemState> modem;
  std::vector<uint8_t> failed_attempts;   // attach attempt counter of TS 24.301 5.5.1.2.6
  std::vector<SimTime> traffic_anchor;    // the device sends at anchor + k * every
  std::vector<uint32_t> attach_attempts;  // per device, for the energy proxy
  std::vector<RandomStream> boot_rng;     // boot durations, one stream per device

  explicit Fleet(size_t count)
      : modem(count, ModemState::kOff),
        failed_attempts(count),
        traffic_anchor(count),
        attach_attempts(count),
        boot_rng(count) {}
  size_t size() const { return modem.size(); }
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_FLEET_H_
