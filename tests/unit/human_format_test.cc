// Numbers and colours for people (reports/human_format.h, reports/colours.h, the charts' tick
// values): separators, durations without milliseconds, hours, cents, one colour per name.
#include "reports/human_format.h"

#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>

#include "reports/colours.h"
#include "reports/svg_chart.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("counts take thousands separators", "[human-format]") {
  CHECK(Thousands(int64_t{0}) == "0");
  CHECK(Thousands(int64_t{999}) == "999");
  CHECK(Thousands(int64_t{1000}) == "1,000");
  CHECK(Thousands(int64_t{1234567}) == "1,234,567");
  CHECK(Thousands(int64_t{-1234}) == "-1,234");
  CHECK(Thousands(INT64_MIN) == "-9,223,372,036,854,775,808");
  CHECK(Thousands(1234.56, 1) == "1,234.6");
  CHECK(Thousands(-0.04, 1) == "0.0");
  CHECK(Thousands(-1234.5, 2) == "-1,234.50");
}

TEST_CASE("durations read in the largest unit and the largest of what is left, never in ms",
          "[human-format]") {
  CHECK(HumanDuration(0) == "0 s");
  CHECK(HumanDuration(250) == "< 1 s");
  CHECK(HumanDuration(1499) == "1 s");
  CHECK(HumanDuration(200 * kSecond) == "3 m 20 s");
  CHECK(HumanDuration(2 * kHour + 5 * kMinute) == "2 h 5 m");
  CHECK(HumanDuration(2 * kHour + 5 * kMinute + 40 * kSecond) == "2 h 6 m");
  CHECK(HumanDuration(kDay + 30 * kMinute) == "1 d 30 m");
  CHECK(HumanDuration(59 * kMinute + 59 * kSecond + 600) == "1 h");
  CHECK(HumanDuration(23 * kHour + 59 * kMinute + 45 * kSecond) == "1 d");  // 24 h carries
  CHECK(HumanDuration(400 * kDay + 3 * kHour) == "400 d 3 h");
  CHECK(HumanDuration(1500 * kDay) == "1,500 d");
  CHECK(HumanDuration(-90 * kSecond) == "-1 m 30 s");
  CHECK(HumanOffset(0) == "0");
  CHECK(HumanOffset(2 * kMinute) == "+2 m");
  CHECK(HumanOffset(-30 * kSecond) == "-30 s");
}

TEST_CASE("radio time reads in hours", "[human-format]") {
  CHECK(HumanHours(0) == "0 h");
  CHECK(HumanHours(10 * kSecond) == "0.0028 h");
  CHECK(HumanHours(15 * kMinute) == "0.25 h");
  CHECK(HumanHours(4444 * kHour + 30 * kMinute) == "4,444.5 h");
}

TEST_CASE("amounts read to the cent from one unit up, to four decimals below", "[human-format]") {
  CHECK(HumanAmount(1'234'567'891) == "1,234.57");
  CHECK(HumanAmount(24'000'000) == "24.00");
  CHECK(HumanAmount(-1'234'567'891) == "-1,234.57");
  CHECK(HumanAmount(123'705) == "0.1237");
  CHECK(HumanAmount(600'000) == "0.60");
  CHECK(HumanAmount(5) == "0.000005");
  CHECK(HumanAmount(0) == "0.00");
}

TEST_CASE("an expectation's comparison reads in its metric's unit", "[human-format]") {
  Scenario s;
  Expectation e;
  e.op = CompareOp::kGreater;
  e.value = 100'000;
  CHECK(HumanExpected(s, e) == "> 100,000");
  e.op = CompareOp::kBetween;
  e.value = 5;
  e.high = 40;
  CHECK(HumanExpected(s, e) == "between 5 and 40");
  e.unit = MetricUnit::kDuration;
  e.op = CompareOp::kLessEqual;
  e.value = 30 * kMinute;
  CHECK(HumanExpected(s, e) == "<= 30 m");
  e.unit = MetricUnit::kMoney;
  e.op = CompareOp::kEqual;
  e.value = 24'000'000;
  e.tolerance = 10'000;
  CHECK(HumanExpected(s, e) == "== 24.00 " + std::string(s.currency.str()) + " (+/- 0.01 " +
                                   std::string(s.currency.str()) + ")");
}

TEST_CASE("an instant of the run reads as a UTC date and time without milliseconds",
          "[human-format]") {
  Scenario s;
  s.start = 1'772'323'200'000;  // 2026-03-01T00:00:00Z
  CHECK(HumanTime(s, 0) == "2026-03-01 00:00");
  CHECK(HumanTime(s, kDay + 5 * kMinute + 7 * kSecond + 250) == "2026-03-02 00:05:07");
}

TEST_CASE("a status or fee category has one colour, the standard names fixed ones",
          "[human-format][colours]") {
  CHECK(std::string(ColourOf("active")) == "#16a34a");
  CHECK(std::string(ColourOf("suspended")) == "#dc2626");
  CHECK(std::string(ColourOf("basic")) == "#2563eb");
  // Other names: from a hash of the text, the same every time.
  CHECK(std::string(ColourOf("top-up-2")) == ColourOf("top-up-2"));
  CHECK(std::string(ColourOf("x")).size() == 7);
}

TEST_CASE("names that share charts get distinct colours, a standard name its own",
          "[human-format][colours]") {
  const std::vector<std::string> colours =
      DistinctColours({"naive", "backoff", "suspended", "ts34", "active", "active-2"});
  CHECK(colours[2] == ColourOf("suspended"));
  CHECK(colours[4] == ColourOf("active"));
  CHECK(std::set<std::string>(colours.begin(), colours.end()).size() == colours.size());
  CHECK(DistinctColours({"naive", "backoff"}) == DistinctColours({"naive", "backoff"}));
  std::vector<std::string> many;
  for (int i = 0; i < 24; ++i) many.push_back("g" + std::to_string(i));
  const std::vector<std::string> all = DistinctColours(many);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == 24);
}

TEST_CASE("chart values read with separators or a short suffix", "[human-format]") {
  CHECK(ChartValue(0) == "0");
  CHECK(ChartValue(2500) == "2,500");
  CHECK(ChartValue(12500) == "12.5k");
  CHECK(ChartValue(3e6) == "3M");
  CHECK(ChartValue(0.25) == "0.25");
  CHECK(ChartValue(-500) == "-500");
}

TEST_CASE("a line chart's axis takes negative values, with round ticks through 0",
          "[human-format]") {
  const std::string svg =
      LineChart(Chart({"a", "b", "c"}, {Series("change", "", {-0.2, 0.1, 0.3})}, "SIMs"), false);
  CHECK(svg.find(">-0.2</text>") != std::string::npos);
  CHECK(svg.find(">0</text>") != std::string::npos);
  CHECK_FALSE(std::regex_search(svg, std::regex("[0-9]e-[0-9]")));  // no 2.78e-17 for 0
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
