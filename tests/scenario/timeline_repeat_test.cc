// Recurring timeline actions: `every: SPAN` and `until: TIME` beside `at`, each time an action
// of its own, counted on the calendar from `at`.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "tests/scenario/rules_util.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

std::string Scenario(const std::string& length, const std::string& timeline) {
  return "name: t\nstart: 2026-01-01T00:00:00Z\n" + length + R"(
carriers:
  soracom: { profile: soracom }
devices:
  tracker: { boot: 0, traffic: { every: 1h, uplink: 1KB } }
network:
  cells: [{ name: metro, count: 2 }]
fleet:
  - { group: trackers, count: 20, carrier: soracom, plan: plan01s, device: tracker }
timeline:
)" + timeline;
}

std::string Utc(const carriersim::Scenario& s, SimTime at) { return FormatTimestamp(s.start + at); }

// "TIME TEXT" per action of the loaded timeline.
std::vector<std::string> Timeline(const carriersim::Scenario& s) {
  std::vector<std::string> lines;
  for (const TimelineAction& a : s.timeline) lines.push_back(Utc(s, a.at) + " " + a.text);
  return lines;
}

TEST_CASE("every repeats an action on the calendar from at, until the end of the run",
          "[loader][repeat]") {
  // From 31 January, each month's end: 28 Feb, 31 Mar (from 31 Jan, not from 28 Feb), 30 Apr.
  const carriersim::Scenario s = test::LoadValid(
      Scenario("end: 2026-06-01",
               "  - { at: 2026-01-31T12:00:00Z, every: 1 month, power-cycle: { group: "
               "trackers } }\n"));
  CHECK(Timeline(s) == std::vector<std::string>{
                           "2026-01-31T12:00:00Z power-cycle trackers",
                           "2026-02-28T12:00:00Z power-cycle trackers",
                           "2026-03-31T12:00:00Z power-cycle trackers",
                           "2026-04-30T12:00:00Z power-cycle trackers",
                           "2026-05-31T12:00:00Z power-cycle trackers",
                       });
  // Every occurrence keeps the entry's line; the first keeps the key of an entry without
  // `every`, each other one has its own.
  std::set<uint64_t> keys;
  for (const TimelineAction& a : s.timeline) {
    CHECK(a.line == 13);
    keys.insert(a.key);
  }
  CHECK(keys.size() == 5);
  CHECK(s.timeline[0].key == Mix64(1));
}

