// SOR-1 .. SOR-14 (behaviour catalogue): each test drives a concrete timeline through the built-in
// soracom profile and checks the exact status path and fee amounts. Amounts are computed from the
// profile's example prices, so the tests check the arithmetic whatever the prices are.
#include <catch2/catch.hpp>

#include "reports/csv_reports.h"
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

TEST_CASE("SOR-1: registering a SIM puts it in ready", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 3, carrier: soracom, plan: plan01s, device: idle, power: off }
)"));
  for (int i = 0; i < 3; ++i) {
    CHECK(r.Path(r.Sim("g", i)) == Strings{"ready"});
    CHECK(r.Fees(r.Sim("g", i)) == 0);  // plan01s: ready is free for its first year
    CHECK(r.world->billing().renewal_since(r.Sim("g", i)) == 0);  // tracked from registration
  }
}

TEST_CASE("SOR-2: the first attach moves ready to active, or to testing in test mode, free",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: plain, count: 1, carrier: soracom, plan: plan01s, device: idle, power: off }
  - { group: tested, count: 1, carrier: soracom, plan: plan01s, device: idle, power: off,
      test-mode: true }
  - { group: later, count: 1, carrier: soracom, plan: plan01s, device: idle, power: off }
timeline:
  - { at: 1d, power-on: { group: plain } }
  - { at: 1d, power-on: { group: tested } }
  - { at: 1d, test-mode: { group: later, enabled: true } }
  - { at: 2d, power-on: { group: later } }
)"),
                         "3d");
  CHECK(r.Changes(r.Sim("plain")) == Strings{"ready>active:device-attach"});
  CHECK(r.Changes(r.Sim("tested")) == Strings{"ready>testing:device-attach"});
  CHECK(r.Changes(r.Sim("later")) == Strings{"ready>testing:device-attach"});
  for (const char* g : {"plain", "tested", "later"}) {
    CHECK(r.Fees(r.Sim(g), FeeCategory::kReactivation) == 0);
  }
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Fees(r.Sim("plain"), FeeCategory::kBasic) == 2 * BasicRate(p, "plan01s", "active"));
  CHECK(r.Fees(r.Sim("tested")) == 0);  // testing has no basic fee
}

TEST_CASE("SOR-3: active allows data and SMS, session status is separate", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: tracker, status: active }
timeline:
  - { at: 12h, send-command: { group: g } }
  - { at: 1d, power-off: { group: g } }
  - { at: 2d, power-on: { group: g } }
)"),
                         "3d");
  const SimId sim = r.Sim("g");
  CHECK(r.Path(sim) == Strings{"active"});          // a device off leaves the SIM active (offline)
  CHECK(r.world->recorder().actions()[0].applied == 1);  // SMS command accepted
  CHECK(r.world->network().online(sim) == 1);
  CHECK(r.world->network().online_ms(sim) == 2 * kDay);  // offline for a day
  // Online or not, an active SIM pays its daily fee: three days.
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 3 * BasicRate(p, "plan01s", "active"));
  // Two days online, one 1 KB send an hour: 48 KB of data at the per-MB rate (48/1024 MB).
  CHECK(r.world->network().uplink_bytes(sim) == 48 * 1024);
  const int64_t per_mb = p.plans[*p.FindPlan("plan01s")].tariff.usage.per_mb.micros;
  CHECK(r.Fees(sim, FeeCategory::kUsage) == 48 * per_mb / 1024);
  CHECK(r.Fees(sim) == 3 * BasicRate(p, "plan01s", "active") + 48 * per_mb / 1024);
}

TEST_CASE("SOR-4: inactive refuses data and usage fees, keeps SMS and the basic fee",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: tracker, status: active }
timeline:
  - { at: 5d, deactivate: { group: g } }
  - { at: 6d, send-command: { group: g } }
)"),
                         "10d");
  const SimId sim = r.Sim("g");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Changes(sim) == Strings{"active>inactive:api"});
  // Basic fee for all ten days, as if active.
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 10 * BasicRate(p, "plan01s", "active"));
  // Data flowed only while active: sends in the first five days.
  const int64_t bytes = r.world->network().uplink_bytes(sim);
  CHECK(bytes >= 119 * 1024);
  CHECK(bytes <= 120 * 1024);
  const int64_t per_mb = p.plans[*p.FindPlan("plan01s")].tariff.usage.per_mb.micros;
  CHECK(r.Fees(sim, FeeCategory::kUsage) == (bytes * per_mb + (1 << 19)) >> 20);
  // The device is not told to stop: it stays attached, only its data session is gone.
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
  CHECK(r.world->network().online(sim) == 0);
  CHECK(r.world->recorder().actions()[1].applied == 1);  // SMS still works
}

