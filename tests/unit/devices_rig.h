// The devices on their own, behind a scripted network (simulator/nas/ports.h): the rig the
// device seam tests share. A test builds a Devices with its three timer slots, answers its NAS
// messages from a script set per test, and checks the exact timing of every request against the
// modem's and the firmware's specs (3GPP TS 24.301; NET-*, DEV-*). No Network and no World take
// part.
#ifndef CARRIERSIM_TESTS_UNIT_DEVICES_RIG_H_
#define CARRIERSIM_TESTS_UNIT_DEVICES_RIG_H_

#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "devices/devices.h"
#include "devices/firmware.h"
#include "simulator/engine/engine.h"
#include "simulator/nas/ports.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/sim_directory.h"
#include "tests/test_util.h"

namespace carriersim::test::devices_seam {

// Entities and timer slots as world.cc assigns them: device d is entity d + 1; the devices own
// slots 0 (modem), 2 (firmware watchdog) and 3 (power schedule).
constexpr EntityId kFirstDeviceEntity = 1;
constexpr EventTag kModemSlot = 0;
constexpr EventTag kFirmwareSlot = 2;
constexpr EventTag kPowerSlot = 3;

constexpr DeviceId kUnit = 0;                  // the one device of every scenario here
constexpr EmmCause kCauseNetworkFailure = 17;  // a temporary reject (NET-2)

// A scenario whose one device (SIM 0) has the profile `device`, a YAML flow mapping.
inline std::string OneDevice(const std::string& device) {
  return R"(name: devices-seam
start: 2026-01-01T00:00:00Z
duration: 60d
carriers:
  soracom: { profile: soracom }
devices:
  unit: )" +
         device + R"(
fleet:
  - { group: units, count: 1, carrier: soracom, plan: plan01s, device: unit }
)";
}

// A message a device sent to the network.
struct Request {
  enum class Kind { kAttach, kAttachComplete, kPdnRequest, kPdnRelease, kDataSent, kDetach };
  Kind kind;
  SimTime time;
  SimId sim;
  uint32_t cell = 0;                   // kAttach
  SessionEnd why = SessionEnd::kOpen;  // kDetach
};

inline AttachAnswer Accept() { return {AttachOutcome::kAccepted, 0, {}}; }
inline AttachAnswer Reject(EmmCause cause) { return {AttachOutcome::kRejected, cause, {}}; }
inline AttachAnswer Congestion(DurationRange t3346) {
  return {AttachOutcome::kRejected, kCauseCongestion, t3346};
}
inline AttachAnswer NoAnswer() { return {AttachOutcome::kNoAnswer, 0, {}}; }

// The network, scripted: it answers every attach request with `answer`, shows its cell as
// `cell_up` (back at `cell_back_at`), records every message, and may call back into the devices
// from inside AttachComplete or PdnRequest, as the real network does.
class ScriptedNetwork {
 public:
  AttachAnswer answer = Accept();
  bool cell_up = true;
  SimTime cell_back_at = 0;
  std::function<void(SimId, SimTime)> on_attach_complete;
  std::function<void(SimId, SimTime)> on_pdn_request;
  std::vector<Request> log;

  AttachAnswer AttachRequest(SimId sim, uint32_t cell, SimTime now) {
    log.push_back({Request::Kind::kAttach, now, sim, cell});
    return answer;
  }
  void AttachComplete(SimId sim, SimTime now) {
    log.push_back({Request::Kind::kAttachComplete, now, sim});
    if (on_attach_complete) on_attach_complete(sim, now);
  }
  void PdnRequest(SimId sim, SimTime now) {
    log.push_back({Request::Kind::kPdnRequest, now, sim});
    if (on_pdn_request) on_pdn_request(sim, now);
  }
  void PdnRelease(SimId sim, SimTime now) { log.push_back({Request::Kind::kPdnRelease, now, sim}); }
  void DataSent(SimId sim, SimTime now) { log.push_back({Request::Kind::kDataSent, now, sim}); }
  void Detach(SimId sim, SimTime now, SessionEnd why) {
    log.push_back({Request::Kind::kDetach, now, sim, 0, why});
  }
  bool CellUp(uint32_t) const { return cell_up; }
  SimTime CellBackAt(uint32_t) const { return cell_back_at; }

  // When the messages of one kind were sent, in order.
  std::vector<SimTime> Times(Request::Kind kind) const {
    std::vector<SimTime> times;
    for (const Request& r : log) {
      if (r.kind == kind) times.push_back(r.time);
    }
    return times;
  }
  std::vector<Request::Kind> Kinds() const {
    std::vector<Request::Kind> kinds;
    for (const Request& r : log) kinds.push_back(r.kind);
    return kinds;
  }
};

using Kind = Request::Kind;
using Times = std::vector<SimTime>;

// Devices as world.cc builds them, with the scripted network behind their NetworkPort.
struct Rig {
  explicit Rig(const std::string& device)
      : scenario(test::LoadValid(OneDevice(device))),
        directory(scenario, scenario.seed),
        engine(static_cast<EntityId>(scenario.sim_count + kFirstDeviceEntity)),
        recorder(directory),
        devices(directory,
                Devices::Timers{TimerSlot(&engine.queue(), kFirstDeviceEntity, kModemSlot),
                                TimerSlot(&engine.queue(), kFirstDeviceEntity, kFirmwareSlot),
                                TimerSlot(&engine.queue(), kFirstDeviceEntity, kPowerSlot)},
                recorder) {
    devices.Connect(NetworkPortFor(&network));
  }

  // Handles the devices' timer events before `end`, as World::Dispatch routes them.
  void RunUntil(SimTime end) {
    engine.RunUntil(end, [this](const Event& e) {
      const DeviceId d = e.entity - kFirstDeviceEntity;
      switch (e.tag()) {
        case kModemSlot:
          devices.OnModemTimer(d, e.time);
          return;
        case kFirmwareSlot:
          devices.OnWatchdog(d, e.time);
          return;
        case kPowerSlot:
          devices.OnPowerTimer(d, e.time);
          return;
        default:
          FAIL("unexpected timer slot " << int{e.tag()});
      }
    });
  }

  bool ModemTimerSet() const {
    return engine.queue().IsTimerSet(kUnit + kFirstDeviceEntity, kModemSlot);
  }
  const DeviceSpec& Spec() const { return directory.DeviceSpecOf(kUnit); }

  Scenario scenario;
  SimDirectory directory;
  Engine engine;
  Recorder recorder;
  ScriptedNetwork network;
  Devices devices;
};

}  // namespace carriersim::test::devices_seam

#endif  // CARRIERSIM_TESTS_UNIT_DEVICES_RIG_H_
