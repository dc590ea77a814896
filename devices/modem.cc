// The modem, following 3GPP TS 24.301 for attach: power, attach requests and their answers, a
// detach by the network, and losing the cell. What to do after a failure is the firmware's
// decision (firmware.cc).
#include <algorithm>

#include "devices/devices.h"

namespace carriersim {
namespace {

// The modem's and the firmware's counts of failures: a device with service, or one just
// powered on, starts afresh.
void ResetCounters(DeviceState& s) {
  s.failed_attempts = 0;
  s.failures = 0;
  s.reboots_in_row = 0;
  s.last_wait = 0;
}

}  // namespace

void Devices::WaitThenAttach(DeviceId d, SimTime at) {
  state_[d].modem = ModemState::kWaiting;
  timers_.modem.Set(d, at);
}

void Devices::Receive(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
                      const DurationRange& t3346) {
  DeviceState& s = state_[d];
  // A cell that went down while the request was out takes the answer with it.
  if (outcome == AttachOutcome::kAccepted && !network_.CellUp(s.cell)) {
    outcome = AttachOutcome::kNoCell;
  }
  if (outcome != AttachOutcome::kAccepted) {
    if (outcome == AttachOutcome::kRejected) {
      ++rejects_[d];
      NoteReject(d, cause);
    }
    OnAttachFailure(d, now, outcome, cause, t3346);
    return;
  }
  s.modem = ModemState::kRegistered;
  ResetCounters(s);
  timers_.firmware.Cancel(d);
  recorder_.recovery().Back(d, now, energy(d));
  network_.AttachComplete(d, now);
  // The network may have detached it at once; a device still registered asks for data.
  if (state_[d].modem == ModemState::kRegistered) network_.PdnRequest(d, now);
}

void Devices::SendAttach(DeviceId d, SimTime now) {
  DeviceState& s = state_[d];
  const ModemSpec& modem = SpecOf(d).modem;
  const bool cell_up = network_.CellUp(s.cell);
  if (!cell_up && modem.search_without_cell) {
    // No cell to attach to: the modem searches and finds the cell `cell_search` after it is
    // back. A later outage of the same cell moves back_at on; the device then searches again.
    // The energy proxy counts that last stretch of search; the scan while the cell is down
    // depends on the modem's search back-off, which is not modelled.
    const SimTime search = Draw(s.radio_rng, modem.cell_search);
    const SimTime found = std::max(now, network_.CellBackAt(s.cell)) + search;
    s.radio_ms += search;
    WaitThenAttach(d, std::max(found, now + 1));
    return;
  }
  ++s.attach_attempts;
  AttachAnswer answer{AttachOutcome::kNoCell, 0, {}};
  if (cell_up) {
    answer = network_.AttachRequest(d, s.cell, now);
  } else {
    recorder_.AttemptWithoutCell(d);  // it reaches nobody
  }
  const SimTime took = answer.outcome == AttachOutcome::kNoAnswer
                           ? modem.t3410
                           : Draw(s.radio_rng, modem.attach_time);
  s.radio_ms += took;
  if (took == 0) {
    Receive(d, now, answer.outcome, answer.cause, answer.t3346);
    return;
  }
  s.modem = ModemState::kAttaching;
  s.answer = answer.outcome;
  s.answer_cause = answer.cause;
  if (answer.outcome == AttachOutcome::kRejected && answer.cause == kCauseCongestion) {
    if (answer_t3346_.empty()) answer_t3346_.resize(size());  // the run's first #22 in flight
    answer_t3346_[d] = answer.t3346;
  }
  timers_.modem.Set(d, now + took);
}

bool Devices::PowerOn(DeviceId d, SimTime now) {
  if (external(d)) {
    if (!ExternalPowerOn(d)) return false;  // its radio may be off with power on
  } else if (state_[d].modem != ModemState::kOff) {
    return false;
  }
  StartModem(d, now);
  return true;
}

// The modem boots (or an external firmware switches its radio on) and searches, then attaches.
void Devices::StartModem(DeviceId d, SimTime now) {
  DeviceState& s = state_[d];
  ResetCounters(s);
  const SimTime took = Draw(boot_rng_[d], SpecOf(d).modem.boot);
  s.radio_ms += took;  // a booting modem searches for a cell
  // T3346 keeps running through a power cycle with the same SIM (TS 24.301 5.5.1.2.5).
  WaitThenAttach(d, std::max(now + took, s.t3346_until));
  ArmWatchdog(d, now);
}

void Devices::LeaveNetwork(DeviceId d, SimTime now, SessionEnd why) {
  EndPdnRefusal(d, now);
  if (external(d)) Ext(d).pdn_up = false;
  network_.Detach(d, now, why);
}

bool Devices::PowerOff(DeviceId d, SimTime now, SessionEnd why) {
  DeviceState& s = state_[d];
  if (external(d)) {
    if (!ExternalPowerOff(d)) return false;  // its radio may be off already
  } else if (s.modem == ModemState::kOff) {
    return false;
  }
  // A detach by the device itself: the session ends, the subscriber status is untouched.
  if (s.modem == ModemState::kRegistered) LeaveNetwork(d, now, why);
  timers_.modem.Cancel(d);
  timers_.firmware.Cancel(d);
  s.modem = ModemState::kOff;
  return true;
}

bool Devices::ReinsertSim(DeviceId d, SimTime now) {
  if (external(d) ? !Ext(d).powered : state_[d].modem == ModemState::kOff) return false;
  PowerOff(d, now, SessionEnd::kSimRemoved);
  PowerOn(d, now);
  NoteExternal(d, now);
  return true;
}

void Devices::OnModemTimer(DeviceId d, SimTime now) {
  const DeviceState& s = state_[d];
  switch (s.modem) {
    case ModemState::kWaiting:
      SendAttach(d, now);
      break;
    case ModemState::kAttaching:
      Receive(d, now, s.answer, s.answer_cause,
              s.answer_cause == kCauseCongestion ? answer_t3346_[d] : DurationRange{});
      break;
    case ModemState::kRebooting:
      RebootModem(d, now);
      break;
    default:
      return;
  }
  NoteExternal(d, now);
}

void Devices::NetworkDetach(SimId d, SimTime now, const NetworkDetachRequest& request) {
  if (state_[d].modem != ModemState::kRegistered) return;
  EndPdnRefusal(d, now);
  ArmWatchdog(d, now);
  if (request.reattach) {
    WaitThenAttach(d, now);
  } else {
    NoteReject(d, request.cause);
    OnAttachFailure(d, now, AttachOutcome::kRejected, request.cause, request.t3346);
  }
  if (external(d)) {
    Ext(d).pdn_up = false;
    ReportExternal(d, now);
  }
}

bool Devices::LoseService(DeviceId d, SimTime now) {
  DeviceState& s = state_[d];
  if (s.modem != ModemState::kRegistered && s.modem != ModemState::kAttaching) return false;
  if (s.modem == ModemState::kRegistered) LeaveNetwork(d, now, SessionEnd::kLostService);
  const SimTime notice = Draw(s.radio_rng, SpecOf(d).modem.loss_detection);
  WaitThenAttach(d, now + notice);
  ArmWatchdog(d, now);
  NoteExternal(d, now);
  return true;
}

}  // namespace carriersim
