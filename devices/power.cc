#include "devices/power.h"

#include <algorithm>

#include "devices/modem.h"
#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

SimTime FloorMod(SimTime a, SimTime b) {
  const SimTime r = a % b;
  return r < 0 ? r + b : r;
}

// 00:00 UTC of month-day `mmdd` in `year`.
UnixMillis DayStart(int64_t year, int mmdd) {
  return DaysFromCivil(CivilDate{year, mmdd / 100, mmdd % 100}) * kDay;
}

// Powers the modem as the schedule says at `now`, and sets the timer for the next change.
bool FollowSchedule(World& world, DeviceId device, SimTime now) {
  const PowerWindow window = ScheduledPower(world.DeviceSpecOf(device).power,
                                            PowerPhase(world, device), world.scenario.start, now);
  if (window.until == kNever) {
    world.queue.CancelTimer(EntityOfDevice(device), kPowerTimer);
  } else {
    world.queue.SetTimer(window.until, EntityOfDevice(device), kPowerTimer);
  }
  return window.on ? PowerOn(world, device, now) : PowerOff(world, device, now);
}

}  // namespace

PowerWindow ScheduledPower(const PowerSpec& spec, SimTime phase, UnixMillis start, SimTime t) {
  PowerWindow window;
  if (spec.every > 0 && spec.on < spec.every) {
    const SimTime into = FloorMod(t - phase, spec.every);
    window.on = into < spec.on;
    window.until = t - into + (window.on ? spec.on : spec.every);
  }
  if (spec.off_seasons.empty()) return window;
  const UnixMillis now = start + t;
  const int64_t year = ToCivil(now).date.year;
  for (const Season& season : spec.off_seasons) {
    // The season that began last year may still be running; next year's is the latest that
    // can matter before this year's ends.
    for (int64_t y = year - 1; y <= year + 1; ++y) {
      const UnixMillis from = DayStart(y, season.from);
      const UnixMillis to = DayStart(season.to > season.from ? y : y + 1, season.to);
      if (from <= now && now < to) return {false, to - start};  // re-checked when it ends
      if (from > now) window.until = std::min(window.until, from - start);
    }
  }
  return window;
}

SimTime PowerPhase(const World& world, DeviceId device) {
  const PowerSpec& spec = world.DeviceSpecOf(device).power;
  if (spec.every <= 0) return 0;
  RandomStream rng = MakeStream(world.seed, world.DeviceKey(device), StreamPurpose::kPowerPhase);
  return static_cast<SimTime>(UniformBelow(rng, static_cast<uint64_t>(spec.every)));
}

bool SwitchOn(World& world, DeviceId device, SimTime now) {
  world.fleet.switched_on[device] = 1;
  if (!world.DeviceSpecOf(device).power.scheduled()) return PowerOn(world, device, now);
  return FollowSchedule(world, device, now);
}

bool SwitchOff(World& world, DeviceId device, SimTime now) {
  world.fleet.switched_on[device] = 0;
  world.queue.CancelTimer(EntityOfDevice(device), kPowerTimer);
  return PowerOff(world, device, now);
}

bool SwitchCycle(World& world, DeviceId device, SimTime now) {
  SwitchOff(world, device, now);
  return SwitchOn(world, device, now);
}

void OnPowerTimer(World& world, DeviceId device, SimTime now) {
  if (world.fleet.switched_on[device]) FollowSchedule(world, device, now);
}

SimTime NextPowerChange(const World& world, DeviceId device, SimTime now) {
  const PowerSpec& spec = world.DeviceSpecOf(device).power;
  if (!world.fleet.switched_on[device] || !spec.scheduled()) return kNever;
  return ScheduledPower(spec, PowerPhase(world, device), world.scenario.start, now).until;
}

}  // namespace carriersim
