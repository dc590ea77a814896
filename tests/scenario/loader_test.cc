#include <catch2/catch.hpp>
#include <filesystem>

#include "simulator/base/calendar.h"
#include "simulator/scenario/scenario_loader.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr const char* kValid = R"(name: loader-test
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 42
currency: USD
carriers:
  soracom: { profile: soracom }
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 2KB, downlink: 512B }
    modem: { t3411: 15s, t3402: 20m, attempts-before-t3402: 3 }
  meter:
    traffic: { every: 1d, uplink: 1.5MB }
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
  - { group: meters, count: 1_000, carrier: soracom, plan: plan01s, device: meter,
      status: active, power: off }
timeline:
  - { at: 20d, activate: { group: trackers } }
  - { at: 2026-01-11T00:00:00Z, suspend: { group: trackers } }
  - { at: 20d 1h, power-cycle: { group: trackers } }
  - { at: 20d, power-on: { group: meters } }
)";

TEST_CASE("a valid scenario becomes a typed, resolved model", "[loader]") {
  const Scenario s = test::LoadValid(kValid);
  CHECK(s.name == "loader-test");
  CHECK(FormatTimestamp(s.start) == "2026-01-01T00:00:00Z");
  CHECK(s.duration == 30 * kDay);
  CHECK(s.seed == 42);
  CHECK(s.currency.str() == "USD");
  REQUIRE(s.carriers.size() == 1);
  CHECK(s.carriers[0].profile.name == "soracom");

  REQUIRE(s.devices.size() == 2);
  const DeviceSpec& tracker = s.devices[0];
  CHECK(tracker.modem.boot == DurationRange{5 * kSecond, 30 * kSecond});
  CHECK(tracker.modem.t3411 == 15 * kSecond);
  CHECK(tracker.modem.t3402 == 20 * kMinute);
  CHECK(tracker.modem.attempts_before_t3402 == 3);
  CHECK(tracker.traffic.every == kHour);
  CHECK(tracker.traffic.uplink.bytes == 2048);
  CHECK(tracker.traffic.downlink.bytes == 512);
  CHECK(s.devices[1].modem.boot == DurationRange{10 * kSecond, 10 * kSecond});  // default
  CHECK(s.devices[1].traffic.uplink.bytes == 1572864);

  REQUIRE(s.groups.size() == 2);
  CHECK(s.groups[0].first_sim == 0);
  CHECK(s.groups[1].first_sim == 10);
  CHECK(s.groups[1].count == 1000);
  CHECK(s.sim_count == 1010);
  const CarrierProfile& profile = s.carriers[0].profile;
  CHECK(s.groups[0].status == profile.initial);
  CHECK(profile.statuses[s.groups[1].status].name == "active");
  CHECK(s.groups[0].powered);
  CHECK_FALSE(s.groups[1].powered);

  // Sorted by time, file order kept among equal times; dates are turned into offsets.
  REQUIRE(s.timeline.size() == 4);
  CHECK(s.timeline[0].at == 10 * kDay);
  CHECK(s.timeline[0].text == "suspend trackers");
  CHECK(s.timeline[1].text == "activate trackers");
  CHECK(s.timeline[2].text == "power-on meters");
  CHECK(s.timeline[2].kind == ActionKind::kPowerOn);
  CHECK(s.timeline[3].at == 20 * kDay + kHour);
  CHECK(s.timeline[3].kind == ActionKind::kPowerCycle);
  CHECK(s.timeline[3].line == 22);
}

TEST_CASE("errors point at the exact line and column, all in one pass", "[loader]") {
  const std::vector<std::string> errors = test::LoadErrors(R"(name: t
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker:
    traffic: { every: 1h, uplnk: 2KB }
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
  - { group: spares, count: 2, carrier: kore, plan: plan01s, device: tracker }
timeline:
  - { at: 5d, activat: { group: trackers } }
  - { at: 6d, suspend: { group: spares } }
  - { at: 7d }
)");
  CHECK(errors == std::vector<std::string>{
                      "8:27: error: unknown key 'devices.tracker.traffic.uplnk' (did you mean "
                      "'uplink'?); expected 'commands-every', 'downlink', 'every', 'sms' or 'uplink'",
                      "11:41: error: fleet[1].carrier: no carrier 'kore' in this scenario; "
                      "defined: 'soracom'",
                      "13:15: error: timeline[0].activat: unknown action 'activat' (did you "
                      "mean 'activate'?) for group 'trackers' on carrier 'soracom'; its actions "
                      "are 'activate', 'deactivate', 'set-to-standby', 'suspend', 'terminate', "
                      "'power-on', 'power-off', 'power-cycle', 'reinsert-sim', 'change-plan', 'test-mode', "
                      "'termination-protection', 'usage-limit', 'send-command', "
                      "'terminate-account', 'cell-outage' or 'core-outage'",
                      "15:5: error: timeline[2]: no action: add one such as 'suspend: { group: "
                      "NAME }'",
                  });
}

