// report.html's content, read back from the page: a panel per group with its devices' spread,
// failures first with what was expected, the timeline marked on every time chart, close-ups
// around the timeline's instants whose counts add up, recovery per group, one colour per status,
// separators in numbers.
#include "reports/html_report.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "reports/colours.h"
#include "reports/human_format.h"
#include "simulator/results/pipeline.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Two reconnect policies in one cell, an outage, a suspend; one expectation passes, one fails.
const char* kTwoPolicies = R"(name: two-policies
start: 2026-03-01T00:00:00Z
duration: 2h
seed: 3
carriers:
  soracom: { profile: soracom }
network:
  cells:
    - { name: shared, capacity: 50/s }
devices:
  naive: { boot: 5s..15s, traffic: { every: 10m, uplink: 1KB }, firmware: { preset: naive } }
  ts34: { boot: 5s..15s, traffic: { every: 10m, uplink: 1KB }, firmware: { preset: gsma-ts34 } }
fleet:
  - { group: naive, count: 100, carrier: soracom, plan: plan01s, device: naive, cell: shared }
  - { group: ts34, count: 100, carrier: soracom, plan: plan01s, device: ts34, cell: shared }
  - { group: parked, count: 10, carrier: soracom, plan: plan01s, device: ts34, cell: shared }
timeline:
  - { at: 30m, suspend: { group: parked } }
  - { at: 1h, cell-outage: { cell: shared, for: 10m } }
expect:
  - { metric: sims.online, ">=": 0 }
  - { metric: sims.suspended, "==": 1000 }
)";

// The text from `start` (found at or after `from`) to the next `end` after it.
std::string Between(const std::string& html, const std::string& start, const std::string& end,
                    size_t from = 0) {
  const size_t a = html.find(start, from);
  REQUIRE(a != std::string::npos);
  const size_t b = html.find(end, a + start.size());
  REQUIRE(b != std::string::npos);
  return html.substr(a, b - a);
}

// The cells of the table row whose first cell is `first`.
std::vector<std::string> Row(const std::string& html, const std::string& first) {
  const std::string row = Between(html, "<td>" + first + "</td>", "</tr>");
  std::vector<std::string> cells;
  const std::regex cell("<td[^>]*>(.*?)</td>");
  for (auto it = std::sregex_iterator(row.begin(), row.end(), cell); it != std::sregex_iterator();
       ++it) {
    cells.push_back((*it)[1]);
  }
  return cells;
}

int64_t P95(std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  return values[(values.size() * 95 + 99) / 100 - 1];
}

}  // namespace

TEST_CASE("report.html has a panel per group with its devices' p50 and p95", "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  const RunResult run = RunScenario(scenario);
  const std::string html = HtmlReport(run);
  for (const GroupSpec& g : scenario.groups) {
    INFO("group " << g.name);
    const std::string panel = Between(html, "<section id=\"group-" + g.name + "\">", "</section>");
    std::vector<int64_t> attempts, radio;
    for (int64_t i = 0; i < g.count; ++i) {
      const SimRow row = run.Sim(static_cast<SimId>(g.first_sim + i));
      attempts.push_back(row.attach_attempts);
      radio.push_back(row.radio_ms);
    }
    // per device: total, mean, p50, p95, max
    const std::vector<std::string> a = Row(panel, "attach attempts");
    REQUIRE(a.size() == 6);
    CHECK(a[4] == Thousands(P95(attempts)));
    const std::vector<std::string> r = Row(panel, "radio time");
    REQUIRE(r.size() == 6);
    CHECK(r[4] == HumanHours(P95(radio)));
    CHECK(panel.find("fees by category") != std::string::npos);
  }
  // The policies differ, and the panels say so: naive reboots past every failure.
  CHECK(Row(Between(html, "id=\"group-naive\"", "</section>"), "attach attempts")[4] !=
        Row(Between(html, "id=\"group-ts34\"", "</section>"), "attach attempts")[4]);
}

TEST_CASE("report.html lists failed expectations first, with what was expected",
          "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  const std::string html = HtmlReport(RunScenario(scenario));
  const std::string table = Between(html, "<h2>Expectations</h2>", "</section>");
  const size_t fail = table.find(">FAIL<"), pass = table.find(">PASS<");
  REQUIRE(fail != std::string::npos);
  REQUIRE(pass != std::string::npos);
  CHECK(fail < pass);  // though written second
  CHECK(table.find("<th>expected</th>") != std::string::npos);
  CHECK(table.find("<td>sims.suspended</td><td>== 1,000</td><td>10</td>") != std::string::npos);
  CHECK(table.find("<tr class=\"failed\">") != std::string::npos);
}

