// PRE-1 .. PRE-6 (listed in scenarios/carriers/prepaid.yaml) through the built-in prepaid
// profile: a lifetime plan written in YAML alone, with counters that outlive a stay (volume,
// validity), a pause that ends by itself, plan values, and one-off fees of its own categories.
#include <catch2/catch.hpp>

#include "reports/csv_reports.h"
#include "reports/summary_json.h"
#include "simulator/base/calendar.h"
#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::OneOffPrice;
using test::Run;
using test::Simulate;
using test::Strings;

std::string Body(const std::string& fleet_and_timeline) {
  return R"(carriers:
  prepaid: { profile: prepaid }
devices:
  idle: { boot: 0 }
  meter: { boot: 0, traffic: { every: 1h, uplink: 10MB } }
)" + fleet_and_timeline;
}

// When the SIM's status changed for the n-th time (0: the first change).
SimTime ChangeTime(const Run& r, SimId sim, size_t n) {
  std::vector<SimTime> times;
  for (const StatusChange& c : r.world->recorder().history().changes) {
    if (c.sim == sim) times.push_back(c.time);
  }
  REQUIRE(n < times.size());
  return times[n];
}

TEST_CASE("PRE-1: the activation fee falls due when the SIM is provisioned, nothing monthly",
          "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: shelf, count: 2, carrier: prepaid, plan: lifetime-500MB, device: idle, power: off }
  - { group: used, count: 1, carrier: prepaid, plan: lifetime-1GB, device: idle }
)"),
                         "90d");
  const CarrierProfile& p = r.Profile("prepaid");
  const FeeCategory activation = r.Category("activation");
  // Each SIM pays once, at the start, whether it is ever used or not; months cost nothing.
  for (const SimId sim : {r.Sim("shelf", 0), r.Sim("shelf", 1)}) {
    CHECK(r.Path(sim) == Strings{"ready"});
    REQUIRE(r.Lines(sim, activation).size() == 1);
    CHECK(r.Lines(sim, activation)[0].time == 0);
    CHECK(r.Fees(sim) == OneOffPrice(p, "lifetime-500MB", "activation"));
  }
  CHECK(r.Fees(r.Sim("used")) == OneOffPrice(p, "lifetime-1GB", "activation"));
  CHECK(r.world->ledger().lines.size() == 3);
  // The ledger and the reports name the profile's own categories.
  const std::string ledger = LedgerCsv(*r.result);
  CHECK(ledger.find(",activation,1,once,10.00,\"lifetime-500MB activation fee, 2026-01-01, in "
                    "ready\"") != std::string::npos);
  const nlohmann::ordered_json summary = BuildSummary(*r.result);
  CHECK(summary["fees"]["by_category"]["activation"] == "35.00");
  CHECK(summary["fees"]["by_category"]["top-up"] == "0.00");
  CHECK(summary["fees"]["by_category"]["basic"] == "0.00");
  const std::string sims = SimsCsv(*r.result);
  CHECK(sims.substr(0, sims.find('\n')).find(",fees_activation_usd,fees_top-up_usd,fees_usd") !=
        std::string::npos);
}

TEST_CASE("PRE-2: ready until the first attach, which activates the SIM", "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle, power: off }
timeline:
  - { at: 10d, power-on: { group: g } }
)"),
                         "20d");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) == Strings{"ready>active:device-attach"});
  CHECK((ChangeTime(r, sim, 0) >= 10 * kDay && ChangeTime(r, sim, 0) < 10 * kDay + kMinute));
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
}

TEST_CASE("PRE-3: data stops when the plan's volume is used, until a top-up or a larger plan",
          "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: topped, count: 1, carrier: prepaid, plan: lifetime-500MB, device: meter }
  - { group: upgraded, count: 1, carrier: prepaid, plan: lifetime-500MB, device: meter }
  - { group: downgraded, count: 1, carrier: prepaid, plan: lifetime-1GB, device: meter }
timeline:
  - { at: 5d, top-up: { group: topped } }
  - { at: 5d, change-plan: { group: upgraded, plan: lifetime-1GB } }
  - { at: 60h, change-plan: { group: downgraded, plan: lifetime-500MB } }
)"),
                         "10d");
  const CarrierProfile& p = r.Profile("prepaid");
  // 500 MB at 10 MB a send: the 50th send uses it up; data is refused from then on.
  const SimId topped = r.Sim("topped");
  const SimTime anchor = r.world->devices().traffic_anchor(topped);
  CHECK(r.Changes(topped) == Strings{"ready>active:device-attach", "active>depleted:network",
                                     "depleted>active:api", "active>depleted:network"});
  CHECK(ChangeTime(r, topped, 1) == anchor + 49 * kHour + 1);
  // The top-up buys a fresh 500 MB: 50 more sends from 5d.
  CHECK(ChangeTime(r, topped, 2) == 5 * kDay);
  CHECK(ChangeTime(r, topped, 3) == anchor + (120 + 49) * kHour + 1);
  CHECK(r.Fees(topped, r.Category("top-up")) == OneOffPrice(p, "lifetime-500MB", "top-up"));
  CHECK(r.world->network().uplink_bytes(topped) == 100 * 10 * 1024 * 1024);
  CHECK(r.world->devices().pdn_requests(topped) > 2);  // the device asked again while depleted

  // A larger plan ends depleted at once; its 1 GB counts what the SIM had used.
  const SimId upgraded = r.Sim("upgraded");
  const SimTime up_anchor = r.world->devices().traffic_anchor(upgraded);
  CHECK(r.Changes(upgraded) == Strings{"ready>active:device-attach", "active>depleted:network",
                                       "depleted>active:api", "active>depleted:network"});
  CHECK(ChangeTime(r, upgraded, 2) == 5 * kDay);
  // 500 MB, then 53 sends of 10 MB to pass 1 GB (1,024 MB).
  CHECK(ChangeTime(r, upgraded, 3) == up_anchor + (120 + 52) * kHour + 1);
  CHECK(r.Fees(upgraded, r.Category("top-up")) == 0);
  // A smaller plan than what is used depletes the SIM at once.
  const SimId downgraded = r.Sim("downgraded");
  CHECK(r.Changes(downgraded) ==
        Strings{"ready>active:device-attach", "active>depleted:network"});
  CHECK(ChangeTime(r, downgraded, 1) == 60 * kHour);
}