TEST_CASE("a plan priced in another currency than the scenario's is refused", "[loader]") {
  const std::vector<std::string> errors = test::LoadErrors(R"(name: t
start: 2026-01-01
duration: 30d
currency: EUR
carriers:
  soracom: { profile: soracom }
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan-D, device: d }
)");
  CHECK(errors == std::vector<std::string>{
                      "10:51: error: fleet[0].plan: plan 'plan-D' is priced in JPY but the "
                      "scenario reports in EUR: set 'currency: JPY' or override the plan's "
                      "prices"});
}

TEST_CASE("an empty value is reported at its key", "[loader]") {
  const std::vector<std::string> errors = test::LoadErrors(R"(name: t
start:
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: {}
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
)");
  CHECK(errors == std::vector<std::string>{
                      "2:1: error: start: expected a UTC date-time such as 2026-01-01T00:00:00Z, "
                      "got nothing"});
}

TEST_CASE("a custom carrier profile is read relative to the scenario file", "[loader]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.File("carriers"));
  std::string profile = test::ReadText(test::SourcePath("scenarios/carriers/soracom.yaml"));
  profile.replace(profile.find("carrier: soracom"), 16, "carrier: my-carrier");
  REQUIRE(test::WriteText(dir.File("carriers/mine.yaml"), profile));
  REQUIRE(test::WriteText(dir.File("s.yaml"), R"(name: custom
start: 2026-01-01
duration: 1d
carriers:
  mine: { profile: carriers/mine.yaml }
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: mine, plan: plan01s, device: d }
)"));
  Diagnostics diag;
  const LoadResult result = LoadScenarioFile(dir.File("s.yaml"), diag);
  INFO(diag.ToText());
  REQUIRE(result.scenario.has_value());
  CHECK(result.scenario->carriers[0].profile.name == "my-carrier");

  REQUIRE(test::WriteText(dir.File("missing.yaml"), R"(name: custom
start: 2026-01-01
duration: 1d
carriers:
  mine: { profile: carriers/nope.yaml }
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: mine, plan: plan01s, device: d }
)"));
  Diagnostics missing;
  const LoadResult unreadable = LoadScenarioFile(dir.File("missing.yaml"), missing);
  CHECK_FALSE(unreadable.scenario.has_value());
  CHECK(unreadable.io_error);  // a file that cannot be read: exit 4, not 3
  CHECK(test::Cli({"validate", dir.File("missing.yaml")}).code == 4);
  CHECK(missing.ToText() == dir.File("missing.yaml") +
                                ":5:20: error: carriers.mine.profile: cannot read carrier "
                                "profile '" +
                                dir.File("carriers/nope.yaml") + "': no such file\n");
}

