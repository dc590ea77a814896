// Every data session of a run, per SIM (NET-5): when it opened, and when and why it closed. One
// record per session, written when it opens and completed when it closes. The data a session
// carried follows from the device's traffic schedule (RunResult::UsageOf in results/run_result.h), so it
// is not stored: a million devices make millions of sessions.
#ifndef CARRIERSIM_OBSERVERS_SESSION_LOG_H_
#define CARRIERSIM_OBSERVERS_SESSION_LOG_H_

#include <cstdint>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/sim_time.h"
#include "simulator/nas/messages.h"

namespace carriersim {

struct SessionRecord {
  uint32_t sim;
  SessionEnd end;
  SimTime opened;
  SimTime closed;  // kNever while open
};
static_assert(sizeof(SessionRecord) == 24);

struct SessionLog {
  ChunkedVector<SessionRecord> records;  // in the order the sessions opened
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_SESSION_LOG_H_