TEST_CASE("until ends a repetition, exclusive, and equal times keep the file order",
          "[loader][repeat]") {
  const carriersim::Scenario s = test::LoadValid(Scenario("duration: 30d", R"(
  - { at: 7d, suspend: { sim: "trackers#1" } }
  - { at: 0, every: 7d, until: 21d, suspend: { sim: "trackers#0" } }
  - { at: 14d, activate: { sim: "trackers#1" } }
  - { at: 2026-01-01, every: 1 year, activate: { sim: "trackers#2" } }
  - { at: 29d, every: 1d, activate: { sim: "trackers#3" } }
)"));
  CHECK(Timeline(s) == std::vector<std::string>{
                           "2026-01-01T00:00:00Z suspend trackers#0",
                           "2026-01-01T00:00:00Z activate trackers#2",
                           "2026-01-08T00:00:00Z suspend trackers#1",
                           "2026-01-08T00:00:00Z suspend trackers#0",
                           "2026-01-15T00:00:00Z suspend trackers#0",
                           "2026-01-15T00:00:00Z activate trackers#1",
                           "2026-01-30T00:00:00Z activate trackers#3",
                       });
}

TEST_CASE("repeated outages each end by an action of their own", "[loader][repeat]") {
  const carriersim::Scenario s = test::LoadValid(Scenario("duration: 3d", R"(
  - { at: 12h, every: 1d, cell-outage: { cell: metro-2, for: 13h } }
  - { at: 1h, every: 1d, until: 1d 2h, core-outage: { for: 10m } }
)"));
  CHECK(Timeline(s) == std::vector<std::string>{
                           "2026-01-01T01:00:00Z core-outage",
                           "2026-01-01T01:10:00Z core-outage ends",
                           "2026-01-01T12:00:00Z cell-outage metro-2",
                           "2026-01-02T01:00:00Z cell-outage metro-2 ends",
                           "2026-01-02T01:00:00Z core-outage",
                           "2026-01-02T01:10:00Z core-outage ends",
                           "2026-01-02T12:00:00Z cell-outage metro-2",
                           "2026-01-03T01:00:00Z cell-outage metro-2 ends",
                           "2026-01-03T12:00:00Z cell-outage metro-2",
                       });
  // The last one lasts past the end of the run: it has no end of its own.
  CHECK(s.timeline.back().until == 3 * kDay + kHour);
}

TEST_CASE("a spread is repeated with its action, each time drawn afresh", "[loader][repeat]") {
  const carriersim::Scenario s = test::LoadValid(Scenario("duration: 3d", R"(
  - { at: 1h, spread: 1h, every: 1d, power-cycle: { group: trackers } }
)"));
  REQUIRE(s.timeline.size() == 3);
  for (const TimelineAction& a : s.timeline) {
    CHECK(a.spread == kHour);
    CHECK(a.text == "power-cycle trackers (spread 1h)");
  }
  CHECK(s.timeline[2].at == 2 * kDay + kHour);
}

TEST_CASE("recurring actions: every mistake is an error at its place", "[loader][repeat]") {
  const std::vector<std::string> errors = test::LoadErrors(Scenario("duration: 30d", R"(
  - { at: 1d, until: 5d, suspend: { group: trackers } }
  - { at: 1d, every: 0d, suspend: { group: trackers } }
  - { at: 5d, every: 1d, until: 5d, suspend: { group: trackers } }
  - { at: 1d, every: 1h, spread: 2h, power-on: { group: trackers } }
  - { at: 1d, every: 1h, cell-outage: { cell: metro, for: 1h } }
  - { at: 1d, every: 1 month, core-outage: { for: 40d } }
  - { at: 1d 1h, every: 1d, spread: 23h 30m, power-on: { group: trackers } }
  - { at: 1d, every: 2 fortnights, suspend: { group: trackers } }
  - { at: 0, every: 10s, suspend: { group: trackers } }
)"));
  CHECK(errors ==
        std::vector<std::string>{
            "14:22: error: timeline[0].until: 'until' ends a repetition: give 'every' too (such "
            "as every: 1 month)",
            "15:22: error: timeline[1].every: must be more than 0: the action repeats after this "
            "long",
            "16:33: error: timeline[2].until: '5d' is not after 'at' (5d): the action would never "
            "happen",
            "17:22: error: timeline[3].every: 'every: 1h' repeats the action 1h after it starts, "
            "before its spread of 2h is over: each time must end before the next begins; repeat "
            "less often, or make 'spread' shorter",
            "18:22: error: timeline[4].every: 'every: 1h' repeats the action 1h after it starts, "
            "before its outage of 1h is over: each time must end before the next begins; repeat "
            "less often, or make 'for' shorter",
            "19:22: error: timeline[5].every: 'every: 1 month' repeats the action 31d (at the "
            "shortest) after it starts, before its outage of 40d is over: each time must end "
            "before the next begins; repeat less often, or make 'for' shorter",
            "20:37: error: timeline[6].spread: the spread of 23h 30m from 29d 1h (the last time "
            "'every' repeats the action) runs past the end of the run (duration 30d); end the "
            "repetition sooner with 'until'",
            "21:22: error: timeline[7].every: unknown duration unit 'fortnights' in '2 "
            "fortnights'; units are 'ms', 's', 'm', 'min', 'h', 'd' or 'w'; or a calendar span "
            "such as '3 months' or '1 year 6 months'",
            "22:21: error: timeline[8].every: with this 'every', the actions the timeline "
            "repeats pass 100000 (the most a scenario may have): repeat less often, or end "
            "sooner with 'until'",
        });
}

TEST_CASE("the cap on repeated actions counts every entry of the scenario", "[loader][repeat]") {
  // 60_000 + 40_000 is the most; one more is refused at the entry that passes it.
  test::LoadValid(Scenario("duration: 100d", R"(
  - { at: 0, every: 144s, suspend: { group: trackers } }
  - { at: 0, every: 216s, activate: { group: trackers } }
)"));
  const std::vector<std::string> errors = test::LoadErrors(Scenario("duration: 100d", R"(
  - { at: 0, every: 144s, suspend: { group: trackers } }
  - { at: 0, every: 216s, activate: { group: trackers } }
  - { at: 1h, every: 50d, activate: { group: trackers } }
)"));
  CHECK(errors == std::vector<std::string>{
                      "16:22: error: timeline[2].every: with this 'every', the actions the "
                      "timeline repeats pass 100000 (the most a scenario may have): repeat less "
                      "often, or end sooner with 'until'"});
}

TEST_CASE("a count picks its SIMs afresh each time the action repeats", "[rules][repeat]") {
  // Three trackers suspended each day and the whole group reactivated an hour later.
  const test::Run r = test::Simulate(test::Soracom(R"(fleet:
  - { group: trackers, count: 20, carrier: soracom, plan: plan01s, device: tracker }
timeline:
  - { at: 1d, every: 1d, until: 6d, suspend: { group: trackers, count: 3 } }
  - { at: 1d 1h, every: 1d, activate: { group: trackers } }
)"),
                                     "7d");
  const StatusId suspended = *r.Profile("soracom").FindStatus("suspended");
  std::map<SimTime, std::set<uint32_t>> by_day;
  for (const StatusChange& c : r.result->history()) {
    if (c.to == suspended) by_day[c.time].insert(c.sim);
  }
  REQUIRE(by_day.size() == 5);
  std::set<std::set<uint32_t>> distinct;
  for (const auto& [time, sims] : by_day) {
    CHECK(time % kDay == 0);
    CHECK(sims.size() == 3);
    distinct.insert(sims);
  }
  CHECK(distinct.size() == 5);  // the same three every day would be one set
  // Each day's actions are reported on their own.
  CHECK(r.result->actions().size() == 11);
  CHECK(r.result->actions()[0].applied == 3);
}

TEST_CASE("timeline.* on a recurring entry counts every time it acts, not only the first",
          "[expect][repeat]") {
  // Three trackers suspended on days 1 to 5 (5 times), the whole group activated an hour after
  // each, on days 1 to 6: each activation applies to the 3 suspended and leaves the other 17
  // active unchanged, and on day 6 all 20 are left unchanged.
  const test::Run r = test::Simulate(test::Soracom(R"(fleet:
  - { group: trackers, count: 20, carrier: soracom, plan: plan01s, device: tracker }
timeline:
  - { at: 1d, every: 1d, until: 6d, name: park, suspend: { group: trackers, count: 3 } }
  - { at: 1d 1h, every: 1d, name: wake, activate: { group: trackers } }
expect:
  - { metric: timeline.applied, action: park, "==": 15 }
  - { metric: timeline.applied, action: wake, "==": 15 }
  - { metric: timeline.unchanged, action: wake, "==": 105 }
  - { metric: timeline.refused, action: wake, "==": 0 }
  - { metric: timeline.applied, action: park, at: 2d 12h, "==": 6 }
  - { metric: timeline.applied, action: park, "==": 3 }
)"),
                                     "7d");
  const std::vector<ExpectationResult> results = r.result->expectations();
  REQUIRE(results.size() == 6);
  for (size_t i = 0; i < 5; ++i) {
    INFO("expectation " << i << ": got " << results[i].actual_text);
    CHECK(results[i].passed);
  }
  // What it counted before: the first time alone.
  CHECK_FALSE(results[5].passed);
  CHECK(results[5].actual_text == "15");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
