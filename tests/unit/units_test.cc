#include "simulator/base/units.h"

#include <catch2/catch.hpp>
#include <string>

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

SimTime Duration(const char* text) {
  SimTime value = -1;
  std::string error;
  INFO(text);
  REQUIRE(ParseDuration(text, &value, &error));
  return value;
}

std::string DurationError(const char* text) {
  SimTime value = 0;
  std::string error;
  CHECK_FALSE(ParseDuration(text, &value, &error));
  return error;
}

int64_t Size(const char* text) {
  int64_t value = -1;
  std::string error;
  INFO(text);
  REQUIRE(ParseDataSize(text, &value, &error));
  return value;
}

std::string SizeError(const char* text) {
  int64_t value = 0;
  std::string error;
  CHECK_FALSE(ParseDataSize(text, &value, &error));
  return error;
}

std::string MoneyError(const char* text) {
  Money value;
  std::string error;
  CHECK_FALSE(ParseMoney(text, &value, &error));
  return error;
}

TEST_CASE("durations in every unit and combination", "[units]") {
  CHECK(Duration("500ms") == 500);
  CHECK(Duration("10s") == 10 * kSecond);
  CHECK(Duration("12m") == 12 * kMinute);
  CHECK(Duration("12min") == 12 * kMinute);
  CHECK(Duration("3h") == 3 * kHour);
  CHECK(Duration("90d") == 90 * kDay);
  CHECK(Duration("2w") == 14 * kDay);
  CHECK(Duration("1d 6h") == kDay + 6 * kHour);
  CHECK(Duration("1d6h30m") == kDay + 6 * kHour + 30 * kMinute);
  CHECK(Duration("1.5h") == 90 * kMinute);
  CHECK(Duration(" 10 s ") == 10 * kSecond);
  CHECK(Duration("0") == 0);
  CHECK(Duration("0.001s") == 1);
}

CalendarSpan Span(const char* text) {
  CalendarSpan value{-1, -1};
  std::string error;
  INFO(text << ": " << error);
  REQUIRE(ParseCalendarSpan(text, &value, &error));
  return value;
}

std::string SpanError(const char* text) {
  CalendarSpan value;
  std::string error;
  INFO(text);
  CHECK_FALSE(ParseCalendarSpan(text, &value, &error));
  return error;
}

TEST_CASE("calendar spans: months and years, then any duration", "[units]") {
  CHECK(Span("3 months") == CalendarSpan{3, 0});
  CHECK(Span("1 year") == CalendarSpan{12, 0});
  CHECK(Span("2 years") == CalendarSpan{24, 0});
  CHECK(Span("18mo") == CalendarSpan{18, 0});
  CHECK(Span("1 year 6 months") == CalendarSpan{18, 0});
  CHECK(Span("1 month 2d") == CalendarSpan{1, 2 * kDay});
  CHECK(Span("2 years 3 months 1d 6h") == CalendarSpan{27, kDay + 6 * kHour});
  CHECK(Span("72h") == CalendarSpan{0, 72 * kHour});
  CHECK(Span("0") == CalendarSpan{0, 0});
  CHECK(Span("0 months") == CalendarSpan{0, 0});
  CHECK(Span("100 years") == CalendarSpan{1200, 0});
  // What FormatCalendarSpan writes reads back.
  for (const CalendarSpan span : {CalendarSpan{14, 0}, CalendarSpan{3, 5 * kDay},
                                  CalendarSpan{24, kHour}, CalendarSpan{0, 90 * kMinute}}) {
    CHECK(Span(FormatCalendarSpan(span).c_str()) == span);
  }
}

TEST_CASE("malformed calendar spans say what is wrong", "[units]") {
  CHECK(SpanError("1.5 years") ==
        "span '1.5 years': months and years are whole numbers (write 18 months, not 1.5 years)");
  CHECK(SpanError("2d 1 month") ==
        "span '2d 1 month': write months and years whole and first, such as '3 months', "
        "'1 year 6 months' or '1 month 2d'");
  CHECK(SpanError("1 month 2d 1 year") ==
        "span '1 month 2d 1 year': write months and years first, then days and smaller units "
        "('1 year 6 months 2d'): a span adds its months, then the rest");
  CHECK(SpanError("101 years") == "span '101 years' is too long (at most 100 years)");
  CHECK(SpanError("99 years 13 months") ==
        "span '99 years 13 months' is too long (at most 100 years)");
  CHECK(SpanError("10") ==
        "duration '10' has a number without a unit; write e.g. 10s (units: 'ms', 's', 'm', "
        "'min', 'h', 'd' or 'w'); or a calendar span such as '3 months' or '1 year 6 months'");
}

