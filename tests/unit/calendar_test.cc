#include "simulator/base/calendar.h"

#include <catch2/catch.hpp>
#include <string>

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

UnixMillis At(const char* text) {
  std::string error;
  const std::optional<UnixMillis> t = ParseTimestamp(text, &error);
  INFO(error);
  REQUIRE(t.has_value());
  return *t;
}

TEST_CASE("civil dates round-trip across leap years and centuries", "[calendar]") {
  CHECK(DaysFromCivil({1970, 1, 1}) == 0);
  CHECK(DaysFromCivil({2000, 3, 1}) == 11017);
  CHECK(CivilFromDays(-1) == CivilDate{1969, 12, 31});
  for (int64_t day = -800'000; day <= 800'000; day += 7) {
    REQUIRE(DaysFromCivil(CivilFromDays(day)) == day);
  }
  CHECK(IsLeapYear(2024));
  CHECK_FALSE(IsLeapYear(2100));
  CHECK(IsLeapYear(2000));
  CHECK(DaysInMonth(2026, 2) == 28);
  CHECK(DaysInMonth(2028, 2) == 29);
}

TEST_CASE("day and month boundaries are in UTC", "[calendar]") {
  const UnixMillis t = At("2026-03-14T15:09:26.535Z");
  CHECK(StartOfDay(t) == At("2026-03-14T00:00:00Z"));
  CHECK(StartOfNextDay(t) == At("2026-03-15T00:00:00Z"));
  CHECK(StartOfMonth(t) == At("2026-03-01T00:00:00Z"));
  CHECK(StartOfNextMonth(t) == At("2026-04-01T00:00:00Z"));
  CHECK(StartOfNextMonth(At("2026-12-31T23:59:59Z")) == At("2027-01-01T00:00:00Z"));
  CHECK(StartOfDay(At("1969-12-31T23:00:00Z")) == At("1969-12-31T00:00:00Z"));
}

TEST_CASE("adding months clamps to the end of shorter months", "[calendar]") {
  CHECK(AddMonths(At("2026-01-31T10:00:00Z"), 1) == At("2026-02-28T10:00:00Z"));
  CHECK(AddMonths(At("2028-01-31T10:00:00Z"), 1) == At("2028-02-29T10:00:00Z"));
  CHECK(AddMonths(At("2026-01-15T00:00:00Z"), 12) == At("2027-01-15T00:00:00Z"));
  CHECK(AddMonths(At("2026-03-31T00:00:00Z"), -1) == At("2026-02-28T00:00:00Z"));
  CHECK(AddMonths(At("2026-05-01T00:00:00Z"), -17) == At("2024-12-01T00:00:00Z"));
}

TEST_CASE("timestamps parse in their accepted forms and format back", "[calendar]") {
  CHECK(At("2026-01-01") == At("2026-01-01T00:00:00Z"));
  CHECK(At("2026-01-01T09:00:00+09:00") == At("2026-01-01T00:00:00Z"));
  CHECK(At("2026-01-01T00:00-05:30") == At("2026-01-01T05:30:00Z"));
  CHECK(FormatTimestamp(At("2026-01-01T00:00:00Z")) == "2026-01-01T00:00:00Z");
  CHECK(FormatTimestamp(At("2026-07-04T12:30:05.250Z")) == "2026-07-04T12:30:05.250Z");
  CHECK(FormatDate(At("2026-07-04T12:30:05Z")) == "2026-07-04");
}

TEST_CASE("malformed timestamps are rejected with a reason", "[calendar]") {
  const auto error_of = [](const char* text) {
    std::string error;
    CHECK_FALSE(ParseTimestamp(text, &error).has_value());
    return error;
  };
  CHECK(error_of("2026-02-30") == "day does not exist in that month");
  CHECK(error_of("2026-13-01") == "month must be between 01 and 12");
  CHECK(error_of("2026-01-01T00:00:00") ==
        "a date-time needs a time zone: add 'Z' for UTC or an offset such as '+09:00'");
  CHECK(error_of("2026-01-01T25:00:00Z") == "time of day out of range");
  CHECK(error_of("yesterday").find("expected a UTC date-time") == 0);
  CHECK(error_of("2026-01-01T00:00:00.1234Z") == "date-times have millisecond resolution at most");
}

