#include "simulator/world/simulation.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "devices/firmware.h"
#include "devices/modem.h"
#include "devices/power.h"
#include "simulator/network/core_network.h"
#include "simulator/network/lifecycle.h"
#include "simulator/world/timeline.h"

namespace carriersim {
namespace {

void Dispatch(World& world, const Event& e) {
  if (e.entity == kTimelineEntity) {
    RunDueActions(world, e.time);
    return;
  }
  const DeviceId device = DeviceOfEntity(e.entity);
  switch (e.tag()) {
    case kModemTimer:
      OnModemTimer(world, device, e.time);
      return;
    case kSubscriptionTimer:
      OnSubscriptionTimer(world, device, e.time);
      return;
    case kFirmwareTimer:
      OnWatchdog(world, device, e.time);
      return;
    case kPowerTimer:
      OnPowerTimer(world, device, e.time);
      return;
    default:
      throw std::logic_error("device event with unknown tag " + std::to_string(e.tag()));
  }
}

}  // namespace

void RunUntil(World& world, SimTime until) {
  const SimTime end = std::min(until, world.scenario.duration);
  while (!world.queue.empty() && world.queue.NextTime() < end) {
    const Event e = world.queue.Pop();
    if ((++world.events & 0xffff) == 0 && world.progress) [[unlikely]] {
      world.progress(e.time, world.events);
    }
    if (world.trace) [[unlikely]] world.trace(e);
    Dispatch(world, e);
  }
}

void RunSimulation(World& world, const std::vector<SimTime>& pauses,
                   const std::function<void(SimTime)>& at_pause) {
  for (const SimTime t : pauses) {
    RunUntil(world, t + 1);
    at_pause(t);
  }
  RunSimulation(world);
}

void RunSimulation(World& world) {
  const SimTime end = world.scenario.duration;
  RunUntil(world, end);
  // The end of the run closes every open period: usage, basic fees, renewals.
  Subscribers& subs = world.subscribers;
  for (SimId sim = 0; sim < subs.size(); ++sim) {
    FinishRun(world, sim, end);
    world.ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      world.billing.Finish(sub, tariff, subs.stable[sim], subs.stable_since[sim], end);
    });
  }
}

}  // namespace carriersim
