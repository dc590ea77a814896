// The firmware's reconnect policy on top of the modem (DEV-2): how long to wait after a failed
// attach, when to give up, when to reboot the modem, and what to make of a permanent reject.
#include "devices/firmware.h"

#include <algorithm>
#include <cstdint>

#include "devices/devices.h"

namespace carriersim {

SimTime BackoffWait(const Backoff& backoff, uint32_t k, SimTime& previous, RandomStream& rng) {
  SimTime wait = backoff.initial;
  // Grows until the cap, or until it stops growing (a multiplier of 1, or one too small to add a
  // millisecond): then the k-th wait is the same as this one, however large k is.
  for (uint32_t i = 0; i < k && wait < backoff.cap; ++i) {
    const SimTime next = std::min(backoff.cap, wait * backoff.multiplier_milli / 1000);
    if (next == wait) break;
    wait = next;
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

}  // namespace

// The firmware's own wait before attaching again, on top of the modem's T3346.
SimTime Devices::RetryWait(DeviceId d, bool congestion) {
  DeviceState& s = state_[d];
  const DeviceSpec& spec = SpecOf(d);
  switch (spec.firmware.retry_policy) {
    case RetryPolicy::kModem: {
      if (congestion) return 0;  // T3346 alone decides
      const ModemSpec& modem = spec.modem;
      if (++s.failed_attempts < modem.attempts_before_t3402) return modem.t3411;
      s.failed_attempts = 0;  // NET-2: T3402 after the 5th, then start again
      return modem.t3402;
    }
    case RetryPolicy::kFixed:
      return spec.firmware.retry.initial;
    case RetryPolicy::kExponential:
      return BackoffWait(spec.firmware.retry, s.failures - 1, s.last_wait, s.firmware_rng);
  }
  return spec.modem.t3411;
}

void Devices::ScheduleReboot(DeviceId d, SimTime now) {
  DeviceState& s = state_[d];
  const Backoff& backoff = SpecOf(d).firmware.reboot_backoff;
  SimTime unused = 0;
  const SimTime wait = BackoffWait(backoff, s.reboots_in_row, unused, s.firmware_rng);
  if (wait <= 0) {
    RebootModem(d, now);
    return;
  }
  s.modem = ModemState::kRebooting;
  timers_.modem.Set(d, now + wait);
}

// What follows a failure at `now`: returns when the next attach is due, or kNever when the
// failure led elsewhere (an invalid SIM, giving up, a reboot, which is then scheduled).
SimTime Devices::NextAttempt(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
                             const DurationRange& t3346) {
  DeviceState& s = state_[d];
  const FirmwareSpec& firmware = SpecOf(d).firmware;
  const bool rejected = outcome == AttachOutcome::kRejected;
  const bool congestion = rejected && cause == kCauseCongestion;
  if (congestion) {
    // NET-3, TS 24.301 5.5.1.2.5: no attach until T3346 expires; the attempt counter restarts.
    s.t3346_until = now + Draw(s.radio_rng, t3346);
    s.failed_attempts = 0;
  }
  ++s.failures;
  if (rejected && IsPermanentReject(cause)) {
    switch (firmware.permanent_reject) {
      case PermanentReject::kRespect:
        s.modem = ModemState::kSimInvalid;  // NET-1: silent until power-cycled
        return kNever;
      case PermanentReject::kReboot:
        ScheduleReboot(d, now);
        return kNever;
      case PermanentReject::kRetry:
        break;  // toggling the radio clears the invalid flag: retry as after any failure
    }
  }
  if (firmware.max_attempts > 0 && s.failures >= uint32_t(firmware.max_attempts)) {
    s.modem = ModemState::kGaveUp;
    timers_.firmware.Cancel(d);
    return kNever;
  }
  if (firmware.reboot_after_failures > 0 &&
      s.failures % uint32_t(firmware.reboot_after_failures) == 0) {
    ScheduleReboot(d, now);
    return kNever;
  }
  const SimTime wait = std::max(RetryWait(d, congestion), kMinWait);
  return std::max(now + wait, state_[d].t3346_until);
}

// A device whose cell is down keeps failing the same way until the cell comes back, and only a
// timeline action brings it back (or touches the device at all). So the attempts it would make
// before the next action are counted here, by the same rules and random draws, instead of being
// simulated one event each: an outage then costs events per device, not per retry. Returns
// when the first attempt that needs an event is due, or kNever as NextAttempt does.
SimTime Devices::SkipDeadAir(DeviceId d, SimTime now, SimTime at) {
  const DeviceSpec& spec = SpecOf(d);
  // Only while the cell is down: an answer that left before the restore can arrive after it.
  if (!fast_forward_ || spec.firmware.reboot_after_no_service > 0 ||
      network_.CellUp(state_[d].cell)) {
    return at;
  }
  // Nothing but the timeline and the device's own power schedule can change what it meets.
  const SimTime horizon = std::min(quiet_until_, NextPowerChange(d, now));
  while (at < horizon) {
    DeviceState& s = state_[d];
    RandomStream rng = s.radio_rng;
    const SimTime took = Draw(rng, spec.modem.attach_time);
    if (at + took >= horizon) break;  // its answer would meet the next action: simulate it
    s.radio_rng = rng;
    ++s.attach_attempts;
    recorder_.AttemptWithoutCell(d);
    s.radio_ms += took;
    at = NextAttempt(d, at + took, AttachOutcome::kNoCell, 0, {});
  }
  return at;
}

void Devices::OnAttachFailure(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
                              const DurationRange& t3346) {
  SimTime at = NextAttempt(d, now, outcome, cause, t3346);
  if (at != kNever && outcome == AttachOutcome::kNoCell) at = SkipDeadAir(d, now, at);
  if (at != kNever) WaitThenAttach(d, at);
}

// The device lost service (power on, a detach, a lost cell): starts the no-service watchdog.
void Devices::ArmWatchdog(DeviceId d, SimTime now) {
  const SimTime after = SpecOf(d).firmware.reboot_after_no_service;
  if (after > 0) timers_.firmware.Set(d, now + after);
}

// The watchdog fired: the device has been without service for too long.
void Devices::OnWatchdog(DeviceId d, SimTime now) {
  const ModemState state = state_[d].modem;
  if (state == ModemState::kOff || state == ModemState::kRegistered ||
      state == ModemState::kGaveUp || state == ModemState::kRebooting) {
    return;
  }
  ScheduleReboot(d, now);
  NoteExternal(d, now);
}

// The firmware's reboot came due: the modem restarts, keeping T3346 (TS 24.301 5.5.1.2.5).
void Devices::RebootModem(DeviceId d, SimTime now) {
  DeviceState& s = state_[d];
  ++reboots_[d];
  // Saturates: a device that reboots every 10 s for a week must not find its back-off reset.
  if (s.reboots_in_row < UINT16_MAX) ++s.reboots_in_row;
  s.failed_attempts = 0;  // a restarted modem forgets its counter and invalid SIM
  const SimTime took = std::max(kMinWait, Draw(boot_rng_[d], SpecOf(d).modem.boot));
  s.radio_ms += took;  // a booting modem searches for a cell
  WaitThenAttach(d, std::max(now + took, s.t3346_until));
  ArmWatchdog(d, now);
}

}  // namespace carriersim
