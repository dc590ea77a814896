// Signaling counters: what the core network saw, overall and per group.
#ifndef CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_
#define CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace carriersim {

struct SignalingCounters {
  uint64_t attach_attempts = 0;
  uint64_t attach_accepts = 0;
  std::array<uint64_t, 256> rejects_by_cause{};  // indexed by EMM cause
  uint64_t network_detaches = 0;                 // detaches the network initiated
  // Detaches that carried an EMM cause, by cause; the rest were "re-attach required".
  std::array<uint64_t, 256> detaches_by_cause{};
  uint64_t sessions_opened = 0;
  uint64_t pdn_rejects = 0;  // data session requests refused while attached (SOR-4)
  uint64_t attempts_without_cell = 0;  // made while the device's cell was down: nobody heard them
  uint64_t unanswered = 0;             // reached a cell while the core was down
  // #22 rejects suffered by devices that were not recovering from a mass event (NET-3).
  uint64_t collateral_congestion = 0;

  uint64_t AttachRejects() const {
    uint64_t total = 0;
    for (uint64_t n : rejects_by_cause) total += n;
    return total;
  }
};

// What one timeline action did to the SIMs it addressed.
struct ActionOutcome {
  uint64_t applied = 0;    // status changed / device powered on, off or cycled / ...
  uint64_t unchanged = 0;  // nothing to do: SIM already in the target status, device already on
  uint64_t refused = 0;    // the carrier refused it
  std::map<std::string, uint64_t> refusals;  // why, and for how many SIMs (sorted by reason)
};

struct SignalingMetrics {
  SignalingCounters total;
  std::vector<SignalingCounters> by_group;
  std::vector<ActionOutcome> actions;  // indexed like Scenario::timeline

  SignalingMetrics(size_t groups, size_t actions) : by_group(groups), actions(actions) {}
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_
