// compare.html: the swept parameter to scale, variants that coincide told apart, the difference
// from the baseline with its break-evens, fees by category side by side, the operational
// figures (those zero in every run named), numbers with separators.
#include <catch2/catch.hpp>
#include <cmath>
#include <regex>

#include "reports/compare_reports.h"
#include "reports/human_format.h"
#include "simulator/compare/comparison.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// 1,200 idle sensors on plan01s, parked at day 10 and woken at `wake`: standby pays off from
// 9 idle days (wake = 19d, as in compare_test). `again` parks exactly as standby does, so its
// figures equal standby's everywhere. plan-US has no reactivation fee but bills whole months:
// within 15 idle days parking never pays there. The wake values are unevenly spaced.
constexpr const char* kParking = R"(
name: parking
start: 2026-01-01T00:00:00Z
duration: 40d
seed: 4
parameters:
  park: activate
  wake: 20d
  plan: plan01s
variants:
  active: {}
  standby: { park: set-to-standby }
  again: { park: set-to-standby }
sweep:
  wake: [10d, 11d, 19d, 25d]
  plan: [plan01s, plan-US]
carriers:
  soracom: { profile: soracom }
devices:
  sensor: { boot: 5s..30s }
fleet:
  - { group: fleet, count: 1200, carrier: soracom, plan: ${plan}, device: sensor }
timeline:
  - { at: 10d, power-off: { group: fleet } }
  - { at: 10d, ${park}: { group: fleet } }
  - { at: ${wake}, power-on: { group: fleet } }
)";

struct Compared {
  ScenarioFamily family;
  Comparison comparison;
  std::string html;
};

// The comparison of `text` (moved into place: the comparison points at its family).
std::unique_ptr<Compared> Compare(const std::string& text) {
  auto out = std::make_unique<Compared>();
  Diagnostics diag;
  FamilyResult read = ReadScenarioFamilyText("parking.yaml", text, diag);
  INFO(diag.ToText());
  REQUIRE(read.family);
  out->family = std::move(*read.family);
  std::optional<Comparison> c = RunComparison(out->family, CompareOptions::OnWorkers(2), diag);
  INFO(diag.ToText());
  REQUIRE(c);
  out->comparison = std::move(*c);
  out->html = CompareHtml(out->comparison);
  return out;
}

