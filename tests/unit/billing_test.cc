// The fee arithmetic of simulator/billing/, driven directly with hand-made tariffs. Every
// expected amount is worked out here from the dates, independently of the code under test.
#include "simulator/billing/billing.h"

#include <catch2/catch.hpp>
#include <string>

#include "simulator/base/calendar.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Statuses of the test tariffs.
constexpr StatusId kReady = 0, kActive = 1, kStandby = 2, kSuspended = 3;
constexpr int64_t kUsd = 1'000'000;  // micro-units per dollar

UnixMillis At(const char* text) {
  std::string error;
  return *ParseTimestamp(text, &error);
}

Money Usd(int64_t micros) {
  Money m;
  m.micros = micros;
  LookUpCurrency("USD", &m.currency);
  return m;
}

Tariff DailyTariff() {
  Tariff t;
  t.basic.resize(4);
  t.basic[kActive] = StatusFee{true, Usd(60'000), FeePeriod::kDay, {},
                               std::nullopt};  // 0.06 a day
  return t;
}

struct Fixture {
  explicit Fixture(const char* start = "2026-01-01T00:00:00Z") : billing(At(start), 4, &ledger) {}
  SimTime T(const char* when) const { return At(when) - billing.start(); }
  int64_t Total(FeeCategory category) const {
    int64_t sum = 0;
    for (const FeeLine& l : ledger.lines) sum += l.category() == category ? l.micros : 0;
    return sum;
  }
  Ledger ledger;
  Billing billing;
};

TEST_CASE("a daily fee counts every UTC day the status touched, once", "[billing]") {
  Fixture f;
  const Tariff t = DailyTariff();
  f.billing.Open(0, 0, 0, t, 0);
  // Active from Jan 3 10:00 to Jan 13 00:00: days 3..12, ten days.
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-03T10:00:00Z"));
  f.billing.ChangeStatus(0, t, kActive, f.T("2026-01-03T10:00:00Z"), kStandby,
                         f.T("2026-01-13T00:00:00Z"));
  // Active again for an hour on Jan 20, and again later that day: one day, charged once.
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2026-01-20T01:00:00Z"));
  f.billing.ChangeStatus(0, t, kActive, 0, kStandby, f.T("2026-01-20T02:00:00Z"));
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2026-01-20T20:00:00Z"));
  f.billing.Finish(0, t, kActive, f.T("2026-01-20T20:00:00Z"), f.T("2026-01-21T00:00:00Z"));
  REQUIRE(f.ledger.lines.size() == 2);
  CHECK(f.ledger.lines[0].quantity == 10);
  CHECK(f.ledger.lines[0].micros == 10 * 60'000);
  CHECK(f.ledger.lines[0].time == f.T("2026-01-03T00:00:00Z"));
  CHECK(f.ledger.lines[1].quantity == 1);
  CHECK(f.Total(FeeCategory::kBasic) == 11 * 60'000);
}

TEST_CASE("daily lines are cut at month ends so that invoices have their own", "[billing]") {
  Fixture f;
  const Tariff t = DailyTariff();
  f.billing.Open(0, 0, 0, t, 0);
  f.billing.Finish(0, t, kActive, 0, f.T("2026-03-10T12:00:00Z"));
  REQUIRE(f.ledger.lines.size() == 3);
  CHECK(f.ledger.lines[0].quantity == 31);  // January
  CHECK(f.ledger.lines[1].quantity == 28);  // February 2026
  CHECK(f.ledger.lines[2].quantity == 10);  // March 1..10
  CHECK(f.Total(FeeCategory::kBasic) == (31 + 28 + 10) * 60'000);
}

TEST_CASE("a day shared by two charged statuses is charged at the higher rate", "[billing]") {
  Fixture f;
  Tariff t = DailyTariff();
  t.basic[kReady] = StatusFee{true, Usd(20'000), FeePeriod::kDay, {},
                              std::nullopt};  // reduced: 0.02
  f.billing.Open(0, 0, 0, t, 0);
  // Ready Jan 1..5 10:00, then active to Jan 8 00:00: ready days 1..4, active days 5..7.
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-05T10:00:00Z"));
  f.billing.ChangeStatus(0, t, kActive, 0, kReady, f.T("2026-01-08T00:00:00Z"));
  // Back in ready on Jan 8 at the reduced rate; the day is not charged twice.
  f.billing.Finish(0, t, kReady, f.T("2026-01-08T00:00:00Z"), f.T("2026-01-09T00:00:00Z"));
  CHECK(f.Total(FeeCategory::kBasic) == 4 * 20'000 + 3 * 60'000 + 1 * 20'000);
}

TEST_CASE("a monthly fee is due for every month the status touched", "[billing]") {
  Fixture f;
  Tariff t;
  t.basic.resize(4);
  t.basic[kActive] = StatusFee{true, Usd(900'000), FeePeriod::kMonth, {}, std::nullopt};
  f.billing.Open(0, 0, 0, t, 0);
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-20T00:00:00Z"));
  // Set to standby on Mar 3: March is still paid.
  f.billing.ChangeStatus(0, t, kActive, 0, kStandby, f.T("2026-03-03T00:00:00Z"));
  f.billing.Finish(0, t, kStandby, 0, f.T("2026-06-01T00:00:00Z"));
  CHECK(f.ledger.lines.size() == 3);
  CHECK(f.Total(FeeCategory::kBasic) == 3 * 900'000);
}

TEST_CASE("with the at-month-end rule only months ending in the status are paid", "[billing]") {
  Fixture f;
  Tariff t;
  t.basic.resize(4);
  t.basic[kActive] = StatusFee{true, Usd(900'000), FeePeriod::kMonth, {}, std::nullopt};
  t.month_rule = MonthRule::kAtMonthEnd;
  f.billing.Open(0, 0, 0, t, 0);
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-20T00:00:00Z"));    // Jan: due
  f.billing.ChangeStatus(0, t, kActive, 0, kStandby, f.T("2026-03-03T00:00:00Z"));  // Feb: due
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2026-05-10T00:00:00Z"));
  f.billing.Finish(0, t, kActive, 0, f.T("2026-05-20T00:00:00Z"));  // the run ends in May: due
  CHECK(f.Total(FeeCategory::kBasic) == 3 * 900'000);
}

TEST_CASE("with the except-month-set-to rule only the month set to those statuses is unpaid",
          "[billing]") {
  Fixture f;
  Tariff t;
  t.basic.resize(4);
  t.basic[kActive] = StatusFee{true, Usd(900'000), FeePeriod::kMonth, {}, std::nullopt};
  t.month_rule = MonthRule::kNotSetTo;
  t.month_not_set_to = uint64_t{1} << kStandby | uint64_t{1} << kSuspended;
  f.billing.Open(0, 0, 0, t, 0);
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-20T00:00:00Z"));    // Jan: due
  f.billing.ChangeStatus(0, t, kActive, 0, kStandby, f.T("2026-03-03T00:00:00Z"));  // Feb: due,
                                                                                    // Mar: not
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2026-05-10T00:00:00Z"));
  // Left to a status outside the set (ready stands in for terminated): May is due.
  f.billing.ChangeStatus(0, t, kActive, 0, kReady, f.T("2026-05-20T00:00:00Z"));
  f.billing.Finish(0, t, kReady, 0, f.T("2026-07-01T00:00:00Z"));
  CHECK(f.Total(FeeCategory::kBasic) == 3 * 900'000);  // Jan, Feb, May
  // Set to standby exactly as a month ends: that month was whole, and is paid.
  Fixture g;
  g.billing.Open(0, 0, 0, t, 0);
  g.billing.ChangeStatus(0, t, kActive, 0, kStandby, g.T("2026-02-01T00:00:00Z"));
  g.billing.Finish(0, t, kStandby, 0, g.T("2026-03-01T00:00:00Z"));
  CHECK(g.Total(FeeCategory::kBasic) == 900'000);  // Jan
}

TEST_CASE("a free initial period counts from entering the status", "[billing]") {
  Fixture f;
  Tariff t;
  t.basic.resize(4);
  // Free for the first 2 months in ready, then a reduced monthly fee (plan-DU).
  t.basic[kReady] = StatusFee{true, Usd(300'000), FeePeriod::kMonth, {2, 0}, std::nullopt};
  f.billing.Open(0, 0, 0, t, f.T("2026-01-15T00:00:00Z"));
  // Charged from Mar 15: March, April; May is not touched.
  f.billing.Finish(0, t, kReady, f.T("2026-01-15T00:00:00Z"), f.T("2026-05-01T00:00:00Z"));
  CHECK(f.Total(FeeCategory::kBasic) == 2 * 300'000);
}

TEST_CASE("transition fees apply to the matching moves only", "[billing]") {
  Fixture f;
  Tariff t = DailyTariff();
  t.transitions.push_back({"reactivation", FeeCategory::kReactivation,
                           (1u << kStandby) | (1u << kSuspended), 1u << kActive, Usd(300'000)});
  f.billing.Open(0, 0, 0, t, 0);
  f.billing.ChangeStatus(0, t, kActive, 0, kStandby, f.T("2026-01-02T00:00:00Z"));
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2026-01-03T00:00:00Z"));  // fee
  f.billing.ChangeStatus(0, t, kActive, 0, kReady, f.T("2026-01-04T00:00:00Z"));
  f.billing.ChangeStatus(0, t, kReady, 0, kActive, f.T("2026-01-05T00:00:00Z"));  // no fee
  f.billing.Finish(0, t, kActive, 0, f.T("2026-01-06T00:00:00Z"));
  CHECK(f.Total(FeeCategory::kReactivation) == 300'000);
}

TEST_CASE("renewal fees fall due after more than the span, then every span", "[billing]") {
  Fixture f;
  Tariff t = DailyTariff();
  // The renewal counter (counter 0) counts in ready, standby and suspended: the network passes
  // when its count began, or kNever once it stops.
  t.renewal = RenewalFee{true, 0, {12, 0}, {12, 0}, Usd(1 * kUsd)};
  f.billing.Open(0, 0, 0, t, 0, /*renewal_since=*/0);
  CHECK(f.billing.renewal_since(0) == 0);
  // Ready on Jan 1 2026, standby from Feb 1 (still counting), back to active on Jan 1 2028
  // exactly: one fee (Jan 1 2027); the second anniversary is not strictly passed.
  f.billing.ChangeStatus(0, t, kReady, 0, kStandby, f.T("2026-02-01T00:00:00Z"), 0);
  CHECK(f.billing.renewal_since(0) == 0);
  f.billing.ChangeStatus(0, t, kStandby, 0, kActive, f.T("2028-01-01T00:00:00Z"), kNever);
  CHECK(f.billing.renewal_since(0) == kNever);
  f.billing.Finish(0, t, kActive, 0, f.T("2028-01-01T00:00:00Z"));
  REQUIRE(f.Total(FeeCategory::kRenewal) == 1 * kUsd);
  for (const FeeLine& l : f.ledger.lines) {
    if (l.category() == FeeCategory::kRenewal) CHECK(l.time == f.T("2027-01-01T00:00:00Z"));
  }
}

TEST_CASE("monthly renewal fees after six months, counted without drift", "[billing]") {
  Fixture f("2026-01-31T00:00:00Z");
  Tariff t;
  t.basic.resize(4);
  t.renewal = RenewalFee{true, 0, {6, 0}, {1, 0}, Usd(500'000)};
  f.billing.Open(0, 0, 0, t, 0, /*renewal_since=*/0);
  // Ready from Jan 31 for 8 months: fees on Jul 31 and Aug 31 (not Aug 30, as adding a month at
  // a time from Feb 28 would give).
  f.billing.Finish(0, t, kReady, 0, f.T("2026-09-30T00:00:00Z"));
  REQUIRE(f.ledger.lines.size() == 2);
  CHECK(f.ledger.lines[0].time == f.T("2026-07-31T00:00:00Z"));
  CHECK(f.ledger.lines[1].time == f.T("2026-08-31T00:00:00Z"));
}

TEST_CASE("usage is rounded up per SIM per month, less the allowance", "[billing]") {
  Fixture f;
  Tariff t = DailyTariff();
  t.usage = UsageTariff{true, Usd(80'000), 1 * kBytesPerMegabyte, 1024, 1u << kReady};
  f.billing.Open(0, 0, 0, t, 0);
  const int64_t jan = MonthIndex(At("2026-01-15T00:00:00Z"));
  f.billing.AddUsage(0, t, kActive, jan, 2 * kBytesPerMegabyte + 1);  // rounds to 2 MB + 1 KB
  f.billing.AddUsage(0, t, kReady, jan, 50 * kBytesPerMegabyte);      // free while ready
  f.billing.AddUsage(0, t, kActive, jan + 1, 100);  // February: under the allowance
  f.billing.Finish(0, t, kActive, 0, f.T("2026-03-01T00:00:00Z"));
  // January: 2 MB + 1 KB - 1 MB = 1 MB + 1 KB at 0.08 USD/MB = 80,000 + 78.125 -> 80,078.
  CHECK(f.Total(FeeCategory::kUsage) == 80'078);
}

TEST_CASE("a plan change closes the old plan's period", "[billing]") {
  Fixture f;
  const Tariff daily = DailyTariff();
  Tariff monthly;
  monthly.basic.resize(4);
  monthly.basic[kActive] = StatusFee{true, Usd(2 * kUsd), FeePeriod::kMonth, {}, std::nullopt};
  f.billing.Open(0, 0, 0, daily, 0);
  f.billing.ChangePlan(0, daily, 1, monthly, kActive, 0, f.T("2026-01-11T00:00:00Z"));
  CHECK(f.billing.plan(0) == 1);
  f.billing.Finish(0, monthly, kActive, 0, f.T("2026-02-15T00:00:00Z"));
  // Ten days on the daily plan, then January and February on the monthly plan.
  CHECK(f.Total(FeeCategory::kBasic) == 10 * 60'000 + 2 * 2 * kUsd);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
