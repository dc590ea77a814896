// Building the fleet, its start and the end of a run.
#include "devices/devices.h"

namespace carriersim {

const char* ModemStateName(ModemState state) {
  switch (state) {
    case ModemState::kOff:
      return "off";
    case ModemState::kWaiting:
      return "waiting";
    case ModemState::kAttaching:
      return "attaching";
    case ModemState::kRebooting:
      return "rebooting";
    case ModemState::kRegistered:
      return "registered";
    case ModemState::kSimInvalid:
      return "sim-invalid";
    case ModemState::kGaveUp:
      return "gave-up";
  }
  return "?";
}

Devices::Devices(const SimDirectory& directory, Timers timers, Recorder& recorder)
    : directory_(directory),
      timers_(timers),
      recorder_(recorder),
      state_(directory.size()),
      boot_rng_(directory.size()),
      rejects_(directory.size()),
      reboots_(directory.size()),
      traffic_anchor_(directory.size()),
      pdn_refused_since_(directory.size()),
      pdn_requests_(directory.size()) {
  const Scenario& s = directory.scenario();
  const uint64_t seed = directory.seed();
  for (const GroupSpec& group : s.groups) {
    const TrafficSpec& traffic = s.devices[group.device].traffic;
    const CellSet& cells = s.cell_sets[group.cell_set];
    window_offset_.push_back(drawn_devices_);
    if (!traffic.uplink.fixed() || !traffic.downlink.fixed()) {
      drawn_devices_ += static_cast<uint32_t>(group.count);
    }
    for (int64_t i = 0; i < group.count; ++i) {
      const DeviceId d = static_cast<DeviceId>(group.first_sim + i);
      const uint64_t key = directory.DeviceKey(d);
      boot_rng_[d] = MakeStream(seed, key, StreamPurpose::kBoot);
      state_[d].firmware_rng = MakeStream(seed, key, StreamPurpose::kFirmware);
      state_[d].radio_rng = MakeStream(seed, key, StreamPurpose::kRadio);
      state_[d].cell = cells.first + static_cast<uint32_t>(directory.IndexInGroup(d) % cells.count);
      if (traffic.every > 0) {
        RandomStream stream = MakeStream(seed, key, StreamPurpose::kTrafficPhase);
        traffic_anchor_[d] =
            static_cast<SimTime>(UniformBelow(stream, static_cast<uint64_t>(traffic.every)));
      }
    }
  }
  SetUpExternal();
}

void Devices::Start() {
  for (const GroupSpec& group : directory_.scenario().groups) {
    if (!group.powered) continue;
    for (int64_t i = group.first_sim; i < group.first_sim + group.count; ++i) {
      SwitchOn(static_cast<DeviceId>(i), 0);
    }
  }
}

void Devices::Finish(SimTime end) {
  for (DeviceId d = 0; d < state_.size(); ++d) EndPdnRefusal(d, end);
}

}  // namespace carriersim
