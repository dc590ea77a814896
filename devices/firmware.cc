#include "devices/firmware.h"

#include <algorithm>
#include <cstdint>

#include "devices/modem.h"
#include "devices/power.h"
#include "simulator/network/core_network.h"
#include "simulator/world/timeline.h"

namespace carriersim {

SimTime BackoffWait(const Backoff& backoff, uint32_t k, SimTime& previous, RandomStream& rng) {
  SimTime wait = backoff.initial;
  for (uint32_t i = 0; i < k && wait < backoff.cap; ++i) {
    wait = std::min(backoff.cap, wait * backoff.multiplier_milli / 1000);
  }
  wait = std::min(wait, backoff.cap);
  switch (backoff.jitter) {
    case Jitter::kNone:
      break;
    case Jitter::kFull:
      wait = UniformInt(rng, 0, wait);
      break;
    case Jitter::kEqual:
      wait = wait / 2 + UniformInt(rng, 0, wait - wait / 2);
      break;
    case Jitter::kDecorrelated: {
      const SimTime high = std::max(backoff.initial, std::min(backoff.cap, previous * 3));
      wait = k == 0 ? backoff.initial : UniformInt(rng, backoff.initial, high);
      break;
    }
  }
  previous = wait;
  return wait;
}

uint64_t PdnRequests(const Backoff& retry, SimTime from, SimTime to) {
  // Waits grow only with a multiplier above 1; then they grow by at least 1 ms a step.
  const SimTime cap = retry.multiplier_milli > 1000 ? retry.cap : retry.initial;
  uint64_t requests = 1;
  SimTime at = from;
  SimTime wait = retry.initial;
  while (wait < cap) {
    if (at + wait >= to) return requests;
    at += wait;
    ++requests;
    wait = std::min(cap, wait * retry.multiplier_milli / 1000);
  }
  return requests + static_cast<uint64_t>(std::max<SimTime>(0, to - at - 1) / cap);
}

namespace {

// Waits never reach below a millisecond, so that no device can loop at one instant.
constexpr SimTime kMinWait = 1;

// The firmware's own wait before attaching again, on top of the modem's T3346.
SimTime RetryWait(World& world, DeviceId device, bool congestion) {
  Fleet& fleet = world.fleet;
  const DeviceSpec& spec = world.DeviceSpecOf(device);
  switch (spec.firmware.retry_policy) {
    case RetryPolicy::kModem: {
      if (congestion) return 0;  // T3346 alone decides
      const ModemSpec& modem = spec.modem;
      if (++fleet.failed_attempts[device] < modem.attempts_before_t3402) return modem.t3411;
      fleet.failed_attempts[device] = 0;  // NET-2: T3402 after the 5th, then start again
      return modem.t3402;
    }
    case RetryPolicy::kFixed:
      return spec.firmware.retry.initial;
    case RetryPolicy::kExponential:
      return BackoffWait(spec.firmware.retry, fleet.failures[device] - 1,
                         fleet.last_wait[device], fleet.firmware_rng[device]);
  }
  return spec.modem.t3411;
}

void ScheduleReboot(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  const Backoff& backoff = world.DeviceSpecOf(device).firmware.reboot_backoff;
  SimTime unused = 0;
  const SimTime wait =
      BackoffWait(backoff, fleet.reboots_in_row[device], unused, fleet.firmware_rng[device]);
  if (wait <= 0) {
    RebootModem(world, device, now);
    return;
  }
  fleet.modem[device] = ModemState::kRebooting;
  world.queue.SetTimer(now + wait, EntityOfDevice(device), kModemTimer);
}

// What follows a failure at `now`: returns when the next attach is due, or kNever when the
// failure led elsewhere (an invalid SIM, giving up, a reboot, which is then scheduled).
SimTime NextAttempt(World& world, DeviceId device, SimTime now, AttachOutcome outcome,
                    EmmCause cause) {
  Fleet& fleet = world.fleet;
  const FirmwareSpec& firmware = world.DeviceSpecOf(device).firmware;
  const bool rejected = outcome == AttachOutcome::kRejected;
  const bool congestion = rejected && cause == kCauseCongestion;
  if (congestion) {
    // NET-3, TS 24.301 5.5.1.2.5: no attach until T3346 expires; the attempt counter restarts.
    const DurationRange& t3346 = world.scenario.cells[fleet.cell[device]].t3346;
    fleet.t3346_until[device] = now + Draw(fleet.radio_rng[device], t3346);
    fleet.failed_attempts[device] = 0;
  }
  ++fleet.failures[device];
  if (rejected && IsPermanentReject(cause)) {
    switch (firmware.permanent_reject) {
      case PermanentReject::kRespect:
        fleet.modem[device] = ModemState::kSimInvalid;  // NET-1: silent until power-cycled
        return kNever;
      case PermanentReject::kReboot:
        ScheduleReboot(world, device, now);
        return kNever;
      case PermanentReject::kRetry:
        break;  // toggling the radio clears the invalid flag: retry as after any failure
    }
  }
  if (firmware.max_attempts > 0 && fleet.failures[device] >= uint32_t(firmware.max_attempts)) {
    fleet.modem[device] = ModemState::kGaveUp;
    world.queue.CancelTimer(EntityOfDevice(device), kFirmwareTimer);
    return kNever;
  }
  if (firmware.reboot_after_failures > 0 &&
      fleet.failures[device] % uint32_t(firmware.reboot_after_failures) == 0) {
    ScheduleReboot(world, device, now);
    return kNever;
  }
  const SimTime wait = std::max(RetryWait(world, device, congestion), kMinWait);
  return std::max(now + wait, fleet.t3346_until[device]);
}

// A device whose cell is down keeps failing the same way until the cell comes back, and only a
// timeline action brings it back (or touches the device at all). So the attempts it would make
// before the next action are counted here, by the same rules and random draws, instead of being
// simulated one event each: an outage then costs events per device, not per retry. Returns
// when the first attempt that needs an event is due, or kNever as NextAttempt does.
SimTime SkipDeadAir(World& world, DeviceId device, SimTime now, SimTime at) {
  Fleet& fleet = world.fleet;
  const DeviceSpec& spec = world.DeviceSpecOf(device);
  // Only while the cell is down: an answer that left before the restore can arrive after it.
  if (!world.fast_forward || spec.firmware.reboot_after_no_service > 0 ||
      !world.cells.down(fleet.cell[device])) {
    return at;
  }
  // Nothing but the timeline and the device's own power schedule can change what it meets.
  const SimTime horizon = std::min(NextTimelineTime(world), NextPowerChange(world, device, now));
  while (at < horizon) {
    RandomStream rng = fleet.radio_rng[device];
    const SimTime took = Draw(rng, spec.modem.attach_time);
    if (at + took >= horizon) break;  // its answer would meet the next action: simulate it
    fleet.radio_rng[device] = rng;
    ++fleet.attach_attempts[device];
    CountAttemptWithoutCell(world, device);
    fleet.radio_ms[device] += took;
    at = NextAttempt(world, device, at + took, AttachOutcome::kNoCell, 0);
  }
  return at;
}

}  // namespace

void OnAttachFailure(World& world, DeviceId device, SimTime now, AttachOutcome outcome,
                     EmmCause cause) {
  SimTime at = NextAttempt(world, device, now, outcome, cause);
  if (at != kNever && outcome == AttachOutcome::kNoCell) at = SkipDeadAir(world, device, now, at);
  if (at != kNever) WaitThenAttach(world, device, at);
}

void ArmWatchdog(World& world, DeviceId device, SimTime now) {
  const SimTime after = world.DeviceSpecOf(device).firmware.reboot_after_no_service;
  if (after > 0) world.queue.SetTimer(now + after, EntityOfDevice(device), kFirmwareTimer);
}

void OnWatchdog(World& world, DeviceId device, SimTime now) {
  const ModemState state = world.fleet.modem[device];
  if (state == ModemState::kOff || state == ModemState::kRegistered ||
      state == ModemState::kGaveUp || state == ModemState::kRebooting) {
    return;
  }
  ScheduleReboot(world, device, now);
}

void RebootModem(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  ++fleet.reboots[device];
  // Saturates: a device that reboots every 10 s for a week must not find its back-off reset.
  if (fleet.reboots_in_row[device] < UINT16_MAX) ++fleet.reboots_in_row[device];
  fleet.failed_attempts[device] = 0;  // a restarted modem forgets its counter and invalid SIM
  const DurationRange& boot = world.DeviceSpecOf(device).modem.boot;
  const SimTime took = std::max(kMinWait, Draw(fleet.boot_rng[device], boot));
  fleet.radio_ms[device] += took;  // a booting modem searches for a cell
  WaitThenAttach(world, device, std::max(now + took, fleet.t3346_until[device]));
  ArmWatchdog(world, device, now);
}

}  // namespace carriersim
