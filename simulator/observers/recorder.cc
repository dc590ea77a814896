#include "simulator/observers/recorder.h"

namespace carriersim {

Recorder::Recorder(const SimDirectory& directory)
    : directory_(directory),
      signaling_(directory.scenario().groups.size(), directory.scenario().cells.size()),
      recovery_(directory.size()),
      actions_(directory.scenario().timeline.size()) {}

uint64_t Recorder::SessionOpened(SimId sim, SimTime now) {
  ++signaling_.total.sessions_opened;
  ++GroupOf(sim).sessions_opened;
  sessions_.records.push_back(SessionRecord{sim, SessionEnd::kOpen, now, kNever});
  return sessions_.records.size() - 1;
}

void Recorder::SessionClosed(uint64_t record, SimTime now, SessionEnd why) {
  SessionRecord& r = sessions_.records[record];
  r.end = why;
  r.closed = now;
}

void Recorder::AttachReachedCell(SimId sim, uint32_t cell, SimTime now) {
  ++signaling_.total.attach_attempts;
  ++GroupOf(sim).attach_attempts;
  CellStats& s = signaling_.by_cell[cell];
  ++s.attempts;
  s.per_second.Add(now, kSecond);
  s.per_minute.Add(now, kMinute);
  signaling_.per_second.Add(now, kSecond);
  signaling_.per_minute.Add(now, kMinute);
}

void Recorder::AttachAccepted(SimId sim, uint32_t cell) {
  ++signaling_.total.attach_accepts;
  ++GroupOf(sim).attach_accepts;
  ++signaling_.by_cell[cell].accepts;
}

void Recorder::AttachRejected(SimId sim, uint32_t cell, EmmCause cause) {
  ++signaling_.total.rejects_by_cause[cause];
  ++GroupOf(sim).rejects_by_cause[cause];
  ++signaling_.by_cell[cell].rejects_by_cause[cause];
}

void Recorder::AttachCongested(SimId sim, uint32_t cell) {
  AttachRejected(sim, cell, kCauseCongestion);
  if (recovery_.recovering(sim)) return;
  ++signaling_.by_cell[cell].collateral;
  ++signaling_.total.collateral_congestion;
  ++GroupOf(sim).collateral_congestion;
}

void Recorder::AttachUnanswered(SimId sim, uint32_t cell) {
  ++signaling_.by_cell[cell].unanswered;
  ++signaling_.total.unanswered;
  ++GroupOf(sim).unanswered;
}

void Recorder::AttemptWithoutCell(SimId sim) {
  ++signaling_.total.attempts_without_cell;
  ++GroupOf(sim).attempts_without_cell;
}

void Recorder::NetworkDetach(SimId sim, EmmCause cause, bool reattach) {
  for (SignalingCounters* c : {&signaling_.total, &GroupOf(sim)}) {
    ++c->network_detaches;
    if (!reattach) ++c->detaches_by_cause[cause];
  }
}

void Recorder::PdnRejects(SimId sim, uint64_t requests) {
  signaling_.total.pdn_rejects += requests;
  GroupOf(sim).pdn_rejects += requests;
}

}  // namespace carriersim
