// A mass event keeps each device it hit and when it was back (observers/recovery.h), so that
// recovery can be told per group.
#include "simulator/observers/recovery.h"

#include <catch2/catch.hpp>

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("a mass event keeps each device it hit, in the order hit, and when it was back",
          "[recovery]") {
  Recovery recovery(4);
  const uint32_t outage = recovery.Begin("cell-outage c", -1, 1000, 5000);
  recovery.Affect(2, outage, {});
  recovery.Affect(0, outage, {});
  recovery.Back(0, 7000, {});
  const MassEvent& e = recovery.events()[0];
  REQUIRE(e.members.size() == 2);
  CHECK(e.members[0].device == 2);
  CHECK(e.members[0].back == kNever);
  CHECK(e.members[1].device == 0);
  CHECK(e.members[1].back == 2000);  // since the end of the outage
  CHECK(e.back == std::vector<SimTime>{2000});
}

TEST_CASE("a device hit again before it was back counts back in the newer event only",
          "[recovery]") {
  Recovery recovery(2);
  const uint32_t first = recovery.Begin("power-on a", -1, 0, 0);
  recovery.Affect(1, first, {});
  const uint32_t second = recovery.Begin("cell-outage c", -1, 100, 200);
  recovery.Affect(1, second, {});
  recovery.Back(1, 500, {});
  CHECK(recovery.events()[first].members[0].back == kNever);
  CHECK(recovery.events()[first].back.empty());
  CHECK(recovery.events()[second].members[0].back == 300);
  CHECK_FALSE(recovery.recovering(1));
}

TEST_CASE("the percentiles of any subset of an event's devices", "[recovery]") {
  // 4 devices hit, 3 back: 50 % after the second, 100 % never.
  const std::vector<SimTime> back{10, 20, 30};
  CHECK(MassEvent::BackBy(back, 4, 50) == SimTime{20});
  CHECK(MassEvent::BackBy(back, 4, 75) == SimTime{30});
  CHECK_FALSE(MassEvent::BackBy(back, 4, 100));
  CHECK_FALSE(MassEvent::BackBy({}, 0, 50));
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
