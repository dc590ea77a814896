// SOR-10 .. SOR-14 (behaviour catalogue): renewal fees, basic fees by plan, test mode, additional
// subscriptions and account termination, through the built-in soracom profile. As in
// soracom_rules_test.cc, amounts come from the profile's example prices.
#include <catch2/catch.hpp>

#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::BasicRate;
using test::RenewalPrice;
using test::Run;
using test::Simulate;
using test::Soracom;
using test::TransitionPrice;
using test::Strings;

TEST_CASE("SOR-10: renewal fees after a year in ready, standby or suspended, tracked per SIM",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: idle, count: 1, carrier: soracom, plan: plan01s, device: idle, power: off }
  - { group: parked, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off }
timeline:
  - { at: 10d, set-to-standby: { group: parked } }
  - { at: 100d, suspend: { group: parked } }
  - { at: 400d, activate: { group: parked } }
)"),
                         "420d");
  const CarrierProfile& p = r.Profile("soracom");
  // Ready for 420 days: one renewal, one year after registration.
  REQUIRE(r.Lines(r.Sim("idle"), FeeCategory::kRenewal).size() == 1);
  CHECK(r.Lines(r.Sim("idle"), FeeCategory::kRenewal)[0].time == r.At("2027-01-01T00:00:00Z"));
  CHECK(r.world->billing().renewal_since(r.Sim("idle")) == 0);
  // Standby then suspended counts as one stay, from 10d: one renewal at 10d + 1 year.
  const SimId parked = r.Sim("parked");
  REQUIRE(r.Lines(parked, FeeCategory::kRenewal).size() == 1);
  CHECK(r.Lines(parked, FeeCategory::kRenewal)[0].time == r.At("2027-01-11T00:00:00Z"));
  CHECK(r.Fees(parked, FeeCategory::kRenewal) == RenewalPrice(p, "plan01s"));
  CHECK(r.world->billing().renewal_since(parked) == kNever);  // active again: not tracking
}

TEST_CASE("SOR-10: plan-US pays a monthly renewal fee past six months", "[rules][soracom]") {
  const Run eight = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan-US, device: idle, power: off }
)"),
                             "243d");  // Jan 1 + 243 days = Sep 1: eight months in ready
  const CarrierProfile& p = eight.Profile("soracom");
  const std::vector<FeeLine> fees = eight.Lines(eight.Sim("g"), FeeCategory::kRenewal);
  REQUIRE(fees.size() == 2);  // months 7 and 8
  CHECK(fees[0].time == eight.At("2026-07-01T00:00:00Z"));
  CHECK(fees[1].time == eight.At("2026-08-01T00:00:00Z"));
  CHECK(eight.Fees(eight.Sim("g")) == 2 * RenewalPrice(p, "plan-US"));
  // Exactly six months is not more than six: nothing to pay, and no basic fee in ready.
  const Run six = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan-US, device: idle, power: off }
)"),
                           "181d");
  CHECK(six.Fees(six.Sim("g")) == 0);
}

TEST_CASE("SOR-10: the renewal tracking date survives a plan change", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: kept, count: 1, carrier: soracom, plan: plan01s, device: idle, status: standby,
      power: off }
  - { group: moved, count: 1, carrier: soracom, plan: plan01s, device: idle, status: standby,
      power: off }
  - { group: late, count: 1, carrier: soracom, plan: plan01s, device: idle, status: standby,
      power: off }
timeline:
  - { at: 300d, change-plan: { group: moved, plan: planX3 } }
  - { at: 400d, change-plan: { group: late, plan: planX3 } }
)"),
                         "500d");
  const CarrierProfile& p = r.Profile("soracom");
  // Both in standby since Jan 1: the first renewal is due 2027-01-01 whatever the plan.
  for (const char* group : {"kept", "moved"}) {
    const SimId sim = r.Sim(group);
    CHECK(r.world->billing().renewal_since(sim) == 0);
    const auto lines = r.Lines(sim, FeeCategory::kRenewal);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].time == r.At("2027-01-01T00:00:00Z"));
  }
  CHECK(p.plans[r.Lines(r.Sim("moved"), FeeCategory::kRenewal)[0].plan].name == "planX3");
  CHECK(r.Fees(r.Sim("moved")) == RenewalPrice(p, "planX3"));
  // Moved after its due date: the old plan charged it; the new one does not charge it again.
  const auto late = r.Lines(r.Sim("late"), FeeCategory::kRenewal);
  REQUIRE(late.size() == 1);
  CHECK(p.plans[late[0].plan].name == "plan01s");
  CHECK(r.Fees(r.Sim("late")) == RenewalPrice(p, "plan01s"));
}

