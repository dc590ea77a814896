#include "simulator/world/world.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace carriersim {

const char* EventName(const Event& e) {
  if (e.entity == kTimelineEntity) return "timeline";
  switch (e.tag()) {
    case kModemTimer:
      return "modem-timer";
    case kSubscriptionTimer:
      return "subscription-timer";
    case kFirmwareTimer:
      return "firmware-watchdog";
    case kPowerTimer:
      return "power-schedule";
    default:
      return "message";
  }
}

World::World(const Scenario& scenario, uint64_t seed, const SpillOptions& spill)
    : directory_(scenario, seed),
      engine_(static_cast<EntityId>(scenario.sim_count + kFirstDeviceEntity)),
      recorder_(directory_, spill),
      ledger_{FeeLedger(spill,
                        FeeGroups{scenario.start, &directory_.groups(), scenario.groups.size()})},
      billing_(scenario.start, static_cast<size_t>(scenario.subscription_count), &ledger_),
      network_(directory_, TimerSlot(&engine_.queue(), kFirstDeviceEntity, kSubscriptionTimer),
               billing_, recorder_),
      devices_(directory_,
               Devices::Timers{TimerSlot(&engine_.queue(), kFirstDeviceEntity, kModemTimer),
                               TimerSlot(&engine_.queue(), kFirstDeviceEntity, kFirmwareTimer),
                               TimerSlot(&engine_.queue(), kFirstDeviceEntity, kPowerTimer)},
               recorder_),
      timeline_(directory_, TimerSlot(&engine_.queue(), kTimelineEntity, kTimelineTimer), network_,
                devices_, recorder_) {
  network_.Connect(DevicePortFor(&devices_));
  devices_.Connect(NetworkPortFor(&network_));
  network_.Start();
  devices_.Start();
  timeline_.Start();
}

void World::Dispatch(const Event& e) {
  if (e.entity == kTimelineEntity) {
    ++timeline_events_;
    timeline_.OnTimer(e.time);
    return;
  }
  const DeviceId device = DeviceOfEntity(e.entity);
  switch (e.tag()) {
    case kModemTimer:
      devices_.OnModemTimer(device, e.time);
      return;
    case kSubscriptionTimer:
      network_.OnSubscriptionTimer(device, e.time);
      return;
    case kFirmwareTimer:
      devices_.OnWatchdog(device, e.time);
      return;
    case kPowerTimer:
      devices_.OnPowerTimer(device, e.time);
      return;
    default:
      throw std::logic_error("device event with unknown tag " + std::to_string(e.tag()));
  }
}

void World::RunUntil(SimTime until) {
  const SimTime end = std::min(until, scenario().duration);
  try {
    engine_.RunUntil(end, [this](const Event& e) {
      if ((engine_.events() & 0xffff) == 0 && progress_) [[unlikely]] {
        progress_(e.time, engine_.events());
      }
      if (trace_) [[unlikely]]
        trace_(e);
      Dispatch(e);
    });
  } catch (const EngineStalled& stalled) {
    throw NoProgressError(DescribeStall(stalled.event(), end));
  }
}

SimTime World::NextEventTime() {
  const SimTime next = engine_.queue().NextTime();
  return next < scenario().duration ? next : kNever;
}

void World::RunToEnd() {
  const SimTime end = scenario().duration;
  RunUntil(end);
  network_.Finish(end);
  devices_.Finish(end);
  // Final: nothing is scheduled any more, and the reports need none of the queue's memory.
  engine_.queue().Release();
}

void World::SpillRecordsOver(uint64_t bytes) {
  recorder_.SpillIfOver(bytes);
  ledger_.lines.SpillIfOver(bytes);
}

}  // namespace carriersim