TEST_CASE("PRE-4: the validity counts from activation in every status, then the SIM expires",
          "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: early, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle }
  - { group: late, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle, power: off }
timeline:
  - { at: 100d, pause: { group: early } }
  - { at: 365d, power-on: { group: late } }
)"),
                         "3700d");  // a little over ten years
  const SimId early = r.Sim("early");
  CHECK(r.Changes(early) == Strings{"ready>active:device-attach", "active>paused:api",
                                    "paused>active:timer", "active>expired:timer"});
  // Ten years from the first attach, the 90 days paused included.
  const UnixMillis start = r.scenario->start;
  const SimTime activated = ChangeTime(r, early, 0);
  CHECK(ChangeTime(r, early, 3) == AddSpan(start + activated, CalendarSpan{120, 0}) - start);
  CHECK(r.world->devices().modem(early) == ModemState::kSimInvalid);  // expired: #7
  // Provisioned but not used for a year: its ten years start with the attach.
  CHECK(r.Changes(r.Sim("late")) == Strings{"ready>active:device-attach"});
  CHECK(r.Status(r.Sim("late")) == "active");
}

TEST_CASE("PRE-5: a pause ends by itself after 90 days, back to where the SIM was",
          "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: idle, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle,
      status: active }
  - { group: early, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle,
      status: active }
  - { group: used-up, count: 1, carrier: prepaid, plan: lifetime-500MB, device: meter }
timeline:
  - { at: 1d, pause: { group: idle } }
  - { at: 1d, pause: { group: early } }
  - { at: 10d, resume: { group: early } }
  - { at: 3d, pause: { group: used-up } }
  - { at: 100d, change-plan: { group: used-up, plan: lifetime-1GB } }
)"),
                         "120d");
  const SimId idle = r.Sim("idle");
  CHECK(r.Changes(idle) == Strings{"active>paused:api", "paused>active:timer"});
  CHECK(ChangeTime(r, idle, 1) == 91 * kDay);
  CHECK(r.world->devices().modem(idle) == ModemState::kSimInvalid);  // paused with #7: no retry
  CHECK(r.Changes(r.Sim("early")) == Strings{"active>paused:api", "paused>active:api"});
  // Depleted, paused, and depleted again 90 days later: a larger plan still ends it.
  const SimId used_up = r.Sim("used-up");
  CHECK(r.Changes(used_up) ==
        Strings{"ready>active:device-attach", "active>depleted:network", "depleted>paused:api",
                "paused>depleted:timer", "depleted>active:api"});
  CHECK(ChangeTime(r, used_up, 3) == 93 * kDay);
  CHECK(ChangeTime(r, used_up, 4) == 100 * kDay);
}

TEST_CASE("PRE-6: a terminated SIM is blocked for good", "[rules][prepaid]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: prepaid, plan: lifetime-500MB, device: idle, status: active }
timeline:
  - { at: 1d, terminate: { group: g } }
  - { at: 2d, resume: { group: g } }
  - { at: 2d, top-up: { group: g } }
  - { at: 3d, power-cycle: { group: g } }
)"),
                         "10d");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) == Strings{"active>terminated:api"});
  const auto& actions = r.world->recorder().actions();
  REQUIRE(actions.size() == 4);
  CHECK(actions[1].refused == 1);
  CHECK(actions[2].refused == 1);  // no top-up of a terminated SIM, and no fee
  CHECK(r.Fees(sim, r.Category("top-up")) == 0);
  CHECK(r.world->recorder().signaling().total.rejects_by_cause[8] >= 1);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
