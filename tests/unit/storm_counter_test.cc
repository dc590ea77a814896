#include "simulator/network/storm_counter.h"

#include <catch2/catch.hpp>
#include <deque>

#include "simulator/base/rng.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("StormCounter: a single attempt per window stays in the dense array", "[storm]") {
  StormCounter storms(4);
  CHECK(storms.Count(2, 0, 60 * kSecond) == 1);
  CHECK(storms.Count(2, 60 * kSecond, 60 * kSecond) == 1);  // the first expired exactly now
  CHECK(storms.Count(2, 10 * kMinute, 60 * kSecond) == 1);
  CHECK(storms.repeated_sims() == 0);
}

TEST_CASE("StormCounter: attempts inside the window add up, and expire as it slides", "[storm]") {
  StormCounter storms(4);
  const SimTime w = 60 * kSecond;
  CHECK(storms.Count(1, 0, w) == 1);
  CHECK(storms.Count(1, 10 * kSecond, w) == 2);
  CHECK(storms.repeated_sims() == 1);
  CHECK(storms.Count(1, 20 * kSecond, w) == 3);
  CHECK(storms.Count(1, 61 * kSecond, w) == 3);  // 0 s has expired: 10 s, 20 s and 61 s count
  CHECK(storms.Count(1, 80 * kSecond, w) == 2);  // the window is (20 s, 80 s]: 61 s and 80 s
  CHECK(storms.Count(3, 61 * kSecond, w) == 1);  // other SIMs are independent
  storms.Reset(1);
  CHECK(storms.Count(1, 62 * kSecond, w) == 1);
  CHECK(storms.repeated_sims() == 0);
}

// Against a plain sliding window of every attempt: random attempt times for a few SIMs.
TEST_CASE("StormCounter: agrees with a reference window on random attempts", "[storm]") {
  const SimTime window = 5 * kMinute;
  StormCounter storms(3);
  std::deque<SimTime> reference[3];
  RandomStream rng = MakeStream(7, 1, StreamPurpose::kBoot);
  SimTime now = 0;
  for (int i = 0; i < 20000; ++i) {
    now += static_cast<SimTime>(UniformBelow(rng, 4 * kMinute));
    const uint32_t sim = static_cast<uint32_t>(UniformBelow(rng, 3));
    std::deque<SimTime>& ref = reference[sim];
    ref.push_back(now);
    while (ref.front() <= now - window) ref.pop_front();
    REQUIRE(storms.Count(sim, now, window) == static_cast<int64_t>(ref.size()));
    if (ref.size() > 4) {  // a storm: both forget
      storms.Reset(sim);
      ref.clear();
    }
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
