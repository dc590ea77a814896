// Expectations on each SIM (`per-sim:`), on status changes by cause and status, and on fees by
// invoice month and by the plan that billed them (scenarios/README.md, Expectations).
#include <catch2/catch.hpp>

#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Four trackers (1 KB an hour) suspended at 10d and reactivated at 20d; two idle SIMs that stay
// active. Then `expect`.
std::string Campaign(const std::string& expect) {
  return Soracom(R"(fleet:
  - { group: trackers, count: 4, carrier: soracom, plan: plan01s, device: tracker }
  - { group: idle, count: 2, carrier: soracom, plan: plan01s, device: idle }
timeline:
  - { at: 10d, suspend: { group: trackers } }
  - { at: 20d, activate: { group: trackers } }
expect:
)" + expect);
}

// Runs `body` and returns its expectations' results, each described for a failing CHECK.
std::vector<ExpectationResult> Results(const std::string& body, const std::string& duration) {
  return Simulate(body, duration).result->expectations();
}

}  // namespace

TEST_CASE("SOR-6: per-sim each checks that every SIM paid its reactivation fee", "[expect]") {
  const auto r = Results(Campaign(R"(
  - { metric: fees.reactivation, group: trackers, per-sim: each, "==": 0.50 USD }
  - { metric: fees.reactivation, per-sim: each, "==": 0.50 USD }
  - { metric: energy.attach_attempts, per-sim: each, "<=": 1 }
  - { metric: sims.suspended, group: trackers, at: 15d, per-sim: each, "==": 1 }
  - { metric: fees.total, plan: planX3, per-sim: each, "==": 0 USD }
)"),
                         "30d");
  REQUIRE(r.size() == 5);
  CHECK(r[0].passed);
  CHECK(r[0].actual_text == "all 4 SIMs");
  // The idle SIMs were never suspended: no reactivation. The failure names them.
  CHECK_FALSE(r[1].passed);
  CHECK(r[1].actual_text == "2 of 6 SIMs did not: idle#0 (0.00 USD), idle#1 (0.00 USD)");
  // Each tracker attached at boot and again after its suspension detached it, into the #7.
  CHECK_FALSE(r[2].passed);
  CHECK(r[2].actual_text ==
        "4 of 6 SIMs did not: trackers#0 (2), trackers#1 (2), trackers#2 (2), trackers#3 (2)");
  CHECK(r[3].passed);
  // No SIM is on planX3: `each` over nobody fails rather than passing for want of SIMs.
  CHECK_FALSE(r[4].passed);
  CHECK(r[4].actual_text == "no SIMs in the scope");
}

TEST_CASE("per-sim each names the first five SIMs that fail, and how many", "[expect]") {
  const auto r = Results(Soracom(R"(fleet:
  - { group: meters, count: 7, carrier: soracom, plan: plan01s, device: idle }
expect:
  - { metric: status_changes, per-sim: each, "==": 0 }
)"),
                         "1d");
  REQUIRE(r.size() == 1);
  CHECK_FALSE(r[0].passed);
  CHECK(r[0].actual_text ==
        "7 of 7 SIMs did not: meters#0 (1), meters#1 (1), meters#2 (1), meters#3 (1), "
        "meters#4 (1), ...");
}

TEST_CASE("per-sim min, max, mean and pNN compare a statistic over the SIMs", "[expect]") {
  // Reactivation fees per SIM: 0, 0 (idle) and 0.50 four times (trackers).
  const auto r = Results(Campaign(R"(
  - { metric: fees.reactivation, per-sim: min, "==": 0 USD }
  - { metric: fees.reactivation, per-sim: max, "==": 0.50 USD }
  - { metric: fees.reactivation, per-sim: mean, "==": 0.333333 USD }
  - { metric: fees.reactivation, per-sim: p33, "==": 0 USD }
  - { metric: fees.reactivation, per-sim: p34, "==": 0.50 USD }
  - { metric: energy.attach_attempts, per-sim: p50, "==": 2 }
  - { metric: usage.uplink, group: idle, per-sim: max, "==": 0 }
  - { metric: usage.uplink, group: trackers, per-sim: min, ">=": 239KB }
  - { metric: fees.total, plan: planX3, per-sim: mean, "==": 0 USD }
)"),
                         "30d");
  REQUIRE(r.size() == 9);
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
  // The mean is 2 USD / 6, rounded to the nearest millionth; the nearest rank of p33 is the
  // 2nd of 6 values (ceil 1.98), of p34 the 3rd (ceil 2.04).
  CHECK(r[2].actual_text == "0.333333 USD");
  CHECK(r[3].actual_text == "0.00 USD");
  CHECK(r[4].actual_text == "0.50 USD");
  CHECK_FALSE(r[8].passed);
  CHECK(r[8].actual_text == "no SIMs in the scope");
}

