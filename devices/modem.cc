#include "devices/modem.h"

#include "simulator/network/core_network.h"

namespace carriersim {
namespace {

void WaitThenAttach(World& world, DeviceId device, SimTime at) {
  world.fleet.modem[device] = ModemState::kWaiting;
  world.queue.SetTimer(at, EntityOfDevice(device), kModemTimer);
}

// An attach failed with `cause` (or the network detached with it): what the modem does next.
void HandleReject(World& world, DeviceId device, SimTime now, EmmCause cause) {
  Fleet& fleet = world.fleet;
  if (IsPermanentReject(cause)) {
    fleet.modem[device] = ModemState::kSimInvalid;  // NET-1: silent until power-cycled
    return;
  }
  const ModemSpec& spec = world.DeviceSpecOf(device).modem;
  ++fleet.failed_attempts[device];
  SimTime wait = spec.t3411;
  if (fleet.failed_attempts[device] >= spec.attempts_before_t3402) {
    fleet.failed_attempts[device] = 0;
    wait = spec.t3402;
  }
  WaitThenAttach(world, device, now + wait);
}

}  // namespace

bool PowerOn(World& world, DeviceId device, SimTime now) {
  if (world.fleet.modem[device] != ModemState::kOff) return false;
  world.fleet.failed_attempts[device] = 0;
  const DurationRange& boot = world.DeviceSpecOf(device).modem.boot;
  const SimTime took = boot.min == boot.max
                           ? boot.min
                           : UniformInt(world.fleet.boot_rng[device], boot.min, boot.max);
  WaitThenAttach(world, device, now + took);
  return true;
}

bool PowerOff(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  if (fleet.modem[device] == ModemState::kOff) return false;
  // A detach by the device itself: the session ends, the subscriber status is untouched.
  if (fleet.modem[device] == ModemState::kRegistered) CloseSession(world, device, now);
  world.queue.CancelTimer(EntityOfDevice(device), kModemTimer);
  fleet.modem[device] = ModemState::kOff;
  return true;
}

bool PowerCycle(World& world, DeviceId device, SimTime now) {
  PowerOff(world, device, now);
  return PowerOn(world, device, now);
}

void OnModemTimer(World& world, DeviceId device, SimTime now) {
  Fleet& fleet = world.fleet;
  if (fleet.modem[device] != ModemState::kWaiting) return;
  ++fleet.attach_attempts[device];
  const AttachAnswer answer = HandleAttach(world, device, now);
  if (!answer.accepted) {
    HandleReject(world, device, now, answer.cause);
    return;
  }
  fleet.modem[device] = ModemState::kRegistered;
  fleet.failed_attempts[device] = 0;
  if (answer.data_allowed) OpenSession(world, device, now);
}

void OnNetworkDetach(World& world, DeviceId device, SimTime now, EmmCause cause, bool reattach) {
  if (world.fleet.modem[device] != ModemState::kRegistered) return;
  if (reattach) {
    WaitThenAttach(world, device, now);
  } else {
    HandleReject(world, device, now, cause);
  }
}

}  // namespace carriersim