TEST_CASE("SOR-5: standby is free and reactivates itself on attach, for a fee",
          "[rules][soracom]") {
  // The catalogue's example: active 10 days, in standby 400 days, then attached.
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active }
timeline:
  - { at: 10d, power-off: { group: g } }
  - { at: 10d, set-to-standby: { group: g } }
  - { at: 410d, power-on: { group: g } }
)"),
                         "420d");
  const SimId sim = r.Sim("g");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Changes(sim) == Strings{"active>standby:api", "standby>active:device-attach"});
  CHECK(r.Fees(sim, FeeCategory::kReactivation) == TransitionPrice(p, "plan01s", "reactivation"));
  CHECK(r.Fees(sim, FeeCategory::kRenewal) == RenewalPrice(p, "plan01s"));  // 400 days > 1 year
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 20 * BasicRate(p, "plan01s", "active"));
  REQUIRE(r.Lines(sim, FeeCategory::kRenewal).size() == 1);
  CHECK(r.Lines(sim, FeeCategory::kRenewal)[0].time == 10 * kDay + 365 * kDay);
}

TEST_CASE("SOR-5: a device left on reactivates a SIM set to standby at once", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active }
timeline:
  - { at: 10d, set-to-standby: { group: g } }
)"),
                         "20d");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) == Strings{"active>standby:api", "standby>active:device-attach"});
  CHECK(r.Fees(sim, FeeCategory::kReactivation) ==
        TransitionPrice(r.Profile("soracom"), "plan01s", "reactivation"));
}

TEST_CASE("SOR-5: no reactivation fee on plan-US and planX3-EU", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: us, count: 1, carrier: soracom, plan: plan-US, device: idle, status: active,
      power: off }
  - { group: eu, count: 1, carrier: soracom, plan: planX3-EU, device: idle, status: active,
      power: off }
  - { group: s, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off }
timeline:
  - { at: 5d, set-to-standby: { group: us } }
  - { at: 5d, set-to-standby: { group: eu } }
  - { at: 5d, set-to-standby: { group: s } }
  - { at: 10d, activate: { group: us } }
  - { at: 10d, activate: { group: eu } }
  - { at: 10d, activate: { group: s } }
)"),
                         "20d");
  const CarrierProfile& p = r.Profile("soracom");
  for (const char* group : {"us", "eu", "s"}) {
    CHECK(r.Changes(r.Sim(group)) == Strings{"active>standby:api", "standby>active:api"});
  }
  CHECK(r.Fees(r.Sim("us"), FeeCategory::kReactivation) == 0);
  CHECK(r.Fees(r.Sim("eu"), FeeCategory::kReactivation) == 0);
  CHECK(r.Fees(r.Sim("s"), FeeCategory::kReactivation) ==
        TransitionPrice(p, "plan01s", "reactivation"));
  // Monthly plans pay January once; plan01s pays its 15 active days.
  CHECK(r.Fees(r.Sim("us")) == BasicRate(p, "plan-US", "active"));
  CHECK(r.Fees(r.Sim("eu")) == BasicRate(p, "planX3-EU", "active"));
  CHECK(r.Fees(r.Sim("s"), FeeCategory::kBasic) == 15 * BasicRate(p, "plan01s", "active"));
}

TEST_CASE("SOR-5: plan-D, plan-DU, plan-K and plan-K2 refuse standby", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: d, count: 1, carrier: soracom, plan: plan-D, device: idle, status: active,
      power: off }
  - { group: du, count: 1, carrier: soracom, plan: plan-DU, device: idle, status: active,
      power: off }
  - { group: k, count: 1, carrier: soracom, plan: plan-K, device: idle, status: active,
      power: off }
  - { group: k2, count: 1, carrier: soracom, plan: plan-K2, device: idle, status: active,
      power: off }
  - { group: km1, count: 1, carrier: soracom, plan: plan-KM1, device: idle, status: active,
      power: off }