TEST_CASE("SOR-9: status changes are counted by cause and by the statuses left and entered",
          "[expect]") {
  // Trackers: ready > active by their attach, active > suspended and back by the API. Idle:
  // ready > active by their attach.
  const auto r = Results(Campaign(R"(
  - { metric: status_changes.api, "==": 8 }
  - { metric: status_changes.device-attach, "==": 6 }
  - { metric: status_changes.device-attach, group: idle, "==": 2 }
  - { metric: status_changes.storm, "==": 0 }
  - { metric: status_changes.timer, "==": 0 }
  - { metric: status_changes, to: suspended, "==": 4 }
  - { metric: status_changes, to: active, "==": 10 }
  - { metric: status_changes.api, from: suspended, to: active, "==": 4 }
  - { metric: status_changes.api, at: 15d, "==": 4 }
  - { metric: status_changes.api, group: trackers, per-sim: each, "==": 2 }
  - { metric: status_changes.device-attach, to: suspended, "==": 0 }
  - { metric: status_changes.api, "==": 7 }
)"),
                         "30d");
  REQUIRE(r.size() == 12);
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
  CHECK_FALSE(r[11].passed);
  CHECK(r[11].actual_text == "8");
}

TEST_CASE("SOR-13, HOL-6: fees by invoice month and by the plan that billed them", "[expect]") {
  // 45 days from 2026-01-01: January and half of February. `roaming` SIMs carry a planX3
  // subscription beside their plan01s one (3.00 USD a month while active); `movers` move from
  // plan01s to planX3 at 1d. No traffic: basic fees only.
  const auto r = Results(Soracom(R"(fleet:
  - { group: roaming, count: 2, carrier: soracom, plan: plan01s, device: idle,
      subscriptions: [planX3] }
  - { group: movers, count: 1, carrier: soracom, plan: plan01s, device: idle }
timeline:
  - { at: 1d, change-plan: { group: movers, plan: planX3 } }
expect:
  - { metric: fees.total, billed-under: planX3, group: roaming, "==": 12.00 USD }
  - { metric: fees.basic, billed-under: plan01s, group: roaming, month: 2026-01, "==": 3.72 USD }
  - { metric: fees.total, billed-under: planX3, group: roaming, month: 2026-02, "==": 6.00 USD }
  - { metric: fees.total, billed-under: planX3, group: roaming, per-sim: each, "==": 6.00 USD }
  - { metric: fees.total, billed-under: plan01s, group: movers, "==": 0.06 USD }
  - { metric: fees.total, plan: planX3, ">": 0 USD }
  - { metric: fees.total, group: movers, ">": 0 USD }
  - { metric: fees.total, plan: plan01s, ">": 0 USD }
  - { metric: fees.total, group: roaming, ">": 0 USD }
  - { metric: fees.total, billed-under: plan01s, ">": 0 USD }
  - { metric: fees.total, billed-under: planX3, ">": 0 USD }
  - { metric: fees.total, month: 2026-01, ">": 0 USD }
  - { metric: fees.total, month: 2026-02, ">": 0 USD }
  - { metric: fees.total, ">": 0 USD }
)"),
                         "45d");
  REQUIRE(r.size() == 14);
  for (size_t i = 0; i < r.size(); ++i) {
    INFO("expectation " << i << ": got " << r[i].actual_text);
    CHECK(r[i].passed);
  }
  // `plan:` is the SIMs on the plan now, with every fee they paid: the movers' plan01s day
  // counts under planX3, and the roaming SIMs' planX3 subscription under plan01s.
  CHECK(r[5].actual == r[6].actual);
  CHECK(r[7].actual == r[8].actual);
  CHECK(*r[8].actual > *r[1].actual + *r[0].actual);
  // `billed-under:` and `month:` split the ledger: each part once.
  CHECK(*r[9].actual + *r[10].actual == *r[13].actual);
  CHECK(*r[11].actual + *r[12].actual == *r[13].actual);
  CHECK(*r[9].actual == 2 * 1'860'000 + 2 * 840'000 + 60'000);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
