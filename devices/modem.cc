#include "devices/modem.h"

#include <algorithm>

#include "devices/firmware.h"
#include "simulator/network/core_network.h"

namespace carriersim {
namespace {

// The modem's and the firmware's counts of failures: a device with service, or one just
// powered on, starts afresh.
void ResetCounters(Fleet& fleet, DeviceId device) {
  fleet.failed_attempts[device] = 0;
  fleet.failures[device] = 0;
  fleet.reboots_in_row[device] = 0;
  fleet.last_wait[device] = 0;
}

// The answer to an attach request has arrived.
void Receive(World& world, DeviceId device, SimTime now, AttachOutcome outcome, EmmCause cause) {
  Fleet& fleet = world.fleet;
  // A cell that went down while the request was out takes the answer with it.
  if (outcome == AttachOutcome::kAccepted && world.cells.down(fleet.cell[device])) {
    outcome = AttachOutcome::kNoCell;
  }
  if (outcome != AttachOutcome::kAccepted) {
    if (outcome == AttachOutcome::kRejected) ++fleet.rejects[device];
    OnAttachFailure(world, device, now, outcome, cause);
    return;
  }
  fleet.modem[device] = ModemState::kRegistered;
  ResetCounters(fleet, device);
  world.queue.CancelTimer(EntityOfDevice(device), kFirmwareTimer);
  world.recovery.Back(fleet.recovering[device], now);
  ApplyStatusToDevice(world, device, now);
}

void SendAttach(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  const uint32_t cell = fleet.cell[device];
  if (world.cells.down(cell) && world.DeviceSpecOf(device).modem.search_without_cell) {
    // No cell to attach to: the modem searches and finds the cell `cell_search` after it is
    // back. A later outage of the same cell moves back_at on; the device then searches again.
    // The energy proxy counts that last stretch of search; the scan while the cell is down
    // depends on the modem's search back-off, which is not modelled.
    const SimTime search = Draw(fleet.radio_rng[device], world.DeviceSpecOf(device).modem.cell_search);
    const SimTime found = std::max(now, world.cells.back_at[cell]) + search;
    fleet.radio_ms[device] += search;
    WaitThenAttach(world, device, std::max(found, now + 1));
    return;
  }
  ++fleet.attach_attempts[device];
  const AttachAnswer answer = HandleAttach(world, device, now);
  const ModemSpec& modem = world.DeviceSpecOf(device).modem;
  const SimTime took = answer.outcome == AttachOutcome::kNoAnswer
                           ? modem.t3410
                           : Draw(fleet.radio_rng[device], modem.attach_time);
  fleet.radio_ms[device] += took;
  if (took == 0) {
    Receive(world, device, now, answer.outcome, answer.cause);
    return;
  }
  fleet.modem[device] = ModemState::kAttaching;
  fleet.answer[device] = answer.outcome;
  fleet.answer_cause[device] = answer.cause;
  world.queue.SetTimer(now + took, EntityOfDevice(device), kModemTimer);
}

}  // namespace

void WaitThenAttach(World& world, DeviceId device, SimTime at) {
  world.fleet.modem[device] = ModemState::kWaiting;
  world.queue.SetTimer(at, EntityOfDevice(device), kModemTimer);
}

bool PowerOn(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  if (fleet.modem[device] != ModemState::kOff) return false;
  ResetCounters(fleet, device);
  const SimTime took = Draw(fleet.boot_rng[device], world.DeviceSpecOf(device).modem.boot);
  fleet.radio_ms[device] += took;  // a booting modem searches for a cell
  // T3346 keeps running through a power cycle with the same SIM (TS 24.301 5.5.1.2.5).
  WaitThenAttach(world, device, std::max(now + took, fleet.t3346_until[device]));
  ArmWatchdog(world, device, now);
  return true;
}

bool PowerOff(World& world, DeviceId device, SimTime now, SessionEnd why) {
  Fleet& fleet = world.fleet;
  if (fleet.modem[device] == ModemState::kOff) return false;
  // A detach by the device itself: the session ends, the subscriber status is untouched.
  if (fleet.modem[device] == ModemState::kRegistered) {
    CloseSession(world, device, now, why);
  }
  world.queue.CancelTimer(EntityOfDevice(device), kModemTimer);
  world.queue.CancelTimer(EntityOfDevice(device), kFirmwareTimer);
  fleet.modem[device] = ModemState::kOff;
  return true;
}

bool ReinsertSim(World& world, DeviceId device, SimTime now) {
  if (world.fleet.modem[device] == ModemState::kOff) return false;
  PowerOff(world, device, now, SessionEnd::kSimRemoved);
  return PowerOn(world, device, now);
}

void OnModemTimer(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  switch (fleet.modem[device]) {
    case ModemState::kWaiting:
      SendAttach(world, device, now);
      return;
    case ModemState::kAttaching:
      Receive(world, device, now, fleet.answer[device], fleet.answer_cause[device]);
      return;
    case ModemState::kRebooting:
      RebootModem(world, device, now);
      return;
    default:
      return;
  }
}

void OnNetworkDetach(World& world, DeviceId device, SimTime now, EmmCause cause, bool reattach) {
  if (world.fleet.modem[device] != ModemState::kRegistered) return;
  ArmWatchdog(world, device, now);
  if (reattach) {
    WaitThenAttach(world, device, now);
  } else {
    OnAttachFailure(world, device, now, AttachOutcome::kRejected, cause);
  }
}

bool LoseService(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  const ModemState state = fleet.modem[device];
  if (state != ModemState::kRegistered && state != ModemState::kAttaching) return false;
  if (state == ModemState::kRegistered) CloseSession(world, device, now, SessionEnd::kLostService);
  const SimTime notice = Draw(fleet.radio_rng[device], world.DeviceSpecOf(device).modem.loss_detection);
  WaitThenAttach(world, device, now + notice);
  ArmWatchdog(world, device, now);
  return true;
}

}  // namespace carriersim