timeline:
  - { at: 5d, set-to-standby: { group: d } }
  - { at: 5d, set-to-standby: { group: du } }
  - { at: 5d, set-to-standby: { group: k } }
  - { at: 5d, set-to-standby: { group: k2 } }
  - { at: 5d, set-to-standby: { group: km1 } }
)"),
                         "20d", "JPY");
  const CarrierProfile& p = r.Profile("soracom");
  for (int action = 0; action < 4; ++action) {
    const ActionOutcome& refused = r.world->recorder().actions()[static_cast<size_t>(action)];
    CHECK(refused.refused == 1);
    CHECK(refused.applied == 0);
    REQUIRE(refused.refusals.size() == 1);
    CHECK(refused.refusals.begin()->first ==
          "plan-D, plan-DU, plan-K and plan-K2 subscriptions do not support standby");
  }
  for (const char* group : {"d", "du", "k", "k2"}) CHECK(r.Changes(r.Sim(group)).empty());
  // They stay active and pay for it: 20 days on the daily plans, January on the monthly ones.
  CHECK(r.Fees(r.Sim("d")) == 20 * BasicRate(p, "plan-D", "active"));
  CHECK(r.Fees(r.Sim("k")) == 20 * BasicRate(p, "plan-K", "active"));
  CHECK(r.Fees(r.Sim("du")) == BasicRate(p, "plan-DU", "active"));
  CHECK(r.Fees(r.Sim("k2")) == BasicRate(p, "plan-K2", "active"));
  // plan-KM1 supports standby: it goes, and its month of January is still paid (SOR-11).
  CHECK(r.Changes(r.Sim("km1")) == Strings{"active>standby:api"});
  CHECK(r.Fees(r.Sim("km1")) == BasicRate(p, "plan-KM1", "active"));
}

TEST_CASE("SOR-5: a SIM in standby cannot change to a plan without standby", "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan-KM1, device: idle, status: standby,
      power: off }
timeline:
  - { at: 5d, change-plan: { group: g, plan: plan-D } }
  - { at: 6d, change-plan: { group: g, plan: plan-K2 } }
  - { at: 7d, activate: { group: g } }
  - { at: 8d, change-plan: { group: g, plan: plan-D } }
)"),
                         "20d", "JPY");
  const CarrierProfile& p = r.Profile("soracom");
  for (size_t action : {0u, 1u}) {
    const ActionOutcome& refused = r.world->recorder().actions()[action];
    CHECK(refused.refused == 1);
    REQUIRE(refused.refusals.size() == 1);
    CHECK(refused.refusals.begin()->first ==
          "plan-D, plan-DU, plan-K and plan-K2 subscriptions do not support standby");
  }
  CHECK(r.world->recorder().actions()[3].applied == 1);  // active: plan-D takes it
  const SimId sim = r.Sim("g");
  CHECK(p.plans[r.world->network().plan(sim)].name == "plan-D");
  CHECK(r.Changes(sim) == Strings{"standby>active:api"});
  // Reactivated on plan-KM1 (its fee); January's KM1 month, then plan-D's 12 active days.
  CHECK(r.Fees(sim, FeeCategory::kReactivation) == TransitionPrice(p, "plan-KM1", "reactivation"));
  CHECK(r.Fees(sim, FeeCategory::kBasic) ==
        BasicRate(p, "plan-KM1", "active") + 12 * BasicRate(p, "plan-D", "active"));
}

TEST_CASE("SOR-6: suspended is unbilled, permanently rejects, and needs a power cycle",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active }
timeline:
  - { at: 10d, suspend: { group: g } }
  - { at: 20d, activate: { group: g } }
  - { at: 25d, power-cycle: { group: g } }
)"));
  const SimId sim = r.Sim("g");
  const CarrierProfile& p = r.Profile("soracom");
  CHECK(r.Changes(sim) == Strings{"active>suspended:api", "suspended>active:api"});
  // Jan 1..10 and Jan 21..30: nothing while suspended, and the day of reactivation counts.
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 20 * BasicRate(p, "plan01s", "active"));
  CHECK(r.Fees(sim, FeeCategory::kReactivation) == TransitionPrice(p, "plan01s", "reactivation"));
  // Attached at 0, re-attached and rejected at 10d, silent until the power cycle at 25d.
  CHECK(r.world->devices().attach_attempts(sim) == 3);
  CHECK(r.world->recorder().signaling().total.rejects_by_cause[kCauseEpsNotAllowed] == 1);
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
}

