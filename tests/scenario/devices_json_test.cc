// summary.json's devices[]: the settings each device profile ran with, after presets and the
// defaults of scenarios/README.md's firmware table, one test per column of that table.
#include "reports/devices_json.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using Json = nlohmann::ordered_json;

Json Devices(const std::string& devices, const std::string& fleet_extra = "") {
  const Scenario s = test::LoadValid(R"(name: d
start: 2026-01-01
duration: 1d
carriers:
  soracom: { profile: soracom }
devices:
)" + devices + R"(fleet:
  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: plain }
)" + fleet_extra);
  return DevicesJson(s);
}

TEST_CASE("devices in summary.json: the modem preset and the modem's defaults", "[reports]") {
  const Json d = Devices("  plain: {}\n");
  REQUIRE(d.size() == 1);
  CHECK(
      d[0].dump() ==
      R"({"device":"plain","modem":{"boot":"10s","attach_time":"0","t3411":"10s","t3402":"12m",)"
      R"("attempts_before_t3402":5,"t3410":"15s","loss_detection":"0..1m","no_cell":"retry",)"
      R"("cell_search":"0..30s","rat":"lte-m"},"firmware":{"preset":"modem","retry":{"policy":)"
      R"("modem"},"max_attempts":0,"reboot_after_failures":0,"reboot_after_no_service":"0",)"
      R"("reboot_backoff":{"initial":"0","multiplier":1,"cap":"0","jitter":"none"},)"
      R"("pdn_retry":{"initial":"1m","multiplier":1,"cap":"30m"},"permanent_reject":"respect"}})");
}

TEST_CASE("devices in summary.json: the gsma-ts34 and naive presets", "[reports]") {
  const Json d = Devices(R"(  plain: { firmware: { preset: gsma-ts34 } }
  naive: { boot: 2s, firmware: { preset: naive } }
)");
  REQUIRE(d.size() == 2);
  const Json& ts34 = d[0]["firmware"];
  CHECK(ts34["preset"] == "gsma-ts34");
  CHECK(ts34["retry"].dump() ==
        R"({"policy":"exponential","initial":"1m","multiplier":2,"cap":"30m","jitter":"equal"})");
  CHECK(ts34["permanent_reject"] == "respect");
  CHECK(ts34["reboot_after_failures"] == 0);
  const Json& naive = d[1]["firmware"];
  CHECK(naive["retry"].dump() == R"({"policy":"fixed","interval":"5s"})");
  CHECK(naive["reboot_after_failures"] == 1);
  CHECK(naive["permanent_reject"] == "reboot");
  CHECK(naive["reboot_backoff"].dump() ==
        R"({"initial":"0","multiplier":1,"cap":"0","jitter":"none"})");
  CHECK(d[1]["modem"]["boot"] == "2s");
}

TEST_CASE("devices in summary.json: the defaults of what a scenario chooses or writes in part",
          "[reports]") {
  const Json d = Devices(R"(  plain:
    modem: { t3411: 20s, attempts-before-t3402: 3, no-cell: search, rat: nb-iot, loss-detection: 5s }
    firmware:
      preset: gsma-ts34
      retry: fixed
      max-attempts: 7
      reboot-after-failures: 4
      reboot-after-no-service: 2h
      reboot-backoff: { initial: 1m }
      pdn-retry: { multiplier: 1.5 }
  expo: { firmware: { retry: exponential, initial: 1h } }
  fixed: { firmware: { retry: fixed, interval: 45s, permanent-reject: retry } }
)");
  REQUIRE(d.size() == 3);
  const Json& plain = d[0]["firmware"];
  CHECK(plain["preset"] == "gsma-ts34");  // where the values started
  CHECK(plain["retry"].dump() == R"({"policy":"fixed","interval":"30s"})");
  CHECK(plain["max_attempts"] == 7);
  CHECK(plain["reboot_after_failures"] == 4);
  CHECK(plain["reboot_after_no_service"] == "2h");
  CHECK(plain["reboot_backoff"].dump() ==
        R"({"initial":"1m","multiplier":2,"cap":"1h","jitter":"none"})");
  CHECK(plain["pdn_retry"].dump() == R"({"initial":"1m","multiplier":1.5,"cap":"30m"})");
  CHECK(d[0]["modem"]["t3411"] == "20s");
  CHECK(d[0]["modem"]["attempts_before_t3402"] == 3);
  CHECK(d[0]["modem"]["no_cell"] == "search");
  CHECK(d[0]["modem"]["rat"] == "nb-iot");
  CHECK(d[0]["modem"]["loss_detection"] == "5s");
  // The exponential policy's defaults; a cap left out below the initial wait becomes it.
  CHECK(d[1]["firmware"]["retry"].dump() ==
        R"({"policy":"exponential","initial":"1h","multiplier":2,"cap":"1h","jitter":"none"})");
  CHECK(d[2]["firmware"]["retry"].dump() == R"({"policy":"fixed","interval":"45s"})");
  CHECK(d[2]["firmware"]["permanent_reject"] == "retry");
}

TEST_CASE("devices in summary.json: a profile external firmware drives appears with its modem",
          "[reports]") {
  const Json d = Devices("  plain: { firmware: { preset: naive }, boot: 2s }\n",
                         "  - { group: lab, count: 1, carrier: soracom, plan: plan01s, device: "
                         "plain, firmware: external }\n");
  REQUIRE(d.size() == 2);
  CHECK(d[0]["firmware"]["preset"] == "naive");
  CHECK(d[1]["device"] == "plain");
  CHECK(d[1]["firmware"]["preset"] == "external");
  CHECK(d[1]["firmware"]["retry"]["policy"] == "modem");
  CHECK(d[1]["modem"]["boot"] == "2s");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
