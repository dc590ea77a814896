// Every SIM's counters (simulator/carrier/counters.h), in one flat array: a group's SIMs take
// consecutive rows of as many values as their carrier's profile declares counters. Private to
// the network, which accounts them (counting.cc) and applies the rules on them (rules.cc).
#ifndef CARRIERSIM_NETWORK_COUNTER_TABLE_H_
#define CARRIERSIM_NETWORK_COUNTER_TABLE_H_

#include <array>
#include <cstdint>
#include <vector>

#include "simulator/carrier/profile.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

// What a profile's counters are, as bit masks over their ids, so that accounting a SIM visits
// only the counters a change can touch.
struct CounterKinds {
  uint16_t time = 0;
  uint16_t data = 0;
  uint16_t sms = 0;
  uint16_t commands = 0;
  uint16_t attaches = 0;
  uint16_t month = 0;  // reset at each calendar month
  uint16_t stay = 0;   // reset when the SIM comes into their statuses
  bool plan_thresholds = false;  // some rule compares with a plan's value
  std::array<uint16_t, kMaxStatuses> in{};  // per status: the counters that count in it
  std::vector<uint16_t> reset_by;           // per verb: the counters it resets
  std::vector<bool> fees_on;                // per verb: some plan charges a fee on it
  // Per status: the rules that may act on the timer while a SIM shows it (on a counter other
  // than attaches, or upstream-back).
  std::array<uint64_t, kMaxStatuses> timed_rules{};

  explicit CounterKinds(const CarrierProfile& profile);
  // The counters that count while the SIM shows `shown` and its stable status is `stable`.
  uint16_t Counting(StatusId shown, StatusId stable) const { return in[shown] | in[stable]; }
};

class CounterTable {
 public:
  explicit CounterTable(const SimDirectory& directory) : directory_(directory) {
    size_t next = 0;
    for (const GroupSpec& group : directory.scenario().groups) {
      base_.push_back(next);
      width_.push_back(directory.scenario().carriers[group.carrier].profile.counters.size());
      next += width_.back() * static_cast<size_t>(group.count);
    }
    values_.assign(next, 0);
  }

  int64_t& at(SimId sim, CounterId c) { return values_[Index(sim, c)]; }
  int64_t get(SimId sim, CounterId c) const { return values_[Index(sim, c)]; }

 private:
  size_t Index(SimId sim, CounterId c) const {
    const uint32_t g = directory_.group(sim);
    return base_[g] + (sim - directory_.GroupOf(sim).first_sim) * width_[g] + c;
  }

  const SimDirectory& directory_;
  std::vector<size_t> base_;   // per group: its first SIM's first value
  std::vector<size_t> width_;  // per group: its profile's counters
  std::vector<int64_t> values_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_COUNTER_TABLE_H_
