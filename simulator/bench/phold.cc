#include "simulator/bench/phold.h"

#include <chrono>
#include <vector>

#include "simulator/engine/event_queue.h"

namespace carriersim {
namespace {

constexpr EventTag kPholdMessage = EventQueue::kTimerSlots;
constexpr EventTag kPholdTimer = 0;

}  // namespace

PholdResult RunPhold(const PholdConfig& config) {
  EventQueue queue(config.lps);
  std::vector<RandomStream> rng(config.lps);
  for (uint32_t lp = 0; lp < config.lps; ++lp) {
    rng[lp] = MakeStream(config.seed, lp, StreamPurpose::kPhold);
    if (config.timers) {
      queue.SetTimer(DrawPholdDelay(rng[lp]), lp, kPholdTimer);
    } else {
      queue.Schedule(DrawPholdDelay(rng[lp]), lp, kPholdMessage);
    }
  }

  PholdResult result;
  const auto start = std::chrono::steady_clock::now();  // wall time: this is a benchmark
  for (uint64_t n = 0; n < config.events; ++n) {
    const Event e = queue.Pop();
    // Start loading the state of the next LP while this one is handled: at 10^6 LPs every
    // event touches a cold cache line, and hiding that latency is most of the speed.
    __builtin_prefetch(&rng[queue.NextEntityHint()]);
    RandomStream& stream = rng[e.entity];
    const uint32_t target = DrawPholdTarget(stream, e.entity, config.lps, config.remote);
    queue.Prefetch(target);  // its sequence counter is needed once the delay is drawn
    const SimTime at = e.time + DrawPholdDelay(stream);
    if (!config.timers) {
      queue.Schedule(at, target, kPholdMessage);
    } else {
      queue.SetTimer(at, target, kPholdTimer);  // moves the target's pending timer
      if (target != e.entity) queue.SetTimer(e.time + DrawPholdDelay(stream), e.entity, kPholdTimer);
    }
    result.checksum += PholdEventHash(e.time, e.entity);
    result.end_ticks = e.time;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.events = config.events;
  return result;
}

}  // namespace carriersim