TEST_CASE("SOR-11: daily plans charge the active and inactive days", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off }
timeline:
  - { at: 3d 12h, deactivate: { group: g } }
  - { at: 10d, set-to-standby: { group: g } }
)"));
  CHECK(r.Fees(r.Sim("g")) == 10 * BasicRate(r.Profile("soracom"), "plan01s", "active"));
}

TEST_CASE("SOR-11: monthly plans still pay the month set to standby, except planX3-EU",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: ldv, count: 1, carrier: soracom, plan: plan01s-LDV, device: idle, status: active,
      power: off }
  - { group: x3, count: 1, carrier: soracom, plan: planX3, device: idle, status: active,
      power: off }
  - { group: us, count: 1, carrier: soracom, plan: plan-US, device: idle, status: active,
      power: off }
  - { group: eu, count: 1, carrier: soracom, plan: planX3-EU, device: idle, status: active,
      power: off }
timeline:
  - { at: 2026-03-10T00:00:00Z, set-to-standby: { group: ldv } }
  - { at: 2026-03-10T00:00:00Z, set-to-standby: { group: x3 } }
  - { at: 2026-03-10T00:00:00Z, set-to-standby: { group: us } }
  - { at: 2026-03-10T00:00:00Z, set-to-standby: { group: eu } }
)"),
                         "120d");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Fees(r.Sim("ldv")) == 3 * BasicRate(p, "plan01s-LDV", "active"));  // Jan, Feb, Mar
  CHECK(r.Fees(r.Sim("x3")) == 3 * BasicRate(p, "planX3", "active"));
  CHECK(r.Fees(r.Sim("us")) == 3 * BasicRate(p, "plan-US", "active"));
  CHECK(r.Fees(r.Sim("eu")) == 2 * BasicRate(p, "planX3-EU", "active"));  // Jan, Feb
}

TEST_CASE("SOR-11 SOR-14: planX3-EU pays the month in which a SIM is terminated",
          "[rules][soracom]") {
  // Fees apply "until its date of termination" (001); planX3-EU's one exception is the month a
  // SIM is set to standby or suspended (003). Active from Jan 1, terminated on Jan 15.
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: eu, count: 1, carrier: soracom, plan: planX3-EU, device: idle, status: active,
      power: off }
  - { group: x3, count: 1, carrier: soracom, plan: planX3, device: idle, status: active,
      power: off }
timeline:
  - { at: 2026-01-15T00:00:00Z, terminate: { group: eu } }
  - { at: 2026-01-15T00:00:00Z, terminate: { group: x3 } }
)"),
                         "60d");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Path(r.Sim("eu")) == Strings{"active", "terminated"});
  CHECK(r.Fees(r.Sim("eu")) == BasicRate(p, "planX3-EU", "active"));
  CHECK(r.Fees(r.Sim("x3")) == BasicRate(p, "planX3", "active"));
}

TEST_CASE("SOR-11: reduced fees in ready and suspended on the Japan plans", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: d, count: 1, carrier: soracom, plan: plan-D, device: idle, power: off }
  - { group: k, count: 1, carrier: soracom, plan: plan-K, device: idle, power: off }
  - { group: k2, count: 1, carrier: soracom, plan: plan-K2, device: idle, power: off }
  - { group: du, count: 1, carrier: soracom, plan: plan-DU, device: idle, power: off }
timeline:
  - { at: 10d, activate: { group: d } }
  - { at: 10d, activate: { group: k } }
  - { at: 10d, activate: { group: k2 } }
  - { at: 20d, suspend: { group: d } }
  - { at: 20d, suspend: { group: k } }
  - { at: 20d, suspend: { group: k2 } }
)"),
                         "31d", "JPY");
  const CarrierProfile& p = r.Profile("soracom");
  // January: ready Jan 1..10, active Jan 11..20, suspended Jan 21..31.
  CHECK(r.Fees(r.Sim("d")) == 10 * BasicRate(p, "plan-D", "ready") +
                                  10 * BasicRate(p, "plan-D", "active") +
                                  BasicRate(p, "plan-D", "suspended"));  // reduced monthly
  CHECK(r.Fees(r.Sim("k"), FeeCategory::kBasic) == 10 * BasicRate(p, "plan-K", "ready") +
                                                       10 * BasicRate(p, "plan-K", "active") +
                                                       11 * BasicRate(p, "plan-K", "suspended"));
  CHECK(r.Fees(r.Sim("k"), FeeCategory::kSuspension) == TransitionPrice(p, "plan-K", "suspension"));
  // plan-K2: a reduced daily fee in ready, then one monthly fee for January at the higher of
  // its active and suspended rates.
  CHECK(r.Fees(r.Sim("k2")) ==
        10 * BasicRate(p, "plan-K2", "ready") + BasicRate(p, "plan-K2", "active"));
  CHECK(r.Fees(r.Sim("du")) == 0);  // plan-DU: the first two months in ready are free
}