// The <section> whose heading is `title`; fails the test without one.
std::string SectionOf(const std::string& html, const std::string& title) {
  const size_t heading = html.find("<h2>" + title + "</h2>");
  INFO(title);
  REQUIRE(heading != std::string::npos);
  const size_t start = html.rfind("<section", heading);
  return html.substr(start, html.find("</section>", heading) - start);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The x of each point of the n-th polyline (a variant's line) of `svg`.
std::vector<double> LineXs(const std::string& svg, size_t n) {
  const std::regex polyline("<polyline points=\"([^\"]*)\"");
  auto it = std::sregex_iterator(svg.begin(), svg.end(), polyline);
  for (size_t i = 0; i < n && it != std::sregex_iterator(); ++i) ++it;
  REQUIRE(it != std::sregex_iterator());
  const std::string points = (*it)[1];
  std::vector<double> xs;
  const std::regex pair("([-0-9.]+),[-0-9.]+");
  for (auto p = std::sregex_iterator(points.begin(), points.end(), pair);
       p != std::sregex_iterator(); ++p) {
    xs.push_back(std::stod((*p)[1]));
  }
  return xs;
}

}  // namespace

TEST_CASE("compare.html draws a duration sweep to scale, with ticks at round days",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  const std::string total = SectionOf(run->html, "Total cost against wake (plan = plan01s)");
  // 10d, 11d, 19d and 25d over the plot from x = 64 to 744: at 0, 1/15, 9/15 and 15/15 of it.
  const std::vector<double> xs = LineXs(total, 0);
  REQUIRE(xs.size() == 4);
  for (size_t i = 0; i < xs.size(); ++i) {
    const double days[] = {10, 11, 19, 25};
    CHECK(std::fabs(xs[i] - (64 + 680 * (days[i] - 10) / 15)) < 0.06);
  }
  for (const char* tick : {">10d</text>", ">12d</text>", ">24d</text>"}) {
    CHECK(total.find(tick) != std::string::npos);
  }
  CHECK(total.find(">11d</text>") == std::string::npos);  // a value swept, not a round tick
  CHECK(total.find("wake to scale") != std::string::npos);
  CHECK(total.find("evenly spaced") == std::string::npos);
  CHECK(total.find("<title>standby, 19d: ") != std::string::npos);  // each point's tooltip
}

TEST_CASE("compare.html names a variant whose line is the same as another's",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  for (const std::string title : {"Total cost against wake (plan = plan01s)",
                                  "Difference from active against wake (plan = plan01s)"}) {
    const std::string section = SectionOf(run->html, title);
    CHECK(section.find(">again (same as standby)</text>") != std::string::npos);
    CHECK(section.find("again is the same as standby at every point") != std::string::npos);
    // Each variant its own dash and marks: again's line shows through standby's gaps.
    CHECK(section.find("stroke-dasharray=\"9 4\"") != std::string::npos);
    CHECK(section.find("stroke-dasharray=\"3 3\"") != std::string::npos);
  }
  // active is never the same as the others in total.
  const std::string total = SectionOf(run->html, "Total cost against wake (plan = plan01s)");
  CHECK(total.find(">standby (same as") == std::string::npos);
  // On plan-US nothing changes within the month: a difference of 0 is the baseline's line.
  const std::string us =
      SectionOf(run->html, "Difference from active against wake (plan = plan-US)");
  CHECK(us.find(">standby (same as active)</text>") != std::string::npos);
  CHECK(us.find("standby and again are the same as active at every point (on the line at 0)") !=
        std::string::npos);
}

TEST_CASE("compare.html marks each break-even on the difference from the baseline",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  const std::string delta =
      SectionOf(run->html, "Difference from active against wake (plan = plan01s)");
  // 19d is 9/15 along the plot: x = 64 + 408.
  CHECK(delta.find("<line x1=\"472.0\" y1=\"12.0\" x2=\"472.0\" y2=\"210.0\" class=\"marker\"/>") !=
        std::string::npos);
  CHECK(delta.find(">standby and again from 19d</text>") != std::string::npos);
  CHECK(delta.find("stroke=\"#334155\"") != std::string::npos);  // the line at 0
  CHECK(Count(delta, "<polyline") == 2);                         // not the baseline's own
  // At 25d parking saves money: the point is below 0, its tooltip signed.
  CHECK(std::regex_search(delta, std::regex("<title>standby, 25d: -[0-9,]+\\.[0-9]{2} USD")));
  const std::string us =
      SectionOf(run->html, "Difference from active against wake (plan = plan-US)");
  CHECK(us.find("class=\"marker\"") == std::string::npos);
  CHECK(us.find("standby and again never cost less") != std::string::npos);
}

TEST_CASE("compare.html charts the operational figures and names those zero in every run",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  const std::string figures = SectionOf(run->html, "Operational figures");
  // The parked SIMs are reactivated on waking; nothing is forced and no device is left silent.
  CHECK(
      figures.find(
          "not drawn, zero in every run: devices needing a power cycle and forced reactivations") !=
      std::string::npos);
  CHECK(figures.find("<h3>forced reactivations") == std::string::npos);
  for (const char* shown :
       {"<h3>reactivations (plan = plan01s)</h3>", "<h3>reactivations (plan = plan-US)</h3>",
        "<h3>attach attempts (plan = plan01s)</h3>",
        "<h3>radio hours per device (plan = plan-US)</h3>"}) {
    CHECK(figures.find(shown) != std::string::npos);
  }
  CHECK(figures.find("<title>standby, 19d: 1,200</title>") != std::string::npos);
}

TEST_CASE("compare.html shows fees by category in one chart per second-axis value",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  const Comparison& c = run->comparison;
  CHECK(Count(run->html, "<h2>Fees by category against wake") == 2);
  const std::string fees = SectionOf(run->html, "Fees by category against wake (plan = plan01s)");
  CHECK(Count(fees, "height=\"3\" fill=") == 3 * 4);  // a bar per variant at each wake
  // Every amount the old charts (one per variant) showed is still there, in a bar's tooltip.
  const CompareSpec& spec = run->family.spec;
  for (const PointResult& p : c.points) {
    for (size_t k = 0; k < c.categories.size(); ++k) {
      if (p.fees_by_category[k].mean == 0) continue;
      const std::string tip = "<title>" + spec.variants[p.point.variant].name + ", " +
                              spec.sweep[0].values[p.point.sweep[0]].text + ": " + c.categories[k] +
                              " " + HumanAmount(std::llround(p.fees_by_category[k].mean)) +
                              " USD</title>";
      INFO(tip);
      CHECK(run->html.find(tip) != std::string::npos);
    }
  }
}

TEST_CASE("compare.html writes numbers with thousands separators, amounts to the cent",
          "[compare][compare-html]") {
  const auto run = Compare(kParking);
  const std::string& html = run->html;
  // 1,200 SIMs: reactivations, status changes and fees in the thousands.
  CHECK(html.find("<td class=\"n\">1,200</td>") != std::string::npos);
  CHECK(std::regex_search(html, std::regex("<td class=\"n\">[0-9]{1,3},[0-9]{3}\\.[0-9]{2}</td>")));
  // No number of four digits or more without separators, in a cell or on an axis.
  CHECK_FALSE(std::regex_search(html, std::regex("<td class=\"n\">[-+]?[0-9]{4}")));
  CHECK_FALSE(std::regex_search(html, std::regex("class=\"tick\"[^>]*>-?[0-9]{4}")));
  CHECK(html.find("12.5k") == std::string::npos);
}

TEST_CASE("compare.html without a sweep: bars per variant with their 95 % interval",
          "[compare][compare-html]") {
  std::string text = kParking;
  text.replace(text.find("sweep:"), text.find("carriers:") - text.find("sweep:"),
               "replicates: 3\n");
  const auto run = Compare(text);
  const std::string delta = SectionOf(run->html, "Difference from active");
  CHECK(Count(delta, "stroke=\"#111827\"") == 2 * 3);  // standby's and again's whiskers
  CHECK(delta.find("95 % interval") != std::string::npos);
  const std::string figures = SectionOf(run->html, "Operational figures");
  CHECK(figures.find("with the 95 % confidence interval of 3 replicates") != std::string::npos);
  CHECK(figures.find("<h3>reactivations</h3>") != std::string::npos);
  CHECK(Count(figures, "stroke=\"#111827\"") % 3 == 0);
  CHECK(Count(figures, "stroke=\"#111827\"") >= 3 * 3 * 2);  // 3 variants in 2 charts at least
  CHECK(run->html.find("no sweep, 3 replicates each") != std::string::npos);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
