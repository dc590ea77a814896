// report.html's tables of the scenario's own words: the expectations with their verdicts, and
// what each timeline action did.
#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

// The expectation without its comparison ("energy.attach_attempts (group naive)"), which the
// expected column shows on its own.
std::string Measured(const Expectation& e) {
  const std::string suffix = " " + e.expected;
  if (e.text.size() > suffix.size() &&
      e.text.compare(e.text.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return e.text.substr(0, e.text.size() - suffix.size());
  }
  return e.text;
}

// Short text that must not wrap in a narrow column ("15 d 1 h", a time).
std::string NoBreak(const std::string& text) {
  std::string html;
  for (const char c : text) html += c == ' ' ? std::string("&nbsp;") : std::string(1, c);
  return html;
}

}  // namespace

std::string ExpectationTable(const RunResult& run) {
  const std::vector<ExpectationResult>& results = run.expectations();
  if (results.empty()) return Note("This scenario states no expectations.");
  const Scenario& s = run.scenario();
  HtmlTable table{{"", "expectation", "expected", "actual", "line"}, {}, {4}, {}};
  // Failures first, then the rest; each in file order.
  for (const bool failures : {true, false}) {
    for (size_t i = 0; i < results.size(); ++i) {
      const ExpectationResult& r = results[i];
      if (r.passed == failures) continue;
      const Expectation& e = s.expectations[i];
      const std::string actual = r.actual ? HumanMetricValue(s, e.unit, *r.actual) : r.actual_text;
      table.rows.push_back(
          {r.passed ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>",
           XmlEscape(Measured(e)), XmlEscape(HumanExpected(s, e)), XmlEscape(actual),
           std::to_string(e.line)});
      table.row_classes.push_back(r.passed ? "" : "failed");
    }
  }
  return RenderTable(table);
}

std::string TimelineTable(const RunResult& run) {
  const Scenario& s = run.scenario();
  if (s.timeline.empty()) return Note("No timeline actions.");
  HtmlTable table{
      {"at", "time (UTC)", "action", "applied", "unchanged", "refused"}, {}, {3, 4}, {}};
  for (size_t i = 0; i < s.timeline.size(); ++i) {
    const TimelineAction& a = s.timeline[i];
    const ActionOutcome& o = run.actions()[i];
    std::string refused = Thousands(static_cast<int64_t>(o.refused));
    for (const auto& [reason, count] : o.refusals) {
      refused += "<br>" + XmlEscape(reason) + ": " + Thousands(static_cast<int64_t>(count));
    }
    table.rows.push_back({NoBreak(HumanDuration(a.at)), NoBreak(HumanTime(s, a.at)),
                          XmlEscape(a.text), Thousands(static_cast<int64_t>(o.applied)),
                          Thousands(static_cast<int64_t>(o.unchanged)), refused});
  }
  return RenderTable(table);
}

}  // namespace carriersim
