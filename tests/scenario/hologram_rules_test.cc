// HOL-1 .. HOL-6 (behaviour catalogue) through the built-in hologram profile.
#include <catch2/catch.hpp>

#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::BasicRate;
using test::Run;
using test::Simulate;
using test::Strings;

std::string Body(const std::string& fleet_and_timeline) {
  return R"(carriers:
  hologram: { profile: hologram }
devices:
  idle: { boot: 0 }
  sensor: { boot: 0, traffic: { every: 1h, uplink: 100KB } }
)" + fleet_and_timeline;
}

int64_t PerMb(const CarrierProfile& p, const std::string& plan) {
  return p.plans[*p.FindPlan(plan)].tariff.usage.per_mb.micros;
}

TEST_CASE("HOL-1: a paused SIM has no data charges, its monthly fee goes on, deactivation is final",
          "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: hologram, plan: flexible, device: sensor }
  - { group: d, count: 1, carrier: hologram, plan: flexible, device: idle, power: off }
timeline:
  - { at: 10d, pause: { group: g } }
  - { at: 20d, resume: { group: g } }
  - { at: 1d, deactivate: { group: d } }
  - { at: 40d, resume: { group: d } }
)"),
                         "59d");  // to Mar 1
  const CarrierProfile& p = r.Profile("hologram");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) == Strings{"active>paused:api", "paused>active:api"});
  // The SIM fee for January and February, paused or not.
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 2 * BasicRate(p, "flexible", "active"));
  // Data only outside the pause: 49 of the 59 days.
  const int64_t bytes = r.world->network().uplink_bytes(sim);
  CHECK(bytes >= (49 * 24 - 1) * 100 * 1024);
  CHECK(bytes <= (49 * 24 + 1) * 100 * 1024);
  CHECK(r.world->network().online_ms(sim) == 49 * kDay);
  CHECK(r.Path(r.Sim("d")) == Strings{"active", "pending-deactivation", "deactivated"});
  CHECK(r.world->recorder().actions()[3].refused == 1);  // nothing resumes a deactivated SIM
}

TEST_CASE("HOL-2: deactivation completes up to 30 days later, without charges meanwhile",
          "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: hologram, plan: flexible, device: idle }
timeline:
  - { at: 2026-01-20T00:00:00Z, deactivate: { group: g } }
)"),
                         "90d");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) ==
        Strings{"active>pending-deactivation:api", "pending-deactivation>deactivated:timer"});
  CHECK(r.world->recorder().history().changes[1].time == r.At("2026-02-19T00:00:00Z"));
  CHECK(r.world->devices().modem(sim) == ModemState::kSimInvalid);  // cannot connect meanwhile
  CHECK(r.Fees(sim) == BasicRate(r.Profile("hologram"), "flexible", "active"));  // January only
  // The delay is a setting: a scenario can shorten it.
  const Run quick = Simulate(R"(carriers:
  hologram:
    profile: hologram
    overrides:
      rules: { deactivation-completes: { reaches: 3d } }
devices:
  idle: { boot: 0 }
fleet:
  - { group: g, count: 1, carrier: hologram, plan: flexible, device: idle }
timeline:
  - { at: 1d, deactivate: { group: g } }
)",
                             "10d");
  CHECK(quick.world->recorder().history().changes[1].time == 4 * kDay);
}

TEST_CASE("HOL-3: the dashboard deactivates at most 10 SIMs at a time, the API any number",
          "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: a, count: 11, carrier: hologram, plan: flexible, device: idle, power: off }
  - { group: b, count: 11, carrier: hologram, plan: flexible, device: idle, power: off }
  - { group: c, count: 10, carrier: hologram, plan: flexible, device: idle, power: off }
timeline:
  - { at: 1d, deactivate: { group: a, via: dashboard } }
  - { at: 1d, deactivate: { group: b, via: api } }
  - { at: 1d, deactivate: { group: c, via: dashboard } }
  - { at: 2d, pause: { group: a, via: dashboard } }
)"),
                         "5d");
  const auto& actions = r.world->recorder().actions();
  CHECK(actions[0].refused == 11);
  CHECK(actions[0].refusals.begin()->first ==
        "the dashboard can deactivate at most 10 SIMs at a time");
  CHECK(actions[1].applied == 11);
  CHECK(actions[2].applied == 10);
  CHECK(actions[3].applied == 11);  // pausing has no such limit
  // Every SIM pays January's SIM fee once (active, then paused or pending deactivation, which
  // is free); nothing else.
  const CarrierProfile& p = r.Profile("hologram");
  for (const char* group : {"a", "b", "c"}) {
    CHECK(r.Fees(r.Sim(group, 0)) == BasicRate(p, "flexible", "active"));
  }
  CHECK(r.world->ledger().lines.size() == 32);
}

TEST_CASE("HOL-4: only owners, admins and managers may deactivate", "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 2, carrier: hologram, plan: flexible, device: idle, power: off }
timeline:
  - { at: 1d, deactivate: { sim: "g#0", as: developer } }
  - { at: 1d, deactivate: { sim: "g#1", as: admin } }
  - { at: 2d, pause: { sim: "g#0", as: developer } }
)"),
                         "5d");
  CHECK(r.world->recorder().actions()[0].refusals.begin()->first ==
        "role 'developer' may not deactivate (allowed: 'owner', 'admin' or 'manager')");
  CHECK(r.Path(r.Sim("g", 0)) == Strings{"active", "paused"});
  CHECK(r.Path(r.Sim("g", 1)) == Strings{"active", "pending-deactivation"});
  const CarrierProfile& p = r.Profile("hologram");
  CHECK(r.Fees(r.Sim("g", 0)) == BasicRate(p, "flexible", "active"));  // active + paused: once
  CHECK(r.Fees(r.Sim("g", 1)) == BasicRate(p, "flexible", "active"));
}

