// DEV-2 and DEV-4: firmware reconnect policies on top of the modem, and what they cost in
// signaling, battery and, through SOR-7 storms, money.
#include <catch2/catch.hpp>

#include "devices/firmware.h"
#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// One always-on device with `firmware` on soracom, plus `timeline`.
std::string Device(const std::string& firmware, const std::string& timeline,
                   const std::string& status = "active") {
  return R"(carriers:
  soracom: { profile: soracom }
devices:
  unit: { boot: 10s, modem: { loss-detection: 0s }, firmware: )" + firmware + R"( }
network:
  cells:
    - { name: metro }
fleet:
  - { group: units, count: 1, carrier: soracom, plan: plan01s, device: unit, status: )" +
         status + R"( }
timeline:
)" + timeline;
}

}  // namespace

TEST_CASE("DEV-2 SOR-7: rebooting after each reject storms a suspended SIM back to active, "
          "gsma-ts34 keeps it suspended and unbilled",
          "[rules][firmware][soracom]") {
  const std::string timeline = "  - { at: 1d, suspend: { group: units } }\n";
  const Run naive = Simulate(Device("{ preset: naive }", timeline));
  const Run gsma = Simulate(Device("{ preset: gsma-ts34 }", timeline));
  const CarrierProfile& p = naive.Profile("soracom");
  const int64_t day = BasicRate(p, "plan01s", "active");

  // Naive: detached at 1d, it attaches at once (#7), reboots (10 s boot), attaches (#7), ...
  // The profile's storm threshold is 30 attempts in an hour: the 31st, 300 s in, wins.
  const SimId n = naive.Sim("units");
  CHECK(naive.Changes(n) == Strings{"active>suspended:api", "suspended>active:storm"});
  REQUIRE(naive.world->recorder().forced_reactivations().size() == 1);
  CHECK(naive.world->recorder().forced_reactivations()[0].time == kDay + 300 * kSecond);
  CHECK(naive.world->devices().reboots(n) == 30);
  CHECK(naive.world->devices().modem(n) == ModemState::kRegistered);
  // Billed as active from that moment: Jan 1, then Jan 2..30, and a reactivation fee.
  CHECK(naive.Fees(n, FeeCategory::kBasic) == 30 * day);
  CHECK(naive.Fees(n, FeeCategory::kReactivation) == TransitionPrice(p, "plan01s", "reactivation"));

  // gsma-ts34 stops at the permanent reject: one attempt, suspended, nothing billed after Jan 1.
  const SimId g = gsma.Sim("units");
  CHECK(gsma.Changes(g) == Strings{"active>suspended:api"});
  CHECK(gsma.world->recorder().forced_reactivations().empty());
  CHECK(gsma.world->devices().attach_attempts(g) == 2);  // at boot, and the one after the detach
  CHECK(gsma.world->devices().modem(g) == ModemState::kSimInvalid);
  CHECK(gsma.Fees(g) == 1 * day);
}

TEST_CASE("DEV-1 SOR-6: a suspended then reactivated device stays offline until power-cycled",
          "[rules][firmware][soracom]") {
  const Run r = Simulate(Device("{ preset: gsma-ts34 }",
                                "  - { at: 1d, suspend: { group: units } }\n"
                                "  - { at: 2d, activate: { group: units } }\n"
                                "  - { at: 5d, power-cycle: { group: units } }\n"));
  const SimId sim = r.Sim("units");
  // Between the reactivation and the power cycle the modem held its SIM invalid: no attempt.
  CHECK(r.world->devices().attach_attempts(sim) == 3);  // boot, after the detach, after the cycle
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
  const MassEvent& cycle = r.world->recorder().recovery().events().back();
  REQUIRE(cycle.back.size() == 1);
  CHECK(cycle.back[0] == 10 * kSecond);  // the boot
  // Offline from 1d to 5d + 10 s.
  CHECK(r.world->network().online_ms(sim) ==
        (kDay - 10 * kSecond) + (30 * kDay - 5 * kDay - 10 * kSecond));
}

