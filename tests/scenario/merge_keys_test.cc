// YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`) in scenarios, carrier profile files and
// overrides, read as YAML 1.1 says, with errors where the merged keys are written; and overrides
// of what a profile shares through anchors, which change only what they name.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "simulator/scenario/scenario_loader.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("merge keys in a scenario: devices, fleet, timeline and expectations",
          "[loader][merge]") {
  const Scenario s = test::LoadValid(R"(name: m
start: 2026-01-01
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: &tracker
    boot: 5s..30s
    traffic: &traffic { every: 1h, uplink: 2KB, downlink: 512B }
    modem: { t3411: 15s }
  meter:
    <<: *tracker
    traffic: { <<: *traffic, every: 6h }
  careful:
    <<: [{ firmware: { preset: gsma-ts34 } }, *tracker]
    boot: 1s
fleet:
  - &group { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
  - { <<: *group, group: meters, device: meter, count: 5 }
timeline:
  - &suspend { at: 10d, suspend: { group: trackers, count: 3 } }
  - { <<: *suspend, at: 12d }
expect:
  - &active { metric: sims.active, group: trackers, "<=": 10 }
  - { <<: *active, group: meters }
)");
  REQUIRE(s.devices.size() == 3);
  const DeviceSpec& meter = s.devices[1];
  CHECK(meter.modem.boot.min == 5 * kSecond);
  CHECK(meter.modem.t3411 == 15 * kSecond);
  CHECK(meter.traffic.every == 6 * kHour);
  CHECK(meter.traffic.uplink.bytes == 2048);
  const DeviceSpec& careful = s.devices[2];
  CHECK(careful.firmware.preset == "gsma-ts34");
  CHECK(careful.modem.boot.max == kSecond);
  CHECK(careful.traffic.every == kHour);
  REQUIRE(s.groups.size() == 2);
  CHECK(s.groups[1].count == 5);
  CHECK(s.groups[1].device == 1);
  REQUIRE(s.timeline.size() == 2);
  CHECK(s.timeline[1].at == 12 * kDay);
  CHECK(s.timeline[1].text == "suspend 3 of trackers");
  REQUIRE(s.expectations.size() == 2);
  CHECK(s.expectations[1].scope.text == "group meters");
}

TEST_CASE("merged keys are checked where the anchor writes them", "[loader][merge]") {
  const std::vector<std::string> errors = test::LoadErrors(R"(name: m
start: 2026-01-01
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: &tracker
    traffic: { every: 1h, uplnk: 2KB }
  meter:
    <<: *tracker
    boot: 1s
    boot: 2s
  inline:
    <<: { boot: 1s, boot: 2s }
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
)");
  CHECK(errors == std::vector<std::string>{
                      "8:27: error: unknown key 'devices.tracker.traffic.uplnk' (did you mean "
                      "'uplink'?); expected 'commands-every', 'downlink', 'every', 'sms' or "
                      "'uplink'",
                      "8:27: error: unknown key 'devices.meter.traffic.uplnk' (did you mean "
                      "'uplink'?); expected 'commands-every', 'downlink', 'every', 'sms' or "
                      "'uplink'",
                      "12:5: error: duplicate key 'devices.meter.boot' (first defined at line 11)",
                      "14:21: error: duplicate key 'devices.inline.boot' (first defined at line "
                      "14)",
                  });
  // A '<<' that merges no mapping is refused with the file's other YAML problems.
  CHECK(test::LoadErrors("name: m\n<<: [1]\n") ==
        std::vector<std::string>{"2:6: error: '<<' merges a mapping (<<: *defaults) or a list of "
                                 "them (<<: [*a, *b]); this element of the list is '1'"});
}

// A profile whose plan 'b' merges plan 'a' and changes its basic fee; 'c' is an alias of 'a';
// 'd' repeats a's basic price through an alias of the text.
constexpr const char* kProfile = R"(carrier: acme
prices: Example prices for tests.
initial: live
statuses:
  live: { attach: accept, data: true }
plans:
  a: &a
    basic: { live: { price: &price 1 USD, per: month } }
    usage: &usage { per-mb: 0.10 USD }
  b:
    <<: *a
    basic: { live: { price: 2 USD, per: month } }
  c: *a
  d: { basic: { live: { price: *price, per: month } }, usage: *usage }
)";

