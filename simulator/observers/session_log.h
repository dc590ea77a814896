// Every data session of a run, per SIM (NET-5): when it opened, and when and why it closed. One
// record per session, written when it opens and completed when it closes. The data a session
// carried follows from the device's traffic schedule (RunResult::UsageOf in results/run_result.h), so it
// is not stored: a million devices make millions of sessions, and ten million more than memory
// should hold, so the records past SpillOptions::memory go to a spill file (base/spill_log.h).
//
// A record is written when its session opens, so that the log stays in the order sessions
// opened, and completed when it closes, perhaps months later, when it may be on disk. Each
// closing is then a patch of its record in place (SpillLog::Update), batched and applied in file
// order, whole regions at a time where sessions that opened together close together (a fleet
// powered off). The other ways were worse: holding back the records of open sessions until they
// close keeps a whole year in memory behind one device that never disconnects; logging closings
// apart and joining them to their records when reading means sorting the closings on disk.
#ifndef CARRIERSIM_OBSERVERS_SESSION_LOG_H_
#define CARRIERSIM_OBSERVERS_SESSION_LOG_H_

#include <cstdint>

#include "simulator/base/sim_time.h"
#include "simulator/base/spill_log.h"
#include "simulator/nas/messages.h"

namespace carriersim {

struct SessionRecord {
  uint32_t sim;
  SessionEnd end;
  SimTime opened;
  SimTime closed;  // kNever while open
};
static_assert(sizeof(SessionRecord) == 24);

// What closing a session changes in its record.
struct SessionClose {
  SessionEnd end;
  SimTime closed;
  void operator()(SessionRecord& r) const {
    r.end = end;
    r.closed = closed;
  }
};
using SessionRecords = SpillLog<SessionRecord, SessionClose>;

struct SessionLog {
  explicit SessionLog(const SpillOptions& spill = {})
      : records(spill, ".sessions.spill", "the data sessions") {}

  SessionRecords records;  // in the order the sessions opened
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_SESSION_LOG_H_