TEST_CASE("a missing scenario file is an I/O error, not an invalid scenario", "[loader]") {
  Diagnostics diag;
  const LoadResult result = LoadScenarioFile("/nonexistent/scenario.yaml", diag);
  CHECK(result.io_error);
  CHECK(diag.ToText() == "/nonexistent/scenario.yaml: error: cannot read scenario: no such file\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr const char* kOverrideHead = R"(name: o
start: 2026-01-01
duration: 30d
carriers:
  soracom:
    profile: soracom
    overrides:
)";
constexpr const char* kOverrideTail = R"(devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: d }
)";

TEST_CASE("a scenario overrides a built-in profile's prices and thresholds", "[loader]") {
  const Scenario s = test::LoadValid(std::string(kOverrideHead) + R"(      plans:
        plan01s:
          basic: { active: { price: 0.10 USD } }
          renewal: { after: 2 years }
      rules: { testing-period: { reaches: 7d } }
      counters: { attach-attempts: { window: 2h } }
)" + kOverrideTail);
  const CarrierProfile& p = s.carriers[0].profile;
  const Tariff& t = p.plans[*p.FindPlan("plan01s")].tariff;
  CHECK(t.basic[*p.FindStatus("active")].price.micros == 100'000);
  CHECK(t.basic[*p.FindStatus("inactive")].price.micros == 60'000);  // untouched
  CHECK(t.renewal.after == CalendarSpan{24, 0});
  const auto period = std::find_if(p.rules.begin(), p.rules.end(),
                                   [](const RuleDef& r) { return r.name == "testing-period"; });
  REQUIRE(period != p.rules.end());
  CHECK(period->threshold.span == CalendarSpan{0, 7 * kDay});
  CHECK(period->to == *p.FindStatus("active"));  // untouched
  CHECK(p.counters[*p.FindCounter("attach-attempts")].window == 2 * kHour);
}

TEST_CASE("an override may price what the profile leaves free, and add fees and allowances",
          "[loader]") {
  const Scenario s = test::LoadValid(std::string(kOverrideHead) + R"(      plans:
        plan01s:
          basic: { standby: { price: 0.01 USD, per: day }, active: free }
          usage: { included: 1MB }
        plan-US:
          transitions:
            reactivation: { from: [standby, suspended], to: [active], price: 0.75 USD }
)" + kOverrideTail);
  const CarrierProfile& p = s.carriers[0].profile;
  const Tariff& t = p.plans[*p.FindPlan("plan01s")].tariff;
  CHECK(t.basic[*p.FindStatus("standby")].charged);
  CHECK(t.basic[*p.FindStatus("standby")].price.micros == 10'000);
  CHECK_FALSE(t.basic[*p.FindStatus("active")].charged);
  CHECK(t.usage.included == 1024 * 1024);
  const Tariff& us = p.plans[*p.FindPlan("plan-US")].tariff;
  REQUIRE(us.transitions.size() == 1);
  CHECK(us.transitions[0].category == FeeCategory::kReactivation);
  CHECK(us.transitions[0].price.micros == 750'000);
}

TEST_CASE("an override cannot add a plan, status or verb by a misspelt name", "[loader]") {
  const std::vector<std::string> errors =
      test::LoadErrors(std::string(kOverrideHead) + R"(      plans:
        plan01z: { basic: { active: free } }
      verbs:
        suspnd: { to: standby }
      rules: { strom: { reaches: 5 }, storm: { in: [suspnded] } }
)" + kOverrideTail);
  CHECK(errors ==
        std::vector<std::string>{
            "9:9: error: carriers.soracom.overrides.plans.plan01z: no 'plan01z' to override in "
            "the profile (did you mean 'plan01s'?); it has 'plan01s', 'plan01s-LDV', 'planX3', "
            "'planX3-EU', 'plan-US', 'plan-D', 'plan-K', 'plan-K2', 'plan-DU' or 'plan-KM1'",
            "11:9: error: carriers.soracom.overrides.verbs.suspnd: no 'suspnd' to override in "
            "the profile (did you mean 'suspend'?); it has 'activate', 'deactivate', "
            "'set-to-standby', 'suspend' or 'terminate'",
            "12:16: error: carriers.soracom.overrides.rules.strom: no 'strom' to override in "
            "the profile (did you mean 'storm'?); it has 'test-on-attach', "
            "'activate-on-attach', 'testing-period', 'testing-volume' or 'storm'",
            // Inside a list the override replaced: still the scenario's position.
            "12:53: error: rules.storm.in[0]: no status 'suspnded' in this profile (did you "
            "mean 'suspended'?); statuses are 'ready', 'testing', 'active', 'inactive', "
            "'standby', 'suspended' or 'terminated'"});
}

TEST_CASE("overrides are checked against the profile, with the scenario's positions", "[loader]") {
  const std::vector<std::string> errors =
      test::LoadErrors(std::string(kOverrideHead) + R"(      plans:
        plan01s:
          basic: { actve: { price: 0.10 USD } }
          renewal: { price: -1 USD, after: { years: 2 } }
      rulez: { storm: { reaches: 5 } }
)" + kOverrideTail);
  CHECK(errors == std::vector<std::string>{
                      "10:20: error: plans.plan01s.basic.actve: no status 'actve' in this profile "
                      "(did you mean 'active'?); statuses are 'ready', 'testing', 'active', "
                      "'inactive', 'standby', 'suspended' or 'terminated'",
                      "11:29: error: plans.plan01s.renewal.price: amount '-1 USD' is negative; "
                      "prices cannot be negative",
                      "11:44: error: plans.plan01s.renewal.after: expected text, got a mapping",
                      "12:7: error: unknown key 'rulez' (did you mean 'rules'?); expected "
                      "'account-termination', 'api', 'carrier', 'counters', 'description', "
                      "'initial', 'network', 'plans', 'prices', 'rules', 'statuses', 'storm', 'title', "
                      "'usage-limit' or 'verbs'"});
  // A value of the wrong form is reported where the scenario wrote it.
  const std::vector<std::string> value =
      test::LoadErrors(std::string(kOverrideHead) + R"(      plans:
        plan01s:
          renewal: { price: -1 USD }
)" + kOverrideTail);
  CHECK(value == std::vector<std::string>{
                     "10:29: error: plans.plan01s.renewal.price: amount '-1 USD' is negative; "
                     "prices cannot be negative"});
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
