// Power (DEV-1). The timeline's power-on and power-off work a switch; while the switch is on,
// the device profile's schedule (a duty cycle, yearly off seasons) decides when the modem has
// power. Every change of the schedule is one timer event per device: a device that is always on
// costs nothing.
#include "devices/power.h"

#include <algorithm>

#include "devices/devices.h"
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

SimTime Devices::PowerPhase(DeviceId d) const {
  const PowerSpec& spec = SpecOf(d).power;
  if (spec.every <= 0) return 0;
  RandomStream rng =
      MakeStream(directory_.seed(), directory_.DeviceKey(d), StreamPurpose::kPowerPhase);
  return static_cast<SimTime>(UniformBelow(rng, static_cast<uint64_t>(spec.every)));
}

// Powers the modem as the schedule says at `now`, and sets the timer for the next change.
bool Devices::FollowSchedule(DeviceId d, SimTime now) {
  const PowerWindow window =
      ScheduledPower(SpecOf(d).power, PowerPhase(d), directory_.scenario().start, now);
  if (window.until == kNever) {
    timers_.power.Cancel(d);
  } else {
    timers_.power.Set(d, window.until);
  }
  return window.on ? PowerOn(d, now) : PowerOff(d, now, SessionEnd::kPowerOff);
}

bool Devices::SwitchOn(DeviceId d, SimTime now) {
  state_[d].switched_on = 1;
  const bool changed = SpecOf(d).power.scheduled() ? FollowSchedule(d, now) : PowerOn(d, now);
  NoteExternal(d, now);
  return changed;
}

bool Devices::SwitchOff(DeviceId d, SimTime now) {
  state_[d].switched_on = 0;
  timers_.power.Cancel(d);
  const bool changed = PowerOff(d, now, SessionEnd::kPowerOff);
  NoteExternal(d, now);
  return changed;
}

bool Devices::SwitchCycle(DeviceId d, SimTime now) {
  SwitchOff(d, now);
  return SwitchOn(d, now);
}

void Devices::OnPowerTimer(DeviceId d, SimTime now) {
  if (state_[d].switched_on) FollowSchedule(d, now);
  NoteExternal(d, now);
}

// When the schedule next changes the device's power, or kNever.
SimTime Devices::NextPowerChange(DeviceId d, SimTime now) const {
  const PowerSpec& spec = SpecOf(d).power;
  if (!state_[d].switched_on || !spec.scheduled()) return kNever;
  return ScheduledPower(spec, PowerPhase(d), directory_.scenario().start, now).until;
}

}  // namespace carriersim