UnixMillis Expression(const char* text) {
  std::string error;
  const std::optional<UnixMillis> t = ParseTimeExpression(text, &error);
  INFO(text << ": " << error);
  REQUIRE(t.has_value());
  return *t;
}

std::string ExpressionError(const char* text) {
  std::string error;
  INFO(text);
  CHECK_FALSE(ParseTimeExpression(text, &error).has_value());
  return error;
}

TEST_CASE("time expressions add and subtract calendar spans from a date-time", "[calendar]") {
  CHECK(Expression("2026-11-01") == At("2026-11-01T00:00:00Z"));
  CHECK(Expression("2026-11-01T09:00:00+09:00") == At("2026-11-01T00:00:00Z"));
  CHECK(Expression("2026-11-01 + 5 months") == At("2027-04-01T00:00:00Z"));
  CHECK(Expression("2026-11-01T00:00:00Z + 9d") == At("2026-11-10T00:00:00Z"));
  CHECK(Expression("2026-11-01 - 9d") == At("2026-10-23T00:00:00Z"));
  CHECK(Expression("2026-11-01 +1 year 6 months") == At("2028-05-01T00:00:00Z"));
  // Months first, then the rest, both ways; a month's end clamps as AddMonths does.
  CHECK(Expression("2026-01-31 + 1 month 1d") == At("2026-03-01T00:00:00Z"));
  CHECK(Expression("2026-03-31 - 1 month") == At("2026-02-28T00:00:00Z"));
  CHECK(Expression("2026-03-31 - 1 month 1d") == At("2026-02-27T00:00:00Z"));
  // An offset's sign is not an operator; a space before the sign is.
  CHECK(Expression("2026-11-01T00:00:00-05:00 - 5h") == At("2026-11-01T00:00:00Z"));
  CHECK(Expression("2026-11-01 00:00:00Z + 1h") == At("2026-11-01T01:00:00Z"));
  // A span of 0 in every form (a parameter sweep substitutes 0).
  for (const char* zero : {"2026-11-01 + 0d", "2026-11-01 + 0 months", "2026-11-01 - 0",
                           "2026-11-01 + 0 years 0d"}) {
    CHECK(Expression(zero) == At("2026-11-01T00:00:00Z"));
  }
  CHECK(SubtractSpan(AddSpan(At("2026-05-15T12:00:00Z"), {14, 3 * kHour}), {14, 3 * kHour}) ==
        At("2026-05-15T12:00:00Z"));
}

TEST_CASE("malformed time expressions say what is wrong", "[calendar]") {
  CHECK(ExpressionError("2026-11-01 + 5 lightyears") ==
        "after '+': unknown duration unit 'lightyears' in '5 lightyears'; units are 'ms', 's', "
        "'m', 'min', 'h', 'd' or 'w'; or a calendar span such as '3 months' or '1 year 6 months'");
  CHECK(ExpressionError("2026-11-01 + ").find("after '+': empty duration") == 0);
  CHECK(ExpressionError("2026-11-01 - -5d").find("after '-': '-5d' is negative") == 0);
  CHECK(ExpressionError("2026-11-01+5d") ==
        "expected a UTC date-time such as 2026-01-01T00:00:00Z (or a date such as 2026-01-01); "
        "write a span after a space and '+' or '-': '2026-11-01 + 5d'");
  CHECK(ExpressionError("2026-02-30 + 1 month") == "day does not exist in that month");
  CHECK(ExpressionError("2026-11-01 + 2d 1 month") ==
        "after '+': span '2d 1 month': write months and years whole and first, such as "
        "'3 months', '1 year 6 months' or '1 month 2d'");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
