// compare.html: a family of runs at a glance, in one self-contained file (inline CSS and SVG).
#include <algorithm>

#include "reports/compare_charts.h"
#include "reports/compare_html_internal.h"
#include "reports/compare_reports.h"
#include "reports/html_page.h"
#include "reports/human_format.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

// compare.html's own rules: small charts two abreast; the table a little denser, its numeric
// headers wrapping, so that a dozen columns fit the page (it scrolls if more do not).
constexpr const char* kStyle =
    ".pair{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:4px 16px}\n"
    ".wide{overflow-x:auto}.wide table{font-size:12px}.wide th,.wide td{padding:4px 6px}"
    ".wide th.n{white-space:normal}\n";

// A sweep value as written, a count with separators.
std::string SweepText(const CompareSpec& spec, size_t axis, size_t index) {
  const ParamValue& value = spec.sweep[axis].values[index];
  if (spec.parameters[spec.sweep[axis].parameter].kind == ParamKind::kCount) {
    return Thousands(static_cast<int64_t>(value.number));
  }
  return value.text;
}

// Every point: the sweep values, the total and its difference, the fees of each category
// charged anywhere, and the operational figures.
std::string Table(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  HtmlTable table;
  table.header.push_back("variant");
  for (const SweepAxis& axis : spec.sweep)
    table.header.push_back(spec.parameters[axis.parameter].name);
  const size_t first_number = table.header.size();
  table.header.push_back("total");
  table.header.push_back("against " + spec.variants[0].name);
  std::vector<size_t> charged;
  std::vector<std::string> uncharged;
  for (size_t k = 0; k < c.categories.size(); ++k) {
    const bool any = std::any_of(c.points.begin(), c.points.end(), [k](const PointResult& p) {
      return p.fees_by_category[k].mean != 0;
    });
    if (any) {
      charged.push_back(k);
      table.header.push_back(c.categories[k]);
    } else {
      uncharged.push_back(c.categories[k]);
    }
  }
  for (size_t f = 1; f < kFigureCount; ++f)
    table.header.push_back(std::string(FigureLabel(Figure(f))));
  for (size_t i = first_number; i < table.header.size(); ++i) table.numeric.push_back(i);
  for (const PointResult& p : c.points) {
    std::vector<std::string> row{spec.variants[p.point.variant].name};
    for (size_t a = 0; a < spec.sweep.size(); ++a)
      row.push_back(SweepText(spec, a, p.point.sweep[a]));
    std::string total = cmp::Money(p.figures[0].mean);
    if (spec.replicates > 1) total += " ± " + cmp::Money(p.figures[0].half_width, false, true);
    row.push_back(total);
    row.push_back(p.point.variant == 0 ? "" : cmp::Money(p.delta_total.mean, true));
    for (const size_t k : charged) row.push_back(cmp::Money(p.fees_by_category[k].mean));
    for (size_t f = 1; f < kFigureCount; ++f)
      row.push_back(cmp::FigureText(Figure(f), p.figures[f].mean));
    for (std::string& cell : row) cell = XmlEscape(cell);
    table.rows.push_back(std::move(row));
  }
  std::string note = "means";
  if (spec.replicates > 1) {
    note += " of " + std::to_string(spec.replicates) +
            " replicates; totals ± the half-width of their 95 % confidence interval";
  }
  note += "; amounts (the total, the difference and each fee category) in " + c.currency;
  if (!uncharged.empty()) note += "; no run was charged " + cmp::Listed(uncharged);
  return Section("Every run", note, "<div class=\"wide\">" + RenderTable(table) + "</div>");
}

std::string Checks(const Comparison& c) {
  std::string rows;
  for (const PointResult& p : c.points) {
    for (const std::string& f : p.failures) {
      rows += "<tr><td class=\"fail\">FAIL</td><td>" +
              XmlEscape(DescribeRunPoint(c.family->spec, p.point) + ": " + f) + "</td></tr>";
    }
  }
  for (const BreakEvenOutcome& o : c.checks) {
    rows += std::string("<tr><td class=\"") + (o.passed ? "pass\">PASS" : "fail\">FAIL") +
            "</td><td>line " + std::to_string(o.check->line) + ": " + XmlEscape(o.check->text) +
            (o.passed ? "" : XmlEscape(": got " + o.actual)) + "</td></tr>";
  }
  if (rows.empty()) return "";
  return Section("Expectations", "failures of the runs' expectations, and the break-even checks",
                 "<table>" + rows + "</table>");
}

// "4 variants", "1 replicate".
std::string Counted(size_t n, const std::string& noun) {
  return Thousands(static_cast<int64_t>(n)) + " " + noun + (n == 1 ? "" : "s");
}

// "30 sweep points (15 idle x 2 plan)", or "no sweep".
std::string Sweep(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  if (spec.sweep.empty()) return "no sweep";
  std::string axes;
  for (const SweepAxis& axis : spec.sweep) {
    axes += (axes.empty() ? "" : " x ") + Thousands(static_cast<int64_t>(axis.values.size())) +
            " " + spec.parameters[axis.parameter].name;
  }
  return Counted(c.points.size() / spec.variants.size(), "sweep point") + " (" + axes + ")";
}

}  // namespace

std::string CompareHtml(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  std::string html = PageHead(c.name + " - carriersim compare", kStyle);
  html += "<header><h1>" + XmlEscape(c.name) + ": comparison</h1><p>" +
          XmlEscape(Counted(spec.variants.size(), "variant") + ", " + Sweep(c) + ", " +
                    Counted(static_cast<size_t>(spec.replicates), "replicate") +
                    " each; baseline " + spec.variants[0].name) +
          "</p></header><main>\n";
  if (!c.break_evens.empty()) {
    std::string list = "<ul>";
    for (const BreakEven& b : c.break_evens) list += "<li>" + XmlEscape(b.sentence) + "</li>";
    html += Section("Break-even points",
                    "where each variant starts to cost less than the baseline, along " +
                        spec.parameters[spec.sweep[0].parameter].name,
                    list + "</ul>");
  }
  html += Checks(c);
  html += CompareMoneyCharts(c) + CompareFigureCharts(c);
  html += Table(c);
  html += "</main><footer>carriersim compare</footer></body></html>\n";
  return html;
}

}  // namespace carriersim