struct Prices {
  int64_t basic, per_mb;
};

std::vector<Prices> PlanPrices(const std::string& overrides) {
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("acme.yaml"), kProfile));
  REQUIRE(test::WriteText(dir.File("s.yaml"), R"(name: m
start: 2026-01-01
duration: 30d
carriers:
  acme:
    profile: acme.yaml
)" + overrides + R"(devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: acme, plan: a, device: d }
)"));
  Diagnostics diag;
  const LoadResult result = LoadScenarioFile(dir.File("s.yaml"), diag);
  INFO(diag.ToText());
  REQUIRE(result.scenario.has_value());
  std::vector<Prices> prices;
  for (const PlanDef& plan : result.scenario->carriers[0].profile.plans) {
    prices.push_back({plan.tariff.basic[0].price.micros, plan.tariff.usage.per_mb.micros});
  }
  return prices;
}

TEST_CASE("a profile file merges plans, and an override changes only the plan it names",
          "[loader][merge]") {
  std::vector<Prices> p = PlanPrices("");
  REQUIRE(p.size() == 4);
  CHECK((p[0].basic == 1'000'000 && p[0].per_mb == 100'000));
  CHECK((p[1].basic == 2'000'000 && p[1].per_mb == 100'000));  // a's usage, its own basic
  CHECK((p[2].basic == 1'000'000 && p[2].per_mb == 100'000));
  // b's usage is a's node: overriding it for b leaves a (and c, an alias of a) as they were.
  p = PlanPrices("    overrides: { plans: { b: { usage: { per-mb: 0.50 USD } } } }\n");
  CHECK((p[0].per_mb == 100'000 && p[1].per_mb == 500'000 && p[2].per_mb == 100'000));
  // c is a itself, through an alias: overriding c leaves a, and overriding a leaves c.
  p = PlanPrices("    overrides: { plans: { c: { basic: { live: { price: 3 USD } } } } }\n");
  CHECK((p[0].basic == 1'000'000 && p[1].basic == 2'000'000 && p[2].basic == 3'000'000));
  p = PlanPrices(
      "    overrides: { plans: { a: { usage: { per-mb: 0.20 USD } }, c: { usage: "
      "{ per-mb: 0.30 USD } } } }\n");
  CHECK((p[0].per_mb == 200'000 && p[1].per_mb == 100'000 && p[2].per_mb == 300'000));
  // A value replaced outright, and the plans keep their order.
  p = PlanPrices(
      "    overrides: { plans: { b: { usage: { per-mb: 0.40 USD }, basic: { live: "
      "free } } } }\n");
  CHECK((p[0].basic == 1'000'000 && p[1].basic == 0 && p[1].per_mb == 400'000));
  // A shared text value: d's price is a's, through an alias.
  p = PlanPrices("    overrides: { plans: { d: { basic: { live: { price: 5 USD } } } } }\n");
  CHECK((p[0].basic == 1'000'000 && p[2].basic == 1'000'000 && p[3].basic == 5'000'000));
  CHECK(p[3].per_mb == 100'000);
}

TEST_CASE("merge keys in overrides", "[loader][merge]") {
  const Scenario s = test::LoadValid(R"(name: m
start: 2026-01-01
duration: 30d
carriers:
  cheap:
    profile: soracom
    overrides:
      plans:
        plan01s: &cheap { usage: { per-mb: 0.01 USD }, basic: { active: { price: 0.01 USD } } }
        planX3: { <<: *cheap, usage: { per-mb: 0.02 USD } }
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: cheap, plan: plan01s, device: d }
)");
  const CarrierProfile& p = s.carriers[0].profile;
  const Tariff& x3 = p.plans[*p.FindPlan("planX3")].tariff;
  CHECK(x3.usage.per_mb.micros == 20'000);
  CHECK(x3.usage.included == 3 * 1024 * 1024);  // the profile's, merged key by key
  CHECK(x3.basic[*p.FindStatus("active")].price.micros == 10'000);
  CHECK(p.plans[*p.FindPlan("plan01s")].tariff.usage.per_mb.micros == 10'000);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
