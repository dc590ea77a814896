#include "simulator/base/calendar.h"

#include <catch2/catch.hpp>
#include <string>

namespace carriersim {
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

}  // namespace
}  // namespace carriersim