TEST_CASE(
    "HOL-5: a SIM that reaches its data limit is paused until the month ends or the limit "
    "is raised",
    "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: capped, count: 1, carrier: hologram, plan: flexible, device: sensor,
      usage-limit: 1MB }
  - { group: raised, count: 1, carrier: hologram, plan: flexible, device: sensor,
      usage-limit: 1MB }
timeline:
  - { at: 2026-01-31T00:00:00Z, usage-limit: { group: raised, limit: 2MB } }
)"),
                         "35d");
  const auto times = [&](SimId sim) {
    std::vector<SimTime> t;
    for (const StatusChange& c : r.world->recorder().history().changes) {
      if (c.sim == sim) t.push_back(c.time);
    }
    return t;
  };
  const auto next_send = [&](SimId sim, SimTime from) {
    const SimTime anchor = r.world->devices().traffic_anchor(sim);
    return anchor + (from - anchor + kHour - 1) / kHour * kHour;
  };
  const SimTime feb = r.At("2026-02-01T00:00:00Z");
  const int64_t per_mb = PerMb(r.Profile("hologram"), "flexible");

  // 1 MB at 100 KB a send: the 11th send reaches it. Paused then, back when February starts,
  // paused again at the 11th send of February.
  const SimId capped = r.Sim("capped");
  CHECK(r.Changes(capped) ==
        Strings{"active>paused:network", "paused>active:timer", "active>paused:network"});
  CHECK(times(capped) == std::vector<SimTime>{next_send(capped, 0) + 10 * kHour + 1, feb,
                                              next_send(capped, feb) + 10 * kHour + 1});
  const auto usage = r.Lines(capped, FeeCategory::kUsage);
  REQUIRE(usage.size() == 2);
  CHECK(usage[0].quantity == 11 * 100 * 1024);
  CHECK(usage[0].micros == (int64_t{11} * 100 * 1024 * per_mb + (1 << 19)) / (1 << 20));
  CHECK(usage[1].quantity == 11 * 100 * 1024);

  // Raising the limit lets data flow at once, up to the new limit: 10 more sends.
  const SimId raised = r.Sim("raised");
  const SimTime jan31 = r.At("2026-01-31T00:00:00Z");
  CHECK(r.Changes(raised) == Strings{"active>paused:network", "paused>active:api",
                                     "active>paused:network", "paused>active:timer",
                                     "active>paused:network"});
  CHECK(times(raised)[1] == jan31);
  CHECK(times(raised)[2] == next_send(raised, jan31) + 9 * kHour + 1);
  CHECK(times(raised)[4] == next_send(raised, feb) + 20 * kHour + 1);
}

TEST_CASE(
    "HOL-5: the month end brings back only a SIM still paused for its limit, never a "
    "deactivated one",
    "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: resumed, count: 1, carrier: hologram, plan: flexible, device: sensor,
      usage-limit: 1MB }
  - { group: deact, count: 1, carrier: hologram, plan: flexible, device: sensor,
      usage-limit: 200KB }
timeline:
  - { at: 2d, resume: { group: resumed } }
  - { at: 2d, deactivate: { group: deact } }
)"),
                         "40d");
  const CarrierProfile& p = r.Profile("hologram");
  // Resumed by hand while still over the limit: paused again at once, since the limit applies;
  // the month end then resumes it as usual.
  CHECK(r.Changes(r.Sim("resumed")) == Strings{"active>paused:network", "paused>active:api",
                                               "active>paused:network", "paused>active:timer",
                                               "active>paused:network"});
  // Deactivated while paused for its limit: the month end leaves it alone, and 30 days after
  // the request it is deactivated for good.
  const SimId deact = r.Sim("deact");
  CHECK(r.Changes(deact) == Strings{"active>paused:network", "paused>pending-deactivation:api",
                                    "pending-deactivation>deactivated:timer"});
  CHECK(r.world->recorder().history().changes.back().time == 32 * kDay);
  // January's SIM fee, and 200 KB (two 100 KB sends) of data; nothing after the request.
  CHECK(r.Fees(deact, FeeCategory::kBasic) == BasicRate(p, "flexible", "active"));
  const auto usage = r.Lines(deact, FeeCategory::kUsage);
  REQUIRE(usage.size() == 1);
  CHECK(usage[0].quantity == 2 * 100 * 1024);
}

TEST_CASE("HOL-6: after a plan change fees follow the new plan", "[rules][hologram]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: hologram, plan: flexible, device: sensor }
timeline:
  - { at: 2026-01-15T00:00:00Z, change-plan: { group: g, plan: high-bandwidth } }
)"),
                         "59d");  // to Mar 1
  const CarrierProfile& p = r.Profile("hologram");
  const SimId sim = r.Sim("g");
  CHECK(p.plans[r.world->network().plan(sim)].name == "high-bandwidth");
  // January is charged once, at the higher of the two plans' fees; February on the new plan.
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 2 * BasicRate(p, "high-bandwidth", "active"));
  // Data up to Jan 15 at the flexible rate; after it within the 1 GB allowance: free.
  const auto usage = r.Lines(sim, FeeCategory::kUsage);
  REQUIRE(usage.size() == 1);
  CHECK(p.plans[usage[0].plan].name == "flexible");
  const int64_t sends = usage[0].quantity / (100 * 1024);
  CHECK(sends >= 14 * 24 - 1);
  CHECK(sends <= 14 * 24);
  CHECK(usage[0].micros == (usage[0].quantity * PerMb(p, "flexible") + (1 << 19)) / (1 << 20));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
