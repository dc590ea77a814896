// Signaling counters: what the core network saw, overall, per group and per cell, with the
// busiest windows of attach requests (NET-3).
#ifndef CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_
#define CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/spill_log.h"
#include "simulator/scenario/metrics.h"

namespace carriersim {

// One window's count of one of a shard's RateMeters.
struct WindowCount {
  SimTime window;  // index
  uint32_t meter;  // RateMeter::id
  uint32_t count;  // a busier window takes several entries
};

// Counts events in consecutive windows of `width` and keeps the busiest. Fed in time order.
struct RateMeter {
  SimTime window = -1;  // index of the current window
  uint64_t count = 0;
  uint64_t peak = 0;
  SimTime peak_at = 0;  // start of the busiest window (the first, on a tie)
  // A shard of a run (`run --threads`) counts part of the events: the peak of the whole is not
  // the highest of the shards' peaks, so each window's count goes to the shard's log when the
  // window ends, as meter `id`, and the shards' logs are added up window by window
  // (results/shard_merge.h). Null: not kept.
  SpillLog<WindowCount>* log = nullptr;
  uint32_t id = 0;

  void Add(SimTime now, SimTime width) {
    const SimTime w = now / width;
    if (w != window) {
      if (log != nullptr && count > 0) [[unlikely]] Log();
      window = w;
      count = 0;
    }
    if (++count > peak) {
      peak = count;
      peak_at = w * width;
    }
  }
  // The current window's count, to the log.
  void Log() const {
    ForEachEntry([this](const WindowCount& entry) { log->push_back(entry); });
  }
  // emit(entry) for the current window's count as log entries: several past UINT32_MAX.
  template <typename Emit>
  void ForEachEntry(Emit emit) const {
    for (uint64_t left = count; left > 0;) {
      const uint32_t part = static_cast<uint32_t>(std::min<uint64_t>(left, UINT32_MAX));
      emit(WindowCount{window, id, part});
      left -= part;
    }
  }
};

struct CellStats {
  uint64_t attempts = 0;  // attach requests that reached the cell
  uint64_t accepts = 0;
  std::map<uint8_t, uint64_t> rejects_by_cause;
  uint64_t unanswered = 0;  // requests lost in a core outage
  // #22 rejects suffered by devices that were not recovering from a mass event (NET-3).
  uint64_t collateral = 0;
  RateMeter per_second;
  RateMeter per_minute;
};

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
  // The same refusals by kind, as timeline.refused.REASON names them (kRefusalNames): the
  // reasons' texts name statuses and plans, which an expectation should not have to spell.
  std::array<uint64_t, kRefusalKinds> refused_by_kind{};
};

struct SignalingMetrics {
  SignalingCounters total;
  std::vector<SignalingCounters> by_group;
  std::vector<CellStats> by_cell;
  RateMeter per_second;  // attach requests network-wide
  RateMeter per_minute;

  SignalingMetrics(size_t groups, size_t cells) : by_group(groups), by_cell(cells) {}
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_SIGNALING_METRICS_H_