TEST_CASE("malformed durations say what is wrong", "[units]") {
  CHECK(DurationError("-5d") == "'-5d' is negative; durations cannot be negative");
  CHECK(DurationError("10") ==
        "duration '10' has a number without a unit; write e.g. 10s (units: 'ms', 's', 'm', "
        "'min', 'h', 'd' or 'w')");
  CHECK(DurationError("1hr") ==
        "unknown duration unit 'hr' in '1hr' (did you mean 'h'?); units are 'ms', 's', 'm', "
        "'min', 'h', 'd' or 'w'");
  CHECK(DurationError("3mo") ==
        "months and years have no fixed length, so they are not a duration here; write days "
        "(e.g. 30d, 365d)");
  CHECK(DurationError("5us") ==
        "the simulation clock counts whole milliseconds; use ms or larger units");
  CHECK(DurationError("1.0005s") ==
        "duration '1.0005s' is not a whole number of milliseconds (the simulation clock's "
        "resolution)");
  CHECK(DurationError("") ==
        "empty duration; expected a duration such as 500ms, 10s, 12m, "
        "3h, 90d or 1d 6h");
  CHECK(DurationError("soon") ==
        "bad duration 'soon'; expected a duration such as 500ms, 10s, "
        "12m, 3h, 90d or 1d 6h");
  CHECK(DurationError("50000000d") == "duration '50000000d' is too long (at most 100 years)");
  // Found by review: leading zeros after the point used to scale the divisor past 128 bits.
  const std::string tiny = "0." + std::string(130, '0') + "1s";
  // Quoted as its first 40 characters (diagnostics.h).
  CHECK(DurationError(tiny.c_str()) ==
        "too many decimal places in '" + tiny.substr(0, 40) + "...'");
}

TEST_CASE("duration ranges", "[units]") {
  DurationRange r;
  std::string error;
  REQUIRE(ParseDurationRange("5s..30s", &r, &error));
  CHECK(r == DurationRange{5 * kSecond, 30 * kSecond});
  REQUIRE(ParseDurationRange("10s", &r, &error));
  CHECK(r == DurationRange{10 * kSecond, 10 * kSecond});
  CHECK_FALSE(ParseDurationRange("30s..5s", &r, &error));
  CHECK(error == "range '30s..5s' ends before it starts");
  CHECK(FormatDurationRange({5 * kSecond, 30 * kSecond}) == "5s..30s");
}

TEST_CASE("data sizes count 1 KB as 1024 bytes", "[units]") {
  CHECK(Size("512B") == 512);
  CHECK(Size("250KB") == 250 * 1024);
  CHECK(Size("250kB") == 250 * 1024);
  CHECK(Size("1.5MB") == 1572864);
  CHECK(Size("2GB") == 2LL * 1024 * 1024 * 1024);
  CHECK(Size("1TiB") == 1LL << 40);
  CHECK(Size("0.1KB") == 102);  // 102.4 bytes, rounded to the nearest byte
  CHECK(Size("0") == 0);
}

TEST_CASE("malformed data sizes say what is wrong", "[units]") {
  CHECK(SizeError("10") == "data size '10' has no unit; write e.g. 10B or 10KB (1 KB = 1024 B)");
  CHECK(SizeError("5Mb") ==
        "'Mb' is a unit of bits; data sizes are in bytes ('B', 'KB', 'MB', 'GB' or 'TB')");
  CHECK(SizeError("5mb") ==
        "unknown data size unit 'mb' in '5mb' (did you mean 'MB'?); units "
        "are 'B', 'KB', 'MB', 'GB' or 'TB'");
  CHECK(SizeError("-1KB") == "'-1KB' is negative; data sizes cannot be negative");
  CHECK(SizeError("lots") ==
        "bad data size 'lots'; expected a data size such as 512B, 250KB, 1.5MB or 2GB");
  CHECK(SizeError("99999999999TB") == "data size '99999999999TB' is too large");
  const std::string tiny = "0." + std::string(38, '0') + "9TB";
  CHECK(SizeError(tiny.c_str()) == "too many decimal places in '" + tiny.substr(0, 40) + "...'");
}

