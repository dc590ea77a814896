// The world of one run: the components built from a validated Scenario and wired together, and
// the loop that drives them. The world owns every component and is the only place that knows
// them all; the components know one another only through the doors the world gives them (the
// NAS ports between devices and network, the recorder, billing).
//
//   engine   (queue, clock)   the events, in their total order
//   network  (subscribers, cells, lifecycle)  <-- NAS ports -->  devices (modem, firmware, ...)
//   billing  (tariffs -> ledger)              recorder (history, sessions, signaling, recovery)
//   timeline (the scenario's actions, on the network and the devices)
//
// Entities: the scenario timeline is entity 0 and device d is entity d + 1, so that at one
// instant the timeline's actions come before any device event (the queue orders equal times by
// entity id). Each entity's timer slots belong to one component each (TimerSlotOf below); each
// component gets its slots as TimerSlot handles.
//
// Thread safety: none; one world belongs to one run. A world is neither copied nor moved: its
// components point at one another.
#ifndef CARRIERSIM_WORLD_WORLD_H_
#define CARRIERSIM_WORLD_WORLD_H_

#include <cstdint>
#include <functional>
#include <string>

#include "devices/devices.h"
#include "simulator/base/no_progress.h"
#include "simulator/base/spill_file.h"
#include "simulator/billing/billing.h"
#include "simulator/billing/ledger.h"
#include "simulator/engine/engine.h"
#include "simulator/network/network.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/model.h"
#include "simulator/scenario/sim_directory.h"
#include "simulator/world/timeline.h"

namespace carriersim {

inline constexpr EntityId kTimelineEntity = 0;
inline constexpr EntityId kFirstDeviceEntity = 1;
inline EntityId EntityOfDevice(DeviceId d) { return d + kFirstDeviceEntity; }
inline DeviceId DeviceOfEntity(EntityId e) { return e - kFirstDeviceEntity; }

enum TimerSlotOf : EventTag {
  kTimelineTimer = 0,      // timeline entity: the next action is due
  kModemTimer = 0,         // device: boot finished or retry/back-off over, time to attach
  kSubscriptionTimer = 1,  // its SIM: an automatic transition may be due (network)
  kFirmwareTimer = 2,      // device: the firmware's no-service watchdog
  kPowerTimer = 3,         // device: its power schedule changes state
};

// What fired, in words ("modem-timer", "timeline", ...), for traces.
const char* EventName(const Event& e);

class World {
 public:
  // `spill`: where the records (fee ledger, status history, sessions) go past the memory they
  // may keep (base/spill_file.h).
  World(const Scenario& scenario, uint64_t seed, const SpillOptions& spill = {});
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const Scenario& scenario() const { return directory_.scenario(); }
  uint64_t seed() const { return directory_.seed(); }
  const SimDirectory& directory() const { return directory_; }
  const Network& network() const { return network_; }
  const Devices& devices() const { return devices_; }
  const Billing& billing() const { return billing_; }
  const Ledger& ledger() const { return ledger_; }
  const Recorder& recorder() const { return recorder_; }
  const EventQueue& queue() const { return engine_.queue(); }
  uint64_t events() const { return engine_.events(); }
  // Of them, the timeline's: every shard of a run (Scenario::shard) handles all of these.
  uint64_t timeline_events() const { return timeline_events_; }

  // Handles the events before `until` (and before the scenario's end), leaving the rest queued:
  // a run can be observed between steps. Deterministic: the same scenario and seed give the same
  // state after the same steps, whatever the machine. Throws NoProgressError when a SIM's events
  // loop without the clock moving on.
  void RunUntil(SimTime until);
  // Runs what is left of the scenario, then closes everything still open at its end: usage,
  // data session requests, basic fees, renewals. Called once; the world is then final.
  void RunToEnd();
  // After RunToEnd: each record log (history, sessions, ledger, mass events) holding more than
  // `bytes` in memory writes it to its spill file and gives the memory back (a log that may not
  // spill keeps it). For reports that read the records in passes, with millions of SIMs.
  void SpillRecordsOver(uint64_t bytes);
  // A request from outside the scenario file at `now` (Timeline::Perform). REQUIRES: every
  // event before `now` handled (RunUntil(now)), and none after it.
  Outcome Perform(const TimelineAction& action, SimTime now) {
    return timeline_.Perform(action, now);
  }
  // When the next event is due (kNever: none before the scenario's end): a live clock sleeps
  // until then.
  SimTime NextEventTime();
  // External modems (devices/at): from this call on, every change of one's status is kept
  // until taken, so that a live session can tell its AT line (Devices::CollectModemReports).
  void CollectModemReports() { devices_.CollectModemReports(); }
  std::vector<ModemReport> TakeModemReports() { return devices_.TakeModemReports(); }

  // Called every 65,536 events with the simulated time (a progress line).
  void set_progress(std::function<void(SimTime, uint64_t)> progress) {
    progress_ = std::move(progress);
  }
  // Called with every event before it is handled (`run --trace`).
  void set_trace(std::function<void(const Event&)> trace) { trace_ = std::move(trace); }
  // Off only to check that counting retries into a dead cell by arithmetic changes nothing.
  void set_fast_forward(bool on) { devices_.set_fast_forward(on); }
  // Tests lower the engine's bound on one SIM's events at one instant, to reach it fast.
  void set_max_events_per_instant(uint64_t max) { engine_.set_max_events_per_instant(max); }

 private:
  void Dispatch(const Event& e);
  // stall.cc: handles a few more of the looping SIM's events to say what repeats.
  std::string DescribeStall(const Event& first, SimTime end);

  SimDirectory directory_;
  Engine engine_;
  Recorder recorder_;
  Ledger ledger_;
  Billing billing_;
  Network network_;
  Devices devices_;
  Timeline timeline_;
  std::function<void(SimTime, uint64_t)> progress_;
  std::function<void(const Event&)> trace_;
  uint64_t timeline_events_ = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_WORLD_H_
