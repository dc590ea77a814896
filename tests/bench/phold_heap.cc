// PHOLD on a plain std::priority_queue of 16-byte events: the baseline any engine must beat.
// Same workload and random numbers as `carriersim bench phold` (simulator/bench/phold.h). With
// TIMERS = 1, the timer variant: a heap cannot move an event, so a timer set again leaves its
// old event behind, marked stale by the LP's generation, and the pop skips it (lazy deletion,
// the usual way). Built and run by compare_phold.sh.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <vector>

#include "simulator/bench/phold.h"
#include "simulator/engine/event.h"

using namespace carriersim;

namespace {

struct Later {
  bool operator()(const Event& a, const Event& b) const { return EventBefore(b, a); }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: phold_heap LPS EVENTS REMOTE [TIMERS]\n");
    return 2;
  }
  const uint32_t lps = static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 10));
  const uint64_t events = std::strtoull(argv[2], nullptr, 10);
  const double remote = std::strtod(argv[3], nullptr);
  const bool timers = argc == 5 && std::strtoul(argv[4], nullptr, 10) != 0;

  std::vector<Event> storage;
  storage.reserve(lps);
  std::priority_queue<Event, std::vector<Event>, Later> queue(Later{}, std::move(storage));
  std::vector<RandomStream> rng(lps);
  std::vector<uint32_t> seq(lps, 0);
  for (uint32_t lp = 0; lp < lps; ++lp) {
    rng[lp] = MakeStream(1, lp, StreamPurpose::kPhold);
    queue.push(Event{DrawPholdDelay(rng[lp]), lp, seq[lp]++ << kEventTagBits});
  }
  uint64_t checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  // Timers: the one live event of an LP is the one whose sequence is the LP's latest.
  const auto live = [&](const Event& e) { return (e.seq_tag >> kEventTagBits) + 1 == seq[e.entity]; };
  for (uint64_t n = 0; n < events; ++n) {
    Event e = queue.top();
    queue.pop();
    while (timers && !live(e)) {
      e = queue.top();
      queue.pop();
    }
    RandomStream& stream = rng[e.entity];
    const uint32_t target = DrawPholdTarget(stream, e.entity, lps, remote);
    queue.push(Event{e.time + DrawPholdDelay(stream), target, seq[target]++ << kEventTagBits});
    if (timers && target != e.entity) {
      queue.push(Event{e.time + DrawPholdDelay(stream), e.entity, seq[e.entity]++ << kEventTagBits});
    }
    checksum += PholdEventHash(e.time, e.entity);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("engine=std::priority_queue%s lps=%u checksum=%llu\n", timers ? "/timers" : "", lps,
              static_cast<unsigned long long>(checksum));
  std::printf("events=%llu seconds=%.3f events_per_s=%.0f ns_per_event=%.1f\n",
              static_cast<unsigned long long>(events), seconds, events / seconds,
              seconds * 1e9 / events);
  return 0;
}