TEST_CASE("NET-1: re-inserting the SIM clears the invalid SIM as a power cycle does",
          "[rules][firmware][soracom]") {
  const Run r = Simulate(Device("{ preset: gsma-ts34 }",
                                "  - { at: 1d, suspend: { group: units } }\n"
                                "  - { at: 2d, activate: { group: units } }\n"
                                "  - { at: 5d, reinsert-sim: { group: units } }\n"
                                "  - { at: 6d, reinsert-sim: { group: units } }\n"));
  const SimId sim = r.Sim("units");
  CHECK(r.world->recorder().actions()[2].applied == 1);
  CHECK(r.world->devices().attach_attempts(sim) == 4);  // boot, after the detach, after each re-insert
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
  // Offline from 1d to 5d + 10 s (the modem reads the SIM for its boot time), and for the boot
  // time of the second re-insertion.
  CHECK(r.world->network().online_ms(sim) ==
        (kDay - 10 * kSecond) + (30 * kDay - 5 * kDay - 10 * kSecond) - 10 * kSecond);
}

TEST_CASE("DEV-2: exponential back-off grows by its multiplier up to its cap",
          "[rules][firmware]") {
  // In a 1h outage: tries at 0, 1, 3, 7, 15, 23, 31, 39, 47 and 55 min (waits 1, 2, 4, 8, 8, ...),
  // the next at 63 min: 3 min after the cell is back.
  const Run r = Simulate(
      Device("{ retry: exponential, initial: 1m, multiplier: 2, cap: 8m, jitter: none }",
             "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n"),
      "4h");
  const SimId sim = r.Sim("units");
  CHECK(r.world->devices().attach_attempts(sim) == 1 + 10 + 1);
  REQUIRE(r.world->recorder().recovery().events().back().back.size() == 1);
  CHECK(r.world->recorder().recovery().events().back().back[0] == 3 * kMinute);
}

TEST_CASE("DEV-2: a fixed interval, and giving up after the maximum attempts",
          "[rules][firmware]") {
  const Run r = Simulate(Device("{ retry: fixed, interval: 30s, max-attempts: 4 }",
                                "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n"
                                "  - { at: 3h, power-cycle: { group: units } }\n"),
                         "4h");
  const SimId sim = r.Sim("units");
  // Four failures (at 1h, +30 s, +60 s, +90 s), then nothing until the power cycle.
  CHECK(r.world->devices().attach_attempts(sim) == 1 + 4 + 1);
  CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
  const MassEvent& outage = r.world->recorder().recovery().events()[0];
  CHECK(outage.back.empty());  // it never came back by itself
}

TEST_CASE("DEV-2: reboot after N failures, with its own back-off, and after time without service",
          "[rules][firmware]") {
  SECTION("after N failures") {
    // Modem timers: 5 failures 10 s apart then T3402; the firmware reboots after every 3rd,
    // waiting 1 min before the first reboot, 2 min before the second (reboots in a row).
    const Run r = Simulate(
        Device("{ reboot-after-failures: 3, reboot-backoff: { initial: 1m, multiplier: 2, cap: "
               "10m } }",
               "  - { at: 1h, cell-outage: { cell: metro, for: 30m } }\n"),
        "4h");
    const SimId sim = r.Sim("units");
    // From 1h: fails at 0, 10 and 20 s -> reboot 1 min later (80 s), boot 10 s, fails at 90,
    // 100, 110 s -> reboot 2 min later (230 s), ... 4, 8, then 10 min (the cap) later. The cell
    // is back at 1800 s; the boot after the 2270 s reboot finds it.
    CHECK(r.world->devices().reboots(sim) == 6);  // at 80, 230, 500, 1010, 1640 and 2270 s
    REQUIRE(r.world->recorder().recovery().events()[0].back.size() == 1);
    CHECK(r.world->recorder().recovery().events()[0].back[0] == 2280 * kSecond - 30 * kMinute);
    CHECK(r.world->devices().reboots_in_row(sim) == 0);  // reset once it was back
    CHECK(r.world->devices().modem(sim) == ModemState::kRegistered);
  }
  SECTION("after time without service") {
    const Run r = Simulate(Device("{ reboot-after-no-service: 20m }",
                                  "  - { at: 1h, cell-outage: { cell: metro, for: 50m } }\n"),
                           "4h");
    const SimId sim = r.Sim("units");
    // Service lost at 1h: reboots at 1h20m and 1h40m (the watchdog restarts with each boot).
    CHECK(r.world->devices().reboots(sim) == 2);
  }
}