TEST_CASE("SOR-7: a suspended SIM whose device keeps attaching is force-reactivated",
          "[rules][soracom]") {
  // Standards-following devices stop at the permanent reject. To make one keep attaching here
  // the suspended status answers with a temporary cause (#17): the modem then retries by its
  // timers, past the storm threshold (lowered to 10 attempts in an hour).
  const Run r = Simulate(R"(carriers:
  soracom: { profile: soracom }
  stormy:
    profile: soracom
    overrides:
      statuses: { suspended: { attach: { reject: 17 } } }
      rules: { storm: { reaches: 11 } }
devices:
  idle: { boot: 0 }
fleet:
  - { group: quiet, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active }
  - { group: noisy, count: 1, carrier: stormy, plan: plan01s, device: idle, status: active }
timeline:
  - { at: 1d, suspend: { group: quiet } }
  - { at: 1d, suspend: { group: noisy } }
)");
  const CarrierProfile& p = r.Profile("soracom");
  const int64_t day = BasicRate(p, "plan01s", "active");
  CHECK(r.Changes(r.Sim("quiet")) == Strings{"active>suspended:api"});
  CHECK(r.Fees(r.Sim("quiet")) == 1 * day);  // only Jan 1, before the suspension
  const SimId noisy = r.Sim("noisy");
  CHECK(r.Changes(noisy) == Strings{"active>suspended:api", "suspended>active:storm"});
  REQUIRE(r.world->recorder().forced_reactivations().size() == 1);
  CHECK(r.world->recorder().forced_reactivations()[0].sim == noisy);
  // Attempt 11 after 1d: 5 tries T3411 apart, T3402, 5 more, T3402, then the 11th.
  CHECK(r.world->recorder().forced_reactivations()[0].time ==
        kDay + 4 * 10 * kSecond + 12 * kMinute + 4 * 10 * kSecond + 12 * kMinute);
  // Active fees from then on: Jan 1, and Jan 2..30 (the day of the storm counts).
  CHECK(r.Fees(noisy, FeeCategory::kBasic) == 30 * day);
  CHECK(r.Fees(noisy, FeeCategory::kReactivation) == TransitionPrice(p, "plan01s", "reactivation"));
}

TEST_CASE("SOR-8: terminated is final and free, protection refuses it, listings expire",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: old, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off }
  - { group: guarded, count: 1, carrier: soracom, plan: plan01s, device: idle, status: active,
      power: off, termination-protection: true }
timeline:
  - { at: 5d, terminate: { group: old } }
  - { at: 5d, terminate: { group: guarded } }
  - { at: 6d, activate: { group: old } }
  - { at: 7d, termination-protection: { group: guarded, enabled: false } }
  - { at: 8d, terminate: { group: guarded } }
)"),
                         "36d");
  const CarrierProfile& p = r.Profile("soracom");
  const int64_t day = BasicRate(p, "plan01s", "active");
  CHECK(r.Path(r.Sim("old")) == Strings{"active", "terminated"});
  CHECK(r.Fees(r.Sim("old")) == 5 * day);  // nothing after termination
  CHECK(r.world->recorder().actions()[1].refusals.count(
            "termination protection is enabled; disable it first") == 1);
  CHECK(r.world->recorder().actions()[2].refusals.count("activate is not allowed from terminated") == 1);
  CHECK(r.Path(r.Sim("guarded")) == Strings{"active", "terminated"});
  CHECK(r.Fees(r.Sim("guarded")) == 8 * day);
  // Retention 30 days: terminated at 5d is gone from the listing at 36d, at 8d not yet.
  CHECK_FALSE(r.result->Sim(r.Sim("old")).listed);
  CHECK(r.result->Sim(r.Sim("guarded")).listed);
}

TEST_CASE("SOR-9: every API verb changes the status and the history records it",
          "[rules][soracom]") {
  const Run r = Simulate(Soracom(R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: idle, power: off }
timeline:
  - { at: 1d, activate: { group: g } }
  - { at: 2d, deactivate: { group: g } }
  - { at: 3d, set-to-standby: { group: g } }
  - { at: 4d, suspend: { group: g } }
  - { at: 5d, activate: { group: g } }
  - { at: 6d, terminate: { group: g } }
)"),
                         "10d");
  const SimId sim = r.Sim("g");
  CHECK(r.Changes(sim) == Strings{"ready>active:api", "active>inactive:api", "inactive>standby:api",
                                  "standby>suspended:api", "suspended>active:api",
                                  "active>terminated:api"});
  std::vector<SimTime> times;
  for (const StatusChange& c : r.world->recorder().history().changes) times.push_back(c.time);
  CHECK(times == std::vector<SimTime>{kDay, 2 * kDay, 3 * kDay, 4 * kDay, 5 * kDay, 6 * kDay});
  const CarrierProfile& p = r.Profile("soracom");
  // Active or inactive on Jan 2, 3, 6: three days; one reactivation (suspended -> active).
  CHECK(r.Fees(sim, FeeCategory::kBasic) == 3 * BasicRate(p, "plan01s", "active"));
  CHECK(r.Fees(sim, FeeCategory::kReactivation) == TransitionPrice(p, "plan01s", "reactivation"));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
