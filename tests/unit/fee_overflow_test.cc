// Billing's arithmetic past 64 bits, driven directly with hand-made tariffs: a fee line or a
// ledger total that does not fit in int64 micro-units is an error, never a wrapped amount.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

#include "simulator/base/calendar.h"
#include "simulator/billing/billing.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr StatusId kReady = 0, kActive = 1;
constexpr int64_t kMaxMicros = std::numeric_limits<int64_t>::max();

Money Usd(int64_t micros) {
  Money m;
  m.micros = micros;
  LookUpCurrency("USD", &m.currency);
  return m;
}

UnixMillis Start() {
  std::string error;
  return *ParseTimestamp("2026-01-01T00:00:00Z", &error);
}

TEST_CASE("hardening: a daily rate times the days of a line past int64 is an error, not a "
          "negative line",
          "[billing][money]") {
  Ledger ledger;
  Billing billing(Start(), 1, &ledger);
  Tariff t;
  t.basic.resize(2);
  t.basic[kActive] = StatusFee{true, Usd(9'000'000'000'000'000'000), FeePeriod::kDay, {}, {}};
  billing.Open(0, 0, 0, t, 0);
  billing.ChangeStatus(0, t, kReady, 0, kActive, 0);
  // Two days at 9e12 USD: 1.8e19 micro-units, one line.
  CHECK_THROWS_AS(billing.Finish(0, t, kActive, 0, 2 * kDay), FeeOverflow);
  for (const FeeLine& line : ledger.lines) CHECK(line.micros >= 0);
}

TEST_CASE("hardening: a usage fee past int64 is an error, not truncated from Int128",
          "[billing][money]") {
  Ledger ledger;
  Billing billing(Start(), 1, &ledger);
  Tariff t;
  t.basic.resize(2);
  t.usage.enabled = true;
  t.usage.per_mb = Usd(5'000'000'000'000'000'000);  // 5e12 USD a MB
  billing.Open(0, 0, 0, t, 0);
  billing.AddUsage(0, t, kActive, MonthIndex(Start()), 2 * kBytesPerMegabyte);
  try {
    billing.Finish(0, t, kActive, 0, kDay);
    FAIL("a usage fee of 1e13 USD was charged");
  } catch (const FeeOverflow& e) {
    CHECK(e.detail() == "a usage fee of 2MB at 5000000000000.00 a MB");
    CHECK(e.sim() == 0);
  }
  CHECK(ledger.lines.empty());
}

TEST_CASE("hardening: a ledger whose total would pass int64 is an error, never a wrapped total",
          "[billing][money]") {
  FeeLedger ledger;
  const FeeLine line = MakeFeeLine(3, 0, FeeCategory::kRenewal, FeeUnit::kOnce, 0, 5 * kDay,
                                   kMaxMicros / 2 + 1, 1);
  ledger.push_back(line);
  CHECK(ledger.total() == kMaxMicros / 2 + 1);
  try {
    ledger.push_back(line);
    FAIL("two lines of more than half of int64 were added up");
  } catch (const FeeOverflow& e) {
    CHECK(e.sim() == 3);
    CHECK(e.time() == 5 * kDay);
    CHECK(std::string(e.what()).find("for SIM 3 at 5d into the run, is more than the reports "
                                     "can count") != std::string::npos);
  }
  CHECK(ledger.size() == 1);
  CHECK(ledger.total() == kMaxMicros / 2 + 1);
  // Up to the limit exactly is fine.
  ledger.push_back(MakeFeeLine(3, 0, FeeCategory::kRenewal, FeeUnit::kOnce, 0, 6 * kDay,
                               kMaxMicros - ledger.total(), 1));
  CHECK(ledger.total() == kMaxMicros);
}

TEST_CASE("hardening: a month's usage rounded up past int64 bytes is an error, not wrapped",
          "[billing][money]") {
  Ledger ledger;
  Billing billing(Start(), 1, &ledger);
  Tariff t;
  t.basic.resize(2);
  t.usage.enabled = true;
  t.usage.billing_unit = int64_t{3} << 61;  // one unit fits in 64 bits, two do not
  t.usage.per_mb = Usd(0);
  billing.Open(0, 0, 0, t, 0);
  billing.AddUsage(0, t, kActive, MonthIndex(Start()), t.usage.billing_unit + 1);
  CHECK_THROWS_AS(billing.Finish(0, t, kActive, 0, kDay), FeeOverflow);
  CHECK(ledger.lines.empty());
}

TEST_CASE("a usage fee just below int64 is charged exactly", "[billing][money]") {
  Ledger ledger;
  Billing billing(Start(), 1, &ledger);
  Tariff t;
  t.basic.resize(2);
  t.usage.enabled = true;
  t.usage.per_mb = Usd(kMaxMicros);
  billing.Open(0, 0, 0, t, 0);
  billing.AddUsage(0, t, kActive, MonthIndex(Start()), kBytesPerMegabyte);
  billing.Finish(0, t, kActive, 0, kDay);
  REQUIRE(ledger.lines.size() == 1);
  CHECK(ledger.lines[0].micros == kMaxMicros);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
