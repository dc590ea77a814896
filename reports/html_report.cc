// report.html: the page around its sections (html_sections.h), in the order a reader asks
// questions: did it pass, what happened over the run, what each group's devices did, what each
// instant of the timeline did up close, and what the timeline was.
#include "reports/html_report.h"

#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "reports/junit.h"  // ScenarioFileName
#include "reports/xml_escape.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

std::string Header(const RunResult& run) {
  const Scenario& s = run.scenario();
  return "<header><h1>" + XmlEscape(s.name) + "</h1><p>" + XmlEscape(HumanTime(s, 0)) + " .. " +
         XmlEscape(HumanTime(s, s.duration)) + " UTC (" + XmlEscape(HumanDuration(s.duration)) +
         "), seed " + std::to_string(run.seed()) + "</p><p>" + XmlEscape(ScenarioFileName(s.file)) +
         " &middot; sha256 " + XmlEscape(s.file_sha256.substr(0, 16)) + "&hellip;</p>" +
         (s.description.empty() ? "" : "<p>" + XmlEscape(s.description) + "</p>") + "</header>\n";
}

std::string Cards(const RunResult& run) {
  const Scenario& s = run.scenario();
  const SignalingCounters& sig = run.signaling().total;
  const SimTotals& all = run.totals().all;
  std::string html = "<div class=\"cards\">";
  html += Card("SIMs", Thousands(s.sim_count));
  html += Card("online at the end", Thousands(all.online));
  html += Card("attach attempts", Thousands(static_cast<int64_t>(sig.attach_attempts)));
  html += Card("rejects", Thousands(static_cast<int64_t>(sig.AttachRejects())));
  html += Card("fees", HumanAmount(all.fees.total) + " " + std::string(s.currency.str()));
  html += Card("data", FormatDataSizeApprox(all.uplink_bytes + all.downlink_bytes));
  html += Card("radio time", HumanHours(all.radio_ms));
  if (!run.expectations().empty()) {
    const size_t failed = run.expectation_failures();
    html += Card("expectations",
                 failed == 0 ? "all " + Thousands(static_cast<int64_t>(run.expectations().size())) +
                                   " passed"
                             : Thousands(static_cast<int64_t>(failed)) + " failed");
  }
  return html + "</div>\n";
}

}  // namespace

std::string HtmlReport(const RunResult& run) {
  const Scenario& s = run.scenario();
  const std::string per_row = "At the end of each row of timeseries.csv (every " +
                              HumanDuration(s.timeseries_interval) +
                              "); dashed lines are the timeline's actions, shaded spans its "
                              "outages and spread actions.";
  const std::vector<GroupFigures> figures = FiguresByGroup(run);
  std::string html =
      PageHead(s.name + " - carriersim report") + Header(run) + "<main>\n" + Cards(run);
  html += Section("Expectations", run.expectations().size() > 1 ? "Failures first." : "",
                  ExpectationTable(run));
  html += Section("SIMs per status", per_row, StatusCharts(run));
  html += Section("Fees per month", "By category, in " + std::string(s.currency.str()) + ".",
                  FeesChart(run));
  html += Section("Attach attempts and rejects",
                  "Requests that reached a cell, rejects (any cause) and #22 congestion "
                  "rejects, per row of timeseries.csv.",
                  SignalingCharts(run));
  html += Section("Energy per device",
                  "The energy proxy (DEV-4) by group: attach attempts the devices made (into a "
                  "dead cell too), time with the radio on, modem reboots; p50 and p95 over each "
                  "group's devices.",
                  EnergySection(run, figures));
  html += EventPanels(run);
  html += GroupPanels(run, figures);
  html += Section("Timeline", "What each action did to the SIMs it addressed.", TimelineTable(run));
  html += "</main><footer>carriersim " + XmlEscape(CARRIERSIM_VERSION) +
          " &middot; the same scenario and seed give the same report</footer></body></html>\n";
  return html;
}

}  // namespace carriersim