TEST_CASE("report.html marks the timeline on every chart over the run", "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  const std::string html = HtmlReport(RunScenario(scenario));
  for (const char* title : {"SIMs per status", "Fees per month", "Attach attempts and rejects"}) {
    INFO(title);
    const std::string section = Between(html, std::string("<h2>") + title, "</section>");
    size_t charts = 0;
    for (size_t at = section.find("<svg "); at != std::string::npos;
         at = section.find("<svg ", at + 1)) {
      ++charts;
      const std::string svg = section.substr(at, section.find("</svg>", at) - at);
      CHECK(svg.find("class=\"marker\"") != std::string::npos);
      CHECK(svg.find("class=\"band\"") != std::string::npos);  // the outage
    }
    CHECK(charts >= 1);
    // Its label; on the fees' one month the three actions are close and share one.
    CHECK(section.find("class=\"mlabel\">suspend parked") != std::string::npos);
  }
}

TEST_CASE("report.html has a close-up of each timeline instant with recovery per group",
          "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  const RunResult run = RunScenario(scenario);
  const std::string html = HtmlReport(run);
  CHECK(html.find("<h2>Close-up: 2026-03-01 00:30: suspend parked</h2>") != std::string::npos);
  const std::string outage =
      Between(html, "<h2>Close-up: 2026-03-01 01:00: cell-outage shared", "</section>");
  CHECK(outage.find("Bins of 5 s") != std::string::npos);
  CHECK(outage.find("Attach attempts by group:") != std::string::npos);
  // The outage hit both policies: a row each, and all.
  REQUIRE(run.mass_events().size() == 1);
  const MassEvent& e = run.mass_events()[0];
  uint64_t naive = 0;
  for (const EventMember& m : e.members) naive += run.directory().group(m.device) == 0 ? 1 : 0;
  CHECK(naive > 0);
  CHECK(naive < e.affected);
  const std::string recovery = Between(outage, "<h3>Recovery: cell-outage shared</h3>", "</table>");
  CHECK(recovery.find("naive</td><td class=\"n\">" + Thousands(static_cast<int64_t>(naive)) +
                      "</td>") != std::string::npos);
  CHECK(recovery.find("ts34</td>") != std::string::npos);
  CHECK(recovery.find("<b>all</b></td><td class=\"n\">" +
                      Thousands(static_cast<int64_t>(e.affected)) + "</td>") != std::string::npos);
  // And each group's panel has its row of the event.
  CHECK(Between(html, "id=\"group-naive\"", "</section>").find("Recovery after mass events") !=
        std::string::npos);
}

TEST_CASE("report.html gives a status one colour in every chart, and numbers separators",
          "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  const std::string html = HtmlReport(RunScenario(scenario));
  const std::regex legend(
      "fill=\"(#[0-9a-f]{6})\"/><text[^>]*class=\"legend\">(suspended|active)<");
  size_t entries = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), legend);
       it != std::sregex_iterator(); ++it) {
    CHECK((*it)[1] == ColourOf((*it)[2].str()));
    ++entries;
  }
  CHECK(entries >= 3);  // the run's status chart and the close-ups'
  // No number of four digits or more without its separators in a table's number cells.
  CHECK_FALSE(std::regex_search(html, std::regex("<td class=\"n\">-?[0-9]{4,}[<. ]")));
  CHECK(html.find("210</div>") != std::string::npos);  // the SIMs card
  // Durations without milliseconds.
  CHECK_FALSE(std::regex_search(html, std::regex("[0-9] ?ms\\b")));
}

TEST_CASE("report.html says which timeline actions have no close-up", "[reports][html]") {
  // The fleet of kTwoPolicies over two days, power-cycled every hour: 48 windows to plan.
  std::string text = kTwoPolicies;
  text = text.substr(0, text.find("timeline:")) + "timeline:\n";
  text.replace(text.find("duration: 2h"), 12, "duration: 2d");
  for (int h = 0; h < 40; ++h) {
    text += "  - { at: " + std::to_string(h) + "h 1m, power-cycle: { group: parked } }\n";
  }
  const Scenario scenario = test::LoadValid(text);
  const std::string html = HtmlReport(RunScenario(scenario));
  size_t close_ups = 0;
  for (size_t at = html.find("<h2>Close-up: "); at != std::string::npos;
       at = html.find("<h2>Close-up: ", at + 1)) {
    ++close_ups;
  }
  CHECK(close_ups == EventWindows::kMaxWindows);
  CHECK(html.find("8 later timeline actions have no close-up") != std::string::npos);
  // Their power-cycles are mass events all the same: their recovery is shown apart.
  CHECK(html.find("<h2>Other mass events</h2>") != std::string::npos);
}

TEST_CASE("report.html is the same bytes for the same scenario and seed", "[reports][html]") {
  const Scenario scenario = test::LoadValid(kTwoPolicies);
  CHECK(HtmlReport(RunScenario(scenario)) == HtmlReport(RunScenario(scenario)));
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