TEST_CASE("money is exact integer micro-units with an ISO currency", "[units]") {
  Money m;
  std::string error;
  REQUIRE(ParseMoney("0.06 USD", &m, &error));
  CHECK(m.micros == 60'000);
  CHECK(m.currency.str() == "USD");
  REQUIRE(ParseMoney("1500 JPY", &m, &error));
  CHECK(m.micros == 1'500'000'000);
  REQUIRE(ParseMoney("0.000001 EUR", &m, &error));
  CHECK(m.micros == 1);
  CHECK(FormatMoney({60'000, m.currency}) == "0.06 EUR");
  CHECK(FormatMoney({1'234'567, m.currency}) == "1.234567 EUR");
  CHECK(FormatMoney({-2'000'000, m.currency}) == "-2.00 EUR");
}

TEST_CASE("malformed money says what is wrong", "[units]") {
  CHECK(MoneyError("0.06 UDS") ==
        "unknown currency 'UDS' (did you mean 'USD'?); use an ISO 4217 code such as USD, EUR "
        "or JPY");
  CHECK(MoneyError("0.06 usd") ==
        "unknown currency 'usd' (did you mean 'USD'?); use an ISO 4217 code such as USD, EUR "
        "or JPY");
  CHECK(MoneyError("0.06") ==
        "amount '0.06' has no currency; expected an amount and an ISO "
        "4217 currency, such as '0.06 USD'");
  CHECK(MoneyError("-1 USD") == "amount '-1 USD' is negative; prices cannot be negative");
  CHECK(MoneyError("0.0000001 USD") ==
        "amount '0.0000001 USD' has more than 6 decimal places (money is counted in millionths)");
  CHECK(MoneyError("$5") ==
        "bad amount '$5'; expected an amount and an ISO 4217 currency, such "
        "as '0.06 USD'");
}

TEST_CASE("fractions, rates and counts", "[units]") {
  double f = 0;
  std::string error;
  REQUIRE(ParseFraction("25%", &f, &error));
  CHECK(f == 0.25);
  REQUIRE(ParseFraction("0.125", &f, &error));
  CHECK(f == 0.125);
  CHECK_FALSE(ParseFraction("150%", &f, &error));
  CHECK(error == "'150%' is more than 100%");

  Rate r;
  REQUIRE(ParseRate("50/s", &r, &error));
  CHECK(r.count == 50);
  CHECK(r.per == kSecond);
  REQUIRE(ParseRate("3000/min", &r, &error));
  CHECK(r.PerSecond() == 50);
  REQUIRE(ParseRate("10/5m", &r, &error));
  CHECK(r.per == 5 * kMinute);
  CHECK_FALSE(ParseRate("50 per second", &r, &error));
  CHECK(error == "bad rate '50 per second'; expected a rate such as 50/s, 3000/min or 10/5m");

  int64_t n = 0;
  REQUIRE(ParseCount("1_000_000", &n, &error));
  CHECK(n == 1'000'000);
  CHECK_FALSE(ParseCount("ten", &n, &error));
  CHECK(error == "expected a whole number such as 10 or 1_000_000, not 'ten'");
  CHECK_FALSE(ParseCount("99999999999999999999", &n, &error));
  CHECK(error == "'99999999999999999999' is too large");
  CHECK_FALSE(ParseCount("1__0", &n, &error));
}

TEST_CASE("formatting gives text the parsers read back to the same value", "[units]") {
  for (const SimTime t :
       {SimTime{0}, SimTime{1}, 36 * kHour, kDay + 6 * kHour + 500, 90 * kDay + 59 * kSecond}) {
    SimTime back = -1;
    std::string error;
    REQUIRE(ParseDuration(FormatDuration(t), &back, &error));
    CHECK(back == t);
  }
  CHECK(FormatDuration(kDay + 6 * kHour) == "1d 6h");
  for (const int64_t b :
       {int64_t{0}, int64_t{1}, int64_t{1000}, int64_t{1536}, int64_t{1572864}, int64_t{3} << 40}) {
    int64_t back = -1;
    std::string error;
    REQUIRE(ParseDataSize(FormatDataSize(b), &back, &error));
    CHECK(back == b);
  }
  CHECK(FormatDataSize(1572864) == "1.5MB");
  CHECK(FormatDataSizeApprox(9809920) == "9.36MB");
}

TEST_CASE("counts for people carry thousands separators", "[units]") {
  CHECK(FormatCount(0) == "0");
  CHECK(FormatCount(812) == "812");
  CHECK(FormatCount(1000) == "1,000");
  CHECK(FormatCount(1234567) == "1,234,567");
  CHECK(FormatCount(-1000) == "-1,000");
  CHECK(FormatCount(INT64_MAX) == "9,223,372,036,854,775,807");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