TEST_CASE("DEV-2: permanent-reject retry works around #7 and storms too", "[rules][firmware]") {
  const Run r = Simulate(Device("{ retry: fixed, interval: 30s, permanent-reject: retry }",
                                "  - { at: 1d, suspend: { group: units } }\n"));
  // 31 attempts 30 s apart from the detach at 1d: the storm comes 900 s in, without a reboot.
  REQUIRE(r.world->recorder().forced_reactivations().size() == 1);
  CHECK(r.world->recorder().forced_reactivations()[0].time == kDay + 900 * kSecond);
  CHECK(r.world->devices().reboots(r.Sim("units")) == 0);
}

TEST_CASE("DEV-4: the energy proxy counts radio time, attempts and reboots", "[rules][firmware]") {
  const Run r = Simulate(R"(carriers:
  soracom: { profile: soracom }
devices:
  unit: { boot: 10s, modem: { attach-time: 2s, loss-detection: 0s }, firmware: { preset: naive } }
fleet:
  - { group: units, count: 1, carrier: soracom, plan: plan01s, device: unit, status: active }
timeline:
  - { at: 1d, suspend: { group: units } }
)");
  const SimId sim = r.Sim("units");
  const Devices& f = r.world->devices();
  // Boot (10 s) and 2 s per attempt: the first attach, then 31 attempts and 30 reboots of the
  // storm (each attempt's answer now arrives 2 s after it).
  CHECK(f.attach_attempts(sim) == 32);
  CHECK(f.reboots(sim) == 30);
  CHECK(f.radio_ms(sim) == 10 * kSecond + 32 * 2 * kSecond + 30 * 10 * kSecond);
  CHECK(r.world->recorder().forced_reactivations()[0].time == kDay + 30 * 12 * kSecond);
}

TEST_CASE("DEV-2: back-off waits and their jitter", "[unit][firmware]") {
  RandomStream rng{42};
  SimTime previous = 0;
  const Backoff plain{kMinute, 2000, 10 * kMinute, Jitter::kNone};
  CHECK(BackoffWait(plain, 0, previous, rng) == kMinute);
  CHECK(BackoffWait(plain, 3, previous, rng) == 8 * kMinute);
  CHECK(BackoffWait(plain, 4, previous, rng) == 10 * kMinute);
  CHECK(BackoffWait(plain, 60, previous, rng) == 10 * kMinute);
  const Backoff half{10 * kSecond, 1500, kHour, Jitter::kNone};
  CHECK(BackoffWait(half, 2, previous, rng) == 22500);
  // A wait that stops growing below its cap (a multiplier of 1, or too small to add a
  // millisecond) stays what it is, however many failures in a row (and at once: the firmware
  // asks for it on every failure).
  CHECK(BackoffWait({kMinute, 1000, kHour, Jitter::kNone}, UINT32_MAX, previous, rng) == kMinute);
  CHECK(BackoffWait({1, 1001, kHour, Jitter::kNone}, UINT32_MAX, previous, rng) == 1);
  CHECK(BackoffWait({1000, 1001, kHour, Jitter::kNone}, 3, previous, rng) == 1003);
  for (int k = 0; k < 200; ++k) {
    const SimTime full = BackoffWait({kMinute, 2000, 10 * kMinute, Jitter::kFull}, 2, previous, rng);
    CHECK((full >= 0 && full <= 4 * kMinute));
    const SimTime equal =
        BackoffWait({kMinute, 2000, 10 * kMinute, Jitter::kEqual}, 2, previous, rng);
    CHECK((equal >= 2 * kMinute && equal <= 4 * kMinute));
    SimTime last = kMinute;
    const SimTime decorrelated =
        BackoffWait({kMinute, 2000, 10 * kMinute, Jitter::kDecorrelated}, 1, last, rng);
    CHECK((decorrelated >= kMinute && decorrelated <= 3 * kMinute));
    CHECK(last == decorrelated);
  }
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
