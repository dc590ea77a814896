// PHOLD (Fujimoto 1990), the standard synthetic benchmark for discrete-event engines.
//
// N logical processes (LPs), each starting with one event. Handling an event schedules exactly
// one new event at now + 0.1 + Exp(mean 0.9) time units: on a uniformly chosen LP with probability
// `remote`, otherwise on the same LP. The number of pending events stays N, so the run measures
// the pending-event set at size N plus the cost of touching N entities' state.
//
// The timer variant (`--timers`) is PHOLD on the path carriersim's models use: each LP holds one
// pending timer, and handling it re-arms a timer instead of sending a message. The event draws
// its target and delay as above and sets the target's timer to now + delay, moving it when it
// is pending (as the network re-arms a device's timer); when the target is another LP, the
// handling LP's own timer is then set to now + a second delay drawn from its stream. The
// population stays N, and half the events (at `remote` 0.5) move a pending timer.
//
// One time unit is kPholdTicksPerUnit engine ticks. tests/bench/ has the same workload written
// against ns-3 and against a plain std::priority_queue, drawing the same random numbers.
#ifndef CARRIERSIM_BENCH_PHOLD_H_
#define CARRIERSIM_BENCH_PHOLD_H_

#include <cstdint>

#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"

namespace carriersim {

inline constexpr int64_t kPholdTicksPerUnit = 1'000'000;

struct PholdConfig {
  uint32_t lps = 100'000;
  uint64_t events = 10'000'000;
  double remote = 0.5;
  uint64_t seed = 1;
  bool timers = false;  // the timer variant
};

struct PholdResult {
  uint64_t events = 0;
  double seconds = 0;     // wall time of the event loop alone (setup excluded)
  SimTime end_ticks = 0;  // simulated time of the last event handled
  uint64_t checksum = 0;  // sum over handled events of Mix64(time, lp): the same for any engine
                          // that handles the same events, whatever it does with ties
};

// Where the next event of LP `self` goes, then how far ahead, in ticks: always drawn in this
// order from the LP's own stream. Shared with the comparison programs in tests/bench/ so that
// every engine runs the identical workload.
inline uint32_t DrawPholdTarget(RandomStream& rng, uint32_t self, uint32_t lps, double remote) {
  return Uniform01(rng) < remote ? static_cast<uint32_t>(UniformBelow(rng, lps)) : self;
}
inline SimTime DrawPholdDelay(RandomStream& rng) {
  const double units = 0.1 + Exponential(rng, 0.9);
  return static_cast<SimTime>(units * static_cast<double>(kPholdTicksPerUnit) + 0.5);
}

inline uint64_t PholdEventHash(SimTime time, uint32_t lp) {
  return Mix64(static_cast<uint64_t>(time) * 0x9e3779b97f4a7c15ULL ^ lp);
}

PholdResult RunPhold(const PholdConfig& config);

}  // namespace carriersim

#endif  // CARRIERSIM_BENCH_PHOLD_H_
