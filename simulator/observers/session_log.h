// Every data session of a run, per SIM (NET-5): when it opened, and when and why it closed. One
// record per session, written when it opens and completed when it closes. The data a session
// carried follows from the device's traffic schedule (SessionUsage in core_network.h), so it
// is not stored: a million devices make millions of sessions.
#ifndef CARRIERSIM_OBSERVERS_SESSION_LOG_H_
#define CARRIERSIM_OBSERVERS_SESSION_LOG_H_

#include <cstdint>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/sim_time.h"

namespace carriersim {

// Why a session ended.
enum class SessionEnd : uint8_t {
  kOpen,         // still open when the run ended
  kPowerOff,     // the device was switched off or its power schedule turned it off
  kLostService,  // its cell or the core went down (NET-4)
  kDetached,     // the network detached it (a status that rejects attaches)
  kDataBarred,   // the SIM entered a status without data (SOR-4 inactive, a usage limit)
  kSimRemoved,   // the SIM was taken out (reinsert-sim)
};
inline const char* SessionEndName(SessionEnd end) {
  switch (end) {
    case SessionEnd::kOpen: return "open";
    case SessionEnd::kPowerOff: return "power-off";
    case SessionEnd::kLostService: return "lost-service";
    case SessionEnd::kDetached: return "detached";
    case SessionEnd::kDataBarred: return "data-barred";
    case SessionEnd::kSimRemoved: return "sim-removed";
  }
  return "?";
}

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
