// Every data session of a run, per SIM (NET-5): when it opened, when and why it closed, and the
// data it carried. One record per session, written when it opens and completed when it closes.
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
};
inline const char* SessionEndName(SessionEnd end) {
  switch (end) {
    case SessionEnd::kOpen: return "open";
    case SessionEnd::kPowerOff: return "power-off";
    case SessionEnd::kLostService: return "lost-service";
    case SessionEnd::kDetached: return "detached";
    case SessionEnd::kDataBarred: return "data-barred";
  }
  return "?";
}

struct SessionRecord {
  uint32_t sim;
  SessionEnd end;
  SimTime opened;
  SimTime closed;  // kNever while open
  // While open: minus the SIM's byte counters at the opening; once closed, the session's bytes.
  int64_t uplink;
  int64_t downlink;
};

struct SessionLog {
  ChunkedVector<SessionRecord> records;  // in the order the sessions opened
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_SESSION_LOG_H_
