// compare.html: a family of runs at a glance, in one self-contained file (inline CSS and SVG).
#include <cmath>

#include "reports/compare_reports.h"
#include "reports/html_page.h"
#include "reports/svg_chart.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

double Units(double micros) { return micros / 1e6; }

// Later axes' values, one combination per chart ("plan = plan01s"); one empty one without.
std::vector<std::vector<size_t>> Wheres(const CompareSpec& spec) {
  if (spec.sweep.size() < 2) return {{}};
  std::vector<std::vector<size_t>> wheres;
  for (size_t i = 0; i < spec.sweep[1].values.size(); ++i) wheres.push_back({i});
  return wheres;
}

std::string WhereText(const CompareSpec& spec, const std::vector<size_t>& where) {
  std::string text;
  for (size_t a = 0; a < where.size(); ++a) {
    text += (a == 0 ? "" : ", ") + spec.parameters[spec.sweep[a + 1].parameter].name + " = " +
            spec.sweep[a + 1].values[where[a]].text;
  }
  return text;
}

const PointResult* Find(const Comparison& c, size_t variant, size_t first,
                        const std::vector<size_t>& where) {
  for (const PointResult& p : c.points) {
    if (p.point.variant != variant || p.point.sweep[0] != first) continue;
    if (std::equal(where.begin(), where.end(), p.point.sweep.begin() + 1)) return &p;
  }
  return nullptr;
}

// Total cost against the first axis, a line per variant.
std::string CostCharts(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  const SweepAxis& axis = spec.sweep[0];
  std::string html;
  std::vector<std::string> names;
  for (const VariantDef& v : spec.variants) names.push_back(v.name);
  const std::vector<std::string> colours = DistinctColours(names);
  for (const std::vector<size_t>& where : Wheres(spec)) {
    ChartSpec chart;
    chart.y_unit = c.currency;
    for (const ParamValue& v : axis.values) chart.x_labels.push_back(v.text);
    for (size_t v = 0; v < spec.variants.size(); ++v) {
      // Variants in colours of their own; fee categories below in their names' colours, as in
      // report.html.
      ChartSeries series{spec.variants[v].name, {}, colours[v]};
      for (size_t i = 0; i < axis.values.size(); ++i)
        series.values.push_back(Units(Find(c, v, i, where)->figures[0].mean));
      chart.series.push_back(std::move(series));
    }
    const std::string title = "Total cost against " + spec.parameters[axis.parameter].name +
                              (where.empty() ? "" : " (" + WhereText(spec, where) + ")");
    html += Section(title,
                    "each variant's total over the run, mean of the replicates; the values swept "
                    "are evenly spaced along the axis, whatever their differences",
                    LineChart(chart, false));
  }
  return html;
}

// Fees by category, stacked, along the first axis: one chart per variant (and later value).
std::string CategoryCharts(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  std::string html;
  for (const std::vector<size_t>& where : Wheres(spec)) {
    for (size_t v = 0; v < spec.variants.size(); ++v) {
      ChartSpec chart;
      chart.y_unit = c.currency;
      for (const ParamValue& x : spec.sweep[0].values) chart.x_labels.push_back(x.text);
      for (size_t k = 0; k < c.categories.size(); ++k) {
        ChartSeries series{c.categories[k], {}, ""};
        double sum = 0;
        for (size_t i = 0; i < spec.sweep[0].values.size(); ++i) {
          series.values.push_back(Units(Find(c, v, i, where)->fees_by_category[k].mean));
          sum += std::fabs(series.values.back());
        }
        if (sum > 0) chart.series.push_back(std::move(series));
      }
      if (chart.series.empty()) continue;
      html += Section("Fees by category: " + spec.variants[v].name +
                          (where.empty() ? "" : " (" + WhereText(spec, where) + ")"),
                      "", BarChart(chart));
    }
  }
  return html;
}

// Without a sweep: one stacked bar per variant.
std::string VariantBars(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart;
  chart.y_unit = c.currency;
  for (const VariantDef& v : spec.variants) chart.x_labels.push_back(v.name);
  for (size_t k = 0; k < c.categories.size(); ++k) {
    ChartSeries series{c.categories[k], {}, ""};
    double sum = 0;
    for (const PointResult& p : c.points) {
      series.values.push_back(Units(p.fees_by_category[k].mean));
      sum += std::fabs(series.values.back());
    }
    if (sum > 0) chart.series.push_back(std::move(series));
  }
  return Section("Fees by category per variant", "", BarChart(chart));
}

std::string Table(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  std::string html = "<table><tr><th>variant</th>";
  for (const SweepAxis& axis : spec.sweep)
    html += "<th>" + XmlEscape(spec.parameters[axis.parameter].name) + "</th>";
  html += "<th>total (" + XmlEscape(c.currency) + ")</th><th>against " +
          XmlEscape(spec.variants[0].name) + "</th>";
  for (size_t f = 1; f < kFigureCount; ++f)
    html += "<th>" + XmlEscape(std::string(FigureLabel(Figure(f)))) + "</th>";
  html += "</tr>";
  for (const PointResult& p : c.points) {
    html += "<tr><td>" + XmlEscape(spec.variants[p.point.variant].name) + "</td>";
    for (size_t a = 0; a < spec.sweep.size(); ++a)
      html += "<td>" + XmlEscape(spec.sweep[a].values[p.point.sweep[a]].text) + "</td>";
    std::string total = FormatMicros(p.figures[0].mean);
    if (spec.replicates > 1) total += " &plusmn; " + FormatMicros(p.figures[0].half_width);
    html +=
        "<td class=\"n\">" + total + "</td><td class=\"n\">" +
        (p.point.variant == 0
             ? ""
             : XmlEscape((p.delta_total.mean > 0 ? "+" : "") + FormatMicros(p.delta_total.mean))) +
        "</td>";
    for (size_t f = 1; f < kFigureCount; ++f) {
      html +=
          "<td class=\"n\">" + XmlEscape(FormatFigureValue(Figure(f), p.figures[f].mean)) + "</td>";
    }
    html += "</tr>";
  }
  return Section("Every run",
                 spec.replicates > 1
                     ? "totals: mean ± half-width of the 95 % confidence interval over " +
                           std::to_string(spec.replicates) + " replicates"
                     : "",
                 html + "</table>");
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

}  // namespace

std::string CompareHtml(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  std::string html = PageHead(c.name + " - carriersim compare");
  html += "<header><h1>" + XmlEscape(c.name) + ": comparison</h1><p>" +
          std::to_string(spec.variants.size()) + " variants, " +
          std::to_string(c.points.size() / spec.variants.size()) + " sweep points, " +
          std::to_string(spec.replicates) + " replicate(s); baseline " +
          XmlEscape(spec.variants[0].name) + "</p></header><main>\n";
  if (!c.break_evens.empty()) {
    std::string list = "<ul>";
    for (const BreakEven& b : c.break_evens) list += "<li>" + XmlEscape(b.sentence) + "</li>";
    html += Section("Break-even points",
                    "where each variant starts to cost less than the baseline, along " +
                        spec.parameters[spec.sweep[0].parameter].name,
                    list + "</ul>");
  }
  html += Checks(c);
  html += spec.sweep.empty() ? VariantBars(c) : CostCharts(c) + CategoryCharts(c);
  html += Table(c);
  html += "</main><footer>carriersim compare</footer></body></html>\n";
  return html;
}

}  // namespace carriersim
