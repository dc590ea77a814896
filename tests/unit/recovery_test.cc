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
  REQUIRE(e.back.size() == 1);
  CHECK(e.back[0] == 2000);
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

TEST_CASE("mass events spilled to disk keep their devices, times and energy", "[recovery]") {
  SpillOptions spill;
  spill.memory = 3 * sizeof(EventMember);  // a few devices in memory, the rest on disk
  Recovery recovery(40, spill);
  const uint32_t first = recovery.Begin("power-on a", -1, 0, 0);
  for (uint32_t d = 0; d < 20; ++d) recovery.Affect(d, first, {d, 0, 10});
  for (uint32_t d = 0; d < 20; d += 2) recovery.Back(d, 100 + d, {d + 3, 1, 50});
  // Devices 1, 3, ... hit again by a newer event, which the older one counts as not back.
  const uint32_t second = recovery.Begin("cell-outage c", -1, 200, 300);
  for (uint32_t d = 1; d < 20; d += 2) recovery.Affect(d, second, {d + 1, 0, 70});
  recovery.Back(5, 400, {9, 2, 90});
  const MassEvent& e = recovery.events()[first];
  REQUIRE(e.members.size() == 20);
  CHECK(e.members.on_disk() > 0);
  uint32_t d = 0;
  for (const EventMember& m : e.members) {
    INFO("device " << d);
    CHECK(m.device == d);
    CHECK_FALSE(m.recovering);
    CHECK(m.back == (d % 2 == 0 ? SimTime{100 + d} : kNever));
    CHECK(m.energy.attach_attempts == (d % 2 == 0 ? 3u : 1u));
    CHECK(m.energy.radio_ms == (d % 2 == 0 ? 40 : 60));
    ++d;
  }
  REQUIRE(e.back.size() == 10);
  CHECK(e.BackBy(50) == SimTime{118});  // the 10th of the 20 devices hit: device 18
  const MassEvent& outage = recovery.events()[second];
  CHECK(outage.members[2].back == 100);  // device 5, since the outage's end
  CHECK(outage.members[2].energy.modem_reboots == 2);
  CHECK(outage.members[0].recovering);
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
