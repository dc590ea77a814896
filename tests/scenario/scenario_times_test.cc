// Times in a scenario: the run's length (`duration` as a duration or a calendar span, or `end`),
// and time expressions wherever the timeline, outages and expectations take a time.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "simulator/base/calendar.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr const char* kBody = R"(carriers:
  soracom: { profile: soracom }
devices:
  tracker: { traffic: { every: 1h, uplink: 2KB } }
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
)";

std::string Head(const std::string& length) {
  return "name: t\nstart: 2026-01-01T00:00:00Z\n" + length + "\n";
}

UnixMillis Utc(const char* text) {
  std::string error;
  return ParseTimestamp(text, &error).value();
}

TEST_CASE("duration counts calendar months and years from the start", "[loader][times]") {
  const struct {
    const char* length;
    const char* end;
  } cases[] = {
      {"duration: 3 years", "2029-01-01T00:00:00Z"},
      {"duration: 18 months", "2027-07-01T00:00:00Z"},
      {"duration: 1 year 6 months", "2027-07-01T00:00:00Z"},
      {"duration: 1 month 12h", "2026-02-01T12:00:00Z"},
      {"duration: 30d", "2026-01-31T00:00:00Z"},
      {"end: 2029-04-01", "2029-04-01T00:00:00Z"},
      {"end: 2026-01-01T00:00:00.001Z", "2026-01-01T00:00:00.001Z"},
      {"end: 2026-06-01T09:00:00+09:00", "2026-06-01T00:00:00Z"},
      {"end: 2026-01-01 + 2 years", "2028-01-01T00:00:00Z"},
  };
  for (const auto& c : cases) {
    INFO(c.length);
    const Scenario s = test::LoadValid(Head(c.length) + kBody);
    CHECK(s.start + s.duration == Utc(c.end));
  }
  // Leap years count: 3 years from 2027 include 29 February 2028.
  const Scenario leap = test::LoadValid(
      "name: t\nstart: 2027-01-01T00:00:00Z\nduration: 3 years\n" + std::string(kBody));
  CHECK(leap.duration == (365 + 366 + 365) * kDay);
}

TEST_CASE("duration or end: exactly one, each checked", "[loader][times]") {
  CHECK(test::LoadErrors(Head("duration: 30d\nend: 2026-03-01") + kBody) ==
        std::vector<std::string>{"4:6: error: end: give either 'duration' (how long) or 'end' "
                                 "(when the run ends), not both"});
  CHECK(test::LoadErrors(Head("end: 2025-12-31") + kBody) ==
        std::vector<std::string>{
            "3:6: error: end: '2025-12-31' is not after the start (2026-01-01T00:00:00Z)"});
  CHECK(test::LoadErrors(Head("end: 2026-01-01") + kBody) ==
        std::vector<std::string>{
            "3:6: error: end: '2026-01-01' is not after the start (2026-01-01T00:00:00Z)"});
  CHECK(test::LoadErrors(Head("end: 30d") + kBody) ==
        std::vector<std::string>{"3:6: error: end: 'end' is a date or date-time, such as "
                                 "2029-04-01 (the first instant not simulated); for a length, "
                                 "write 'duration: 30d'"});
  CHECK(
      test::LoadErrors(Head("end: 2026-02-30") + kBody) ==
      std::vector<std::string>{"3:6: error: end: '2026-02-30': day does not exist in that month"});
  CHECK(test::LoadErrors(Head("duration: 0 months") + kBody) ==
        std::vector<std::string>{"3:11: error: duration: must be at least 1ms, got '0 months'"});
  CHECK(test::LoadErrors(Head("duration: 1.5 years") + kBody) ==
        std::vector<std::string>{"3:11: error: duration: span '1.5 years': months and years are "
                                 "whole numbers (write 18 months, not 1.5 years)"});
  CHECK(test::LoadErrors(Head("end: 2130-01-01") + kBody) ==
        std::vector<std::string>{"3:6: error: end: the run would last 37985d; a run lasts at "
                                 "most 100 years"});
  // Durations keep their own messages.
  CHECK(test::LoadErrors(Head("duration: 3 lightyears") + kBody) ==
        std::vector<std::string>{"3:11: error: duration: unknown duration unit 'lightyears' in "
                                 "'3 lightyears'; units are 'ms', 's', 'm', 'min', 'h', 'd' or "
                                 "'w'"});
}

