// The windows around the timeline's instants where attach signaling is counted at a fine
// resolution (observers/event_windows.h): how they are planned, and that counting in them finds
// the right bin whatever the order of the times.
#include "simulator/observers/event_windows.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// A scenario of `groups` groups of 5 SIMs over 10 days, with `timeline` (YAML list entries).
Scenario WithTimeline(const std::string& timeline, int groups = 1) {
  std::string text =
      "name: w\nstart: 2026-01-01T00:00:00Z\nduration: 10d\n"
      "carriers:\n  soracom: { profile: soracom }\n"
      "network:\n  cells:\n    - { name: c }\n"
      "devices:\n  d: { boot: 10s }\nfleet:\n";
  for (int g = 0; g < groups; ++g) {
    text += "  - { group: g" + std::to_string(g) +
            ", count: 5, carrier: soracom, plan: plan01s, device: d }\n";
  }
  return test::LoadValid(text + "timeline:\n" + timeline);
}

}  // namespace

TEST_CASE("an instant action gets a window of 2 s bins from a minute before to 10 minutes after",
          "[event-windows]") {
  const Scenario s = WithTimeline("  - { at: 1d, suspend: { group: g0 } }\n");
  const std::vector<EventWindow> windows = PlanEventWindows(s);
  REQUIRE(windows.size() == 1);
  const EventWindow& w = windows[0];
  CHECK(w.width == 2 * kSecond);
  CHECK(w.from == kDay - kMinute);
  CHECK(w.to() >= kDay + 10 * kMinute);
  CHECK(w.bin_count <= EventWindows::kMaxBins);
  CHECK(w.actions == std::vector<uint32_t>{0});
}

TEST_CASE("an outage's window covers it and as long again after its end, in round bins",
          "[event-windows]") {
  const Scenario s = WithTimeline("  - { at: 2d, cell-outage: { cell: c, for: 30m } }\n");
  const std::vector<EventWindow> windows = PlanEventWindows(s);
  REQUIRE(windows.size() == 1);  // the outage and its end, added by the loader, share it
  const EventWindow& w = windows[0];
  CHECK(w.actions.size() == 2);
  CHECK(w.from <= 2 * kDay - 6 * kMinute);
  CHECK(w.to() >= 2 * kDay + 60 * kMinute);
  CHECK(w.width == 10 * kSecond);
  CHECK(w.from % w.width == 0);
  CHECK(w.bin_count <= EventWindows::kMaxBins);
}

TEST_CASE("actions whose windows overlap share one, and windows never overlap", "[event-windows]") {
  const Scenario s = WithTimeline(
      "  - { at: 1d, suspend: { group: g0 } }\n"
      "  - { at: 1d 5m, activate: { group: g0 } }\n"
      "  - { at: 1d 11m, suspend: { group: g0 } }\n"
      "  - { at: 3d, activate: { group: g0 } }\n");
  const std::vector<EventWindow> windows = PlanEventWindows(s);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].actions == std::vector<uint32_t>{0, 1, 2});
  CHECK(windows[1].actions == std::vector<uint32_t>{3});
  CHECK(windows[0].to() <= windows[1].from);
  CHECK(windows[0].to() >= kDay + 21 * kMinute);
}

TEST_CASE("only the first 32 instants get a window, whatever the timeline's length",
          "[event-windows]") {
  std::string timeline;
  for (int h = 1; h <= 40; ++h) {
    timeline += "  - { at: " + std::to_string(h * 5) + "h, suspend: { group: g0 } }\n";
  }
  const std::vector<EventWindow> windows = PlanEventWindows(WithTimeline(timeline));
  REQUIRE(windows.size() == EventWindows::kMaxWindows);
  CHECK(windows.back().actions == std::vector<uint32_t>{31});
}

TEST_CASE("a long spread gets coarser bins, never more than the maximum", "[event-windows]") {
  const std::vector<EventWindow> windows =
      PlanEventWindows(WithTimeline("  - { at: 1d, spread: 2d, suspend: { group: g0 } }\n"));
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].bin_count <= EventWindows::kMaxBins);
  CHECK(windows[0].to() >= 5 * kDay);  // the spread, and as long again after it
  CHECK(windows[0].width == 15 * kMinute);
}

TEST_CASE("counting finds the bin of a time in any order, and nothing outside the windows",
          "[event-windows]") {
  const Scenario s = WithTimeline(
      "  - { at: 1d, suspend: { group: g0 } }\n"
      "  - { at: 3d, activate: { group: g1 } }\n",
      2);
  EventWindows windows(s);
  REQUIRE(windows.windows().size() == 2);
  CHECK(windows.BinAt(0) == nullptr);
  CHECK(windows.BinAt(2 * kDay) == nullptr);
  CHECK(windows.BinAt(20 * kDay) == nullptr);
  // Later window first, then the earlier one, then a gap, then the later one again.
  windows.Attempt(3 * kDay + 5 * kSecond, 1);
  windows.Attempt(kDay + 3 * kSecond, 0);
  CHECK(windows.BinAt(2 * kDay) == nullptr);
  windows.Attempt(3 * kDay + 4 * kSecond, 1);
  ++windows.BinAt(kDay + 2 * kSecond)->rejects;
  const EventWindow& first = windows.windows()[0];
  const EventWindow& second = windows.windows()[1];
  const size_t b1 = static_cast<size_t>((kDay + 3 * kSecond - first.from) / first.width);
  CHECK(first.bins[b1].attempts == 1);
  CHECK(first.bins[b1].rejects == 1);  // 1d 2s and 1d 3s share a 2 s bin
  CHECK(first.group_attempts[b1 * windows.columns() + 0] == 1);
  const size_t b2 = static_cast<size_t>((3 * kDay + 4 * kSecond - second.from) / second.width);
  CHECK(second.bins[b2].attempts == 2);
  CHECK(second.group_attempts[b2 * windows.columns() + 1] == 2);
  CHECK(second.group_attempts[b2 * windows.columns() + 0] == 0);
}

TEST_CASE("past twelve groups, one column adds up the rest", "[event-windows]") {
  CHECK(EventWindowColumns(3) == 3);
  CHECK(EventWindowColumns(12) == 12);
  CHECK(EventWindowColumns(14) == 13);
  const Scenario s = WithTimeline("  - { at: 1d, suspend: { group: g0 } }\n", 14);
  EventWindows windows(s);
  windows.Attempt(kDay, 13);
  windows.Attempt(kDay, 12);
  const EventWindow& w = windows.windows()[0];
  const size_t bin = static_cast<size_t>((kDay - w.from) / w.width);
  CHECK(w.group_attempts[bin * 13 + 12] == 2);
}

TEST_CASE("a scenario without a timeline has no windows", "[event-windows]") {
  const Scenario s = test::LoadValid(
      "name: w\nstart: 2026-01-01T00:00:00Z\nduration: 1d\n"
      "carriers:\n  soracom: { profile: soracom }\n"
      "devices:\n  d: { boot: 10s }\n"
      "fleet:\n  - { group: g, count: 5, carrier: soracom, plan: plan01s, device: d }\n");
  EventWindows windows(s);
  CHECK(windows.windows().empty());
  CHECK(windows.BinAt(0) == nullptr);
  CHECK(windows.BinAt(kHour) == nullptr);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
