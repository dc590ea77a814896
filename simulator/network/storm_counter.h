// Attach attempts per SIM in a sliding window, for signaling-storm detection (SOR-7).
//
// The count is exact, yet cheap for the common case: a suspended SIM's modem usually tries once,
// gets a permanent reject and stays silent, so a SIM with a single attempt in the window costs
// one time in a dense array. Only SIMs that try again within the window (the storm makers) get
// a list of their attempt times.
#ifndef CARRIERSIM_NETWORK_STORM_COUNTER_H_
#define CARRIERSIM_NETWORK_STORM_COUNTER_H_

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "simulator/base/sim_time.h"

namespace carriersim {

class StormCounter {
 public:
  explicit StormCounter(size_t sims) : single_(sims, kNever) {}

  // Counts an attempt by `sim` at `now` (times never decrease) and returns how many of its
  // counted attempts fall in (now - window, now], this one included.
  int64_t Count(uint32_t sim, SimTime now, SimTime window) {
    const SimTime expired = now - window;  // attempts at or before this no longer count
    auto many = repeated_.find(sim);
    if (many == repeated_.end()) {
      const SimTime earlier = single_[sim];
      single_[sim] = now;
      if (earlier == kNever || earlier <= expired) return 1;
      single_[sim] = kNever;
      many = repeated_.emplace(sim, std::vector<SimTime>{earlier}).first;
    }
    std::vector<SimTime>& times = many->second;
    times.push_back(now);
    const auto live = std::upper_bound(times.begin(), times.end(), expired);
    times.erase(times.begin(), live);
    return static_cast<int64_t>(times.size());
  }

  // Forgets the SIM's attempts (after a storm has been acted on).
  void Reset(uint32_t sim) {
    single_[sim] = kNever;
    repeated_.erase(sim);
  }

  size_t repeated_sims() const { return repeated_.size(); }

 private:
  std::vector<SimTime> single_;  // per SIM: its one counted attempt, or kNever
  std::unordered_map<uint32_t, std::vector<SimTime>> repeated_;  // SIMs with two or more
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_STORM_COUNTER_H_