TEST_CASE(
    "SOR-11: plan-DU pays a reduced monthly fee in ready after two months, and its full "
    "fee while suspended",
    "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: ready, count: 1, carrier: soracom, plan: plan-DU, device: idle, power: off }
  - { group: parked, count: 1, carrier: soracom, plan: plan-DU, device: idle, status: suspended,
      power: off }
)"),
                         "120d", "JPY");  // to May 1
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Fees(r.Sim("ready")) == 2 * BasicRate(p, "plan-DU", "ready"));  // March, April
  CHECK(r.Fees(r.Sim("parked")) == 4 * BasicRate(p, "plan-DU", "suspended"));
  CHECK(BasicRate(p, "plan-DU", "suspended") == BasicRate(p, "plan-DU", "active"));
}

TEST_CASE("SOR-12: testing ends at its time limit", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: light, count: 1, carrier: soracom, plan: plan01s, device: idle, test-mode: true }
)"),
                         "40d");
  CHECK(r.Changes(r.Sim("light")) ==
        Strings{"ready>testing:device-attach", "testing>active:timer"});
  CHECK(r.world->recorder().history().changes[1].time == 30 * kDay);
  CHECK(r.Fees(r.Sim("light")) == 10 * BasicRate(r.Profile("soracom"), "plan01s", "active"));
}

TEST_CASE("SOR-12: testing exempts usage fees until its data limit", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: busy, count: 1, carrier: soracom, plan: plan01s, device: heavy, test-mode: true }
)"),
                         "25d");  // all in January: one usage line
  const CarrierProfile& p = r.Profile("soracom");
  const SimId busy = r.Sim("busy");
  CHECK(r.Changes(busy) == Strings{"ready>testing:device-attach", "testing>active:network"});
  // 10 MB at 100 KB a send: the 103rd send crosses it, and is still free.
  const SimTime anchor = r.world->devices().traffic_anchor(busy);
  CHECK(r.world->recorder().history().changes[1].time == anchor + 102 * kHour + 1);
  const int64_t billable = r.world->network().uplink_bytes(busy) - 103 * 100 * 1024;
  const int64_t per_mb = p.plans[*p.FindPlan("plan01s")].tariff.usage.per_mb.micros;
  CHECK(r.Fees(busy, FeeCategory::kUsage) == (billable * per_mb + (1 << 19)) / (1 << 20));
}

TEST_CASE("SOR-13: additional subscriptions follow the SIM's status", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off, subscriptions: [planX3] }
timeline:
  - { at: 10d, suspend: { group: g } }
)"),
                         "59d");  // to Mar 1
  const SimId sim = r.Sim("g");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Path(sim) == Strings{"active", "suspended"});  // one status for the whole SIM
  int64_t primary = 0, extra = 0;
  for (const FeeLine& l : r.world->ledger().lines) {
    (l.plan == *p.FindPlan("plan01s") ? primary : extra) += l.micros;
  }
  CHECK(primary == 10 * BasicRate(p, "plan01s", "active"));
  CHECK(extra == BasicRate(p, "planX3", "active"));  // January only: suspended in February
}

TEST_CASE("SOR-14: an account ends only once every SIM is terminated", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 2, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off }
timeline:
  - { at: 3d, terminate-account: { carrier: soracom } }
  - { at: 4d 12h, terminate: { group: g } }
  - { at: 5d, terminate-account: { carrier: soracom } }
)"),
                         "10d");
  CHECK(r.world->recorder().actions()[0].refusals.count("2 SIMs must be terminated first") == 1);
  CHECK(r.world->network().account_terminated(0) == 5 * kDay);
  // Daily rates accrue up to the day of termination (Jan 5 included).
  for (int i = 0; i < 2; ++i) {
    CHECK(r.Fees(r.Sim("g", i)) == 5 * BasicRate(r.Profile("soracom"), "plan01s", "active"));
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
