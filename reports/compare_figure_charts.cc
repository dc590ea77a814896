// compare.html's operational figures: what each variant put the fleet and the network through,
// beside what it cost. Small charts two abreast, a figure per row.
#include "reports/compare_charts.h"
#include "reports/compare_html_internal.h"
#include "reports/html_page.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

constexpr Figure kCharted[] = {Figure::kReactivations, Figure::kPowerCycleNeeded,
                               Figure::kForcedReactivations, Figure::kAttachAttempts,
                               Figure::kRadioMsPerDevice};

bool ZeroInEveryRun(const Comparison& c, Figure f) {
  for (const PointResult& p : c.points) {
    for (const RunFigures& r : p.replicates) {
      if (r.figures[static_cast<size_t>(f)] != 0) return false;
    }
  }
  return true;
}

const char* UnitOf(Figure f) {
  switch (f) {
    case Figure::kPowerCycleNeeded:
      return "devices";
    case Figure::kAttachAttempts:
      return "attempts";
    case Figure::kRadioMsPerDevice:
      return "hours per device";
    default:
      return "reactivations";
  }
}

// As drawn: radio time in hours, the rest as counted.
double Drawn(Figure f, double v) { return f == Figure::kRadioMsPerDevice ? v / 3.6e6 : v; }

std::string Cell(const std::string& title, const std::string& body) {
  return "<div><h3>" + XmlEscape(title) + "</h3>" + body + "</div>";
}

// One figure against the first axis, a line per variant.
std::string SweepFigure(const Comparison& c, const cmp::SweepX& x, Figure f,
                        const std::vector<size_t>& where) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart = cmp::SweepChart(x, UnitOf(f));
  chart.width = cmp::kHalfWidth;
  const size_t k = static_cast<size_t>(f);
  for (size_t v = 0; v < spec.variants.size(); ++v) {
    ChartSeries s = cmp::VariantLine(c, v);
    for (const size_t i : x.order) {
      const double mean = cmp::At(c, v, i, where).figures[k].mean;
      s.values.push_back(Drawn(f, mean));
      s.tips.push_back(cmp::FigureText(f, mean));
    }
    chart.series.push_back(std::move(s));
  }
  const std::string same = cmp::MarkSameLines(chart.series);
  return Cell(std::string(FigureLabel(f)) + cmp::WhereSuffix(spec, where),
              LineChart(chart, false) + (same.empty() ? "" : Note(same)));
}

// One figure without a sweep: a bar per variant, with its 95 % interval when replicated.
std::string VariantFigure(const Comparison& c, Figure f) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart = Chart({}, {}, UnitOf(f));
  chart.width = cmp::kHalfWidth;
  chart.full_values = true;
  ChartSeries s = Series("");
  for (size_t v = 0; v < spec.variants.size(); ++v) {
    const Estimate& e = c.points[v].figures[static_cast<size_t>(f)];
    chart.x_labels.push_back(spec.variants[v].name);
    s.colours.push_back(cmp::VariantColour(c, v));
    s.values.push_back(Drawn(f, e.mean));
    std::string tip = cmp::FigureText(f, e.mean);
    if (spec.replicates > 1) {
      s.low.push_back(Drawn(f, e.low()));
      s.high.push_back(Drawn(f, e.high()));
      tip += " (95 % interval " + cmp::FigureText(f, e.low()) + " to " +
             cmp::FigureText(f, e.high()) + ")";
    }
    s.tips.push_back(tip);
  }
  chart.series.push_back(std::move(s));
  return Cell(std::string(FigureLabel(f)), BarChart(chart));
}

}  // namespace

std::string CompareFigureCharts(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  std::string cells;
  std::vector<std::string> skipped;
  const cmp::SweepX x = spec.sweep.empty() ? cmp::SweepX{} : cmp::SweepXOf(c, 5);
  for (const Figure f : kCharted) {
    if (ZeroInEveryRun(c, f)) {
      skipped.emplace_back(FigureLabel(f));
      continue;
    }
    if (spec.sweep.empty()) {
      cells += VariantFigure(c, f);
      continue;
    }
    for (const std::vector<size_t>& where : cmp::Wheres(spec)) cells += SweepFigure(c, x, f, where);
  }
  std::string note = "what each variant put the fleet through, mean of the replicates";
  if (spec.sweep.empty() && spec.replicates > 1) {
    note +=
        ", with the 95 % confidence interval of " + std::to_string(spec.replicates) + " replicates";
  }
  if (!spec.sweep.empty()) note += "; " + cmp::AxisNote(c, x);
  if (!skipped.empty()) note += "; not drawn, zero in every run: " + cmp::Listed(skipped);
  const std::string grid = cells.empty() ? "" : "<div class=\"pair\">" + cells + "</div>";
  return Section("Operational figures", note, grid);
}

}  // namespace carriersim
