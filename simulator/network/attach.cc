// The NAS messages from the devices: attach (NET-1..4, SOR-2, SOR-6, SOR-7), data sessions,
// detach.
#include "simulator/network/network.h"

namespace carriersim {

DurationRange Network::T3346Of(uint32_t cell, EmmCause cause) const {
  return cause == kCauseCongestion ? cells_.spec(cell).t3346 : DurationRange{};
}

AttachAnswer Network::AttachRequest(SimId sim, uint32_t cell, SimTime now) {
  // A modem does not send into a cell that is down; it counts such attempts itself.
  if (cells_.down(cell)) return {AttachOutcome::kNoCell, 0, {}};
  if (!attach_cell_.empty()) attach_cell_[sim] = cell;
  recorder_.AttachReachedCell(sim, cell, now);
  if (!cells_.Admit(cell, now)) {
    recorder_.AttachCongested(sim, cell, now);
    return {AttachOutcome::kRejected, kCauseCongestion, cells_.spec(cell).t3346};
  }
  if (core_outages_ > 0) {
    recorder_.AttachUnanswered(sim, cell);
    return {AttachOutcome::kNoAnswer, 0, {}};
  }
  CountAttach(sim, now);
  // The loader guarantees that a rule on attach leads to a status without one (no chains).
  ApplyAttachRules(sim, now);
  const AttachRule* rule = &StableStatusOf(sim).attach;
  if (rule->kind == AttachRule::Kind::kReject) {
    recorder_.AttachRejected(sim, cell, rule->cause, now);
    return {AttachOutcome::kRejected, rule->cause, T3346Of(cell, rule->cause)};
  }
  recorder_.AttachAccepted(sim, cell);
  return {AttachOutcome::kAccepted, 0, {}};
}

void Network::AttachComplete(SimId sim, SimTime now) {
  subs_.Set(sim, kAttached, true);
  subs_.Set(sim, kPdnWanted, false);
  // The status may have changed while the accept travelled: a status that now rejects attaches
  // detaches the device at once.
  ApplyStatusToDevice(sim, now);
}

void Network::PdnRequest(SimId sim, SimTime now) {
  if (!subs_.Has(sim, kAttached)) return;
  subs_.Set(sim, kPdnWanted, true);
  ApplyStatusToDevice(sim, now);
}

void Network::PdnRelease(SimId sim, SimTime now) {
  subs_.Set(sim, kPdnWanted, false);
  if (subs_.online[sim]) CloseSession(sim, now, SessionEnd::kReleased);
}

void Network::Detach(SimId sim, SimTime now, SessionEnd why) {
  subs_.Set(sim, kAttached, false);
  subs_.Set(sim, kPdnWanted, false);
  // A detach by the device itself: the session ends, the subscriber status is untouched.
  if (subs_.online[sim]) CloseSession(sim, now, why);
}

}  // namespace carriersim