TEST_CASE("timeline, outages and expectations take time expressions", "[loader][times]") {
  const std::string kore =
      "  kore: { profile: kore, upstream-outages: [{ from: 2026-03-01 + 2d, to: 2026-03-01 + 1 "
      "month }] }\n";
  std::string body = kBody;
  body.insert(body.find("devices:"), kore);
  const Scenario s = test::LoadValid(Head("duration: 1 year") + body + R"(timeline:
  - { at: 2026-11-01 + 5d, suspend: { group: trackers } }
  - { at: 2026-11-01, activate: { group: trackers } }
  - { at: 2026-11-01T00:00:00Z - 9d, power-cycle: { group: trackers } }
  - { at: 3 months, power-off: { group: trackers } }
  - { at: 2026-01-31 + 1 month 1d, power-on: { group: trackers } }
  - { at: 2026-11-01 + 0d, reinsert-sim: { group: trackers } }
  - { at: 2026-11-01 + 0 months, reinsert-sim: { group: trackers } }
expect:
  - { metric: sims.active, at: 2026-11-01 + 1 month, "==": 10 }
)");
  std::vector<std::pair<std::string, UnixMillis>> got;
  for (const TimelineAction& a : s.timeline) got.emplace_back(a.text, s.start + a.at);
  const std::vector<std::pair<std::string, UnixMillis>> expected = {
      {"power-on trackers", Utc("2026-03-01T00:00:00Z")},
      {"power-off trackers", Utc("2026-04-01T00:00:00Z")},
      {"power-cycle trackers", Utc("2026-10-23T00:00:00Z")},
      {"activate trackers", Utc("2026-11-01T00:00:00Z")},
      {"reinsert-sim trackers", Utc("2026-11-01T00:00:00Z")},
      {"reinsert-sim trackers", Utc("2026-11-01T00:00:00Z")},
      {"suspend trackers", Utc("2026-11-06T00:00:00Z")},
  };
  CHECK(got == expected);
  REQUIRE(s.expectations.size() == 1);
  CHECK(s.start + s.expectations[0].at == Utc("2026-12-01T00:00:00Z"));
  REQUIRE(s.carriers.size() == 2);
  REQUIRE(s.carriers[1].upstream_outages.size() == 1);
  CHECK(s.start + s.carriers[1].upstream_outages[0].from == Utc("2026-03-03T00:00:00Z"));
  CHECK(s.start + s.carriers[1].upstream_outages[0].to == Utc("2026-04-01T00:00:00Z"));
}

TEST_CASE("malformed time expressions are errors at their place", "[loader][times]") {
  const std::vector<std::string> errors =
      test::LoadErrors(Head("duration: 30d") + kBody + R"(timeline:
  - { at: 2026-01-10 + 5 lightyears, suspend: { group: trackers } }
  - { at: 2026-01-10+5d, suspend: { group: trackers } }
  - { at: 2026-01-10 - 10d, suspend: { group: trackers } }
  - { at: 2026-01-10 + 1 month, suspend: { group: trackers } }
  - { at: { when: 5d }, suspend: { group: trackers } }
  - { at: 2026-01-10 + 2d 1 month, suspend: { group: trackers } }
)");
  CHECK(errors ==
        std::vector<std::string>{
            "11:11: error: timeline[0].at: '2026-01-10 + 5 lightyears': after '+': unknown "
            "duration unit 'lightyears' in '5 lightyears'; units are 'ms', 's', 'm', 'min', 'h', "
            "'d' or 'w'; or a calendar span such as '3 months' or '1 year 6 months'",
            "12:11: error: timeline[1].at: '2026-01-10+5d': expected a UTC date-time such as "
            "2026-01-01T00:00:00Z (or a date such as 2026-01-01); write a span after a space and "
            "'+' or '-': '2026-11-01 + 5d'",
            "13:11: error: timeline[2].at: '2026-01-10 - 10d' is before the scenario start",
            "14:11: error: timeline[3].at: '2026-01-10 + 1 month' is not before the end of the "
            "run (duration 30d)",
            "15:11: error: timeline[4].at: expected a time: a duration since start such as 10d, "
            "a date-time such as 2026-01-11T00:00:00Z, or a date-time plus or minus a calendar "
            "span such as '2026-11-01 + 5 months'; got a mapping",
            "16:11: error: timeline[5].at: '2026-01-10 + 2d 1 month': after '+': span '2d 1 "
            "month': write months and years whole and first, such as '3 months', '1 year 6 "
            "months' or '1 month 2d'",
        });
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
