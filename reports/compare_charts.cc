// compare.html's money charts: the difference from the baseline with the break-evens marked,
// the total cost, and the fees by category; against the first sweep axis, or per variant
// without a sweep.
#include "reports/compare_charts.h"

#include <algorithm>

#include "reports/compare_html_internal.h"
#include "reports/html_page.h"

namespace carriersim {
namespace {

using cmp::At;
using cmp::Money;

double Units(double micros) { return micros / 1e6; }

const std::string& AxisName(const CompareSpec& spec) {
  return spec.parameters[spec.sweep[0].parameter].name;
}

// The break-evens of one chart as markers, variants cheaper from the same value sharing one:
// "standby and suspended from 9d". Returns what the note says of those without one.
std::string BreakEvenMarkers(const Comparison& c, const cmp::SweepX& x,
                             const std::vector<size_t>& where, ChartSpec& chart) {
  const CompareSpec& spec = c.family->spec;
  std::vector<std::string> never, unsettled;
  std::vector<std::pair<size_t, std::vector<std::string>>> froms;  // first axis index, variants
  for (const BreakEven& b : c.break_evens) {
    if (b.where != where) continue;
    const std::string& name = spec.variants[b.variant].name;
    if (!b.from) {
      (b.never ? never : unsettled).push_back(name);
      continue;
    }
    auto same =
        std::find_if(froms.begin(), froms.end(), [&](const auto& f) { return f.first == *b.from; });
    if (same == froms.end()) {
      froms.push_back({*b.from, {name}});
    } else {
      same->second.push_back(name);
    }
  }
  for (const auto& [from, names] : froms) {
    chart.markers.push_back(
        {x.X(from), -1, cmp::Listed(names) + " from " + spec.sweep[0].values[from].text});
  }
  std::string text;
  if (!never.empty()) {
    text = cmp::Listed(never) + (never.size() == 1 ? " never costs less" : " never cost less");
  }
  if (!unsettled.empty()) {
    text += (text.empty() ? "" : "; ") + cmp::Listed(unsettled) +
            (unsettled.size() == 1 ? " costs" : " cost") +
            " less at some points only, not to the end (see the break-even points above)";
  }
  return text;
}

// Each variant's total minus the baseline's at the same point, a line per variant but the
// baseline (the zero line), the break-evens marked: where a line goes below zero for good.
std::string DeltaChart(const Comparison& c, const cmp::SweepX& x,
                       const std::vector<size_t>& where) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart = cmp::SweepChart(x, c.currency);
  chart.zero_line = true;
  for (size_t v = 1; v < spec.variants.size(); ++v) {
    ChartSeries s = cmp::VariantLine(c, v);
    for (const size_t i : x.order) {
      const double delta = At(c, v, i, where).delta_total.mean;
      s.values.push_back(Units(delta));
      s.tips.push_back(Money(delta, true) + " " + c.currency);
    }
    chart.series.push_back(std::move(s));
  }
  const std::string& base = spec.variants[0].name;
  const std::string same = cmp::MarkSameLines(chart.series, base);
  const std::string without = BreakEvenMarkers(c, x, where, chart);
  std::string note = "each variant's total minus " + base + "'s at the same " + AxisName(spec) +
                     " (mean of the differences replicate by replicate): below the line at 0 "
                     "it costs less than " +
                     base +
                     "; a vertical line marks each break-even, "
                     "from where it stays cheaper to the end of the sweep";
  if (!without.empty()) note += "; " + without;
  if (!same.empty()) note += "; " + same;
  note += "; " + cmp::AxisNote(c, x);
  return Section(
      "Difference from " + base + " against " + AxisName(spec) + cmp::WhereSuffix(spec, where),
      note, LineChart(chart, false));
}

std::string TotalChart(const Comparison& c, const cmp::SweepX& x,
                       const std::vector<size_t>& where) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart = cmp::SweepChart(x, c.currency);
  for (size_t v = 0; v < spec.variants.size(); ++v) {
    ChartSeries s = cmp::VariantLine(c, v);
    for (const size_t i : x.order) {
      const double total = At(c, v, i, where).figures[0].mean;
      s.values.push_back(Units(total));
      s.tips.push_back(Money(total) + " " + c.currency);
    }
    chart.series.push_back(std::move(s));
  }
  const std::string same = cmp::MarkSameLines(chart.series);
  std::string note = "each variant's total over the run, mean of the replicates";
  if (!same.empty()) note += "; " + same;
  note += "; " + cmp::AxisNote(c, x);
  return Section("Total cost against " + AxisName(spec) + cmp::WhereSuffix(spec, where), note,
                 LineChart(chart, false));
}

// The categories charged in some run at these points (or any, without a sweep).
std::vector<size_t> ChargedCategories(const Comparison& c, const std::vector<size_t>* where) {
  std::vector<size_t> charged;
  for (size_t k = 0; k < c.categories.size(); ++k) {
    for (const PointResult& p : c.points) {
      if (where && !std::equal(where->begin(), where->end(), p.point.sweep.begin() + 1)) continue;
      if (p.fees_by_category[k].mean != 0) {
        charged.push_back(k);
        break;
      }
    }
  }
  return charged;
}

// Fees by category along the first axis: at each value, a bar per variant side by side, each
// stacked by category; one chart per value of the second axis.
std::string CategoryChart(const Comparison& c, const std::vector<size_t>& where) {
  const CompareSpec& spec = c.family->spec;
  const cmp::SweepX x = cmp::SweepXOf(c, 8);
  ChartSpec chart = Chart(x.labels, {}, c.currency);
  chart.full_values = true;
  std::string order;
  for (size_t v = 0; v < spec.variants.size(); ++v) {
    chart.groups.push_back({spec.variants[v].name, cmp::VariantColour(c, v)});
    order += (v == 0 ? "" : ", ") + spec.variants[v].name;
  }
  for (const size_t k : ChargedCategories(c, &where)) {
    for (size_t v = 0; v < spec.variants.size(); ++v) {
      ChartSeries s = Series(c.categories[k]);
      s.group = v;
      for (const size_t i : x.order) {
        const double fee = At(c, v, i, where).fees_by_category[k].mean;
        s.values.push_back(Units(fee));
        s.tips.push_back(Money(fee) + " " + c.currency);
      }
      chart.series.push_back(std::move(s));
    }
  }
  if (chart.series.empty()) return "";
  return Section("Fees by category against " + AxisName(spec) + cmp::WhereSuffix(spec, where),
                 "at each " + AxisName(spec) + " swept (evenly spaced here, " +
                     (x.numeric() ? "in increasing order" : "in the order swept") +
                     "), one bar per variant, left to right: " + order +
                     " (the strip under each bar is its variant's colour), stacked by fee "
                     "category; a bar's tooltip gives each amount, and the table below every one",
                 BarChart(chart));
}

// Without a sweep: a bar per variant, stacked by category.
std::string VariantFees(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  ChartSpec chart = Chart({}, {}, c.currency);
  chart.full_values = true;
  for (const VariantDef& v : spec.variants) chart.x_labels.push_back(v.name);
  for (const size_t k : ChargedCategories(c, nullptr)) {
    ChartSeries s = Series(c.categories[k]);
    for (const PointResult& p : c.points) {
      s.values.push_back(Units(p.fees_by_category[k].mean));
      s.tips.push_back(Money(p.fees_by_category[k].mean) + " " + c.currency);
    }
    chart.series.push_back(std::move(s));
  }
  if (chart.series.empty()) return "";
  return Section("Fees by category per variant", "mean of the replicates", BarChart(chart));
}

// Without a sweep: each variant's difference from the baseline, with its 95 % interval.
std::string VariantDelta(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  if (spec.variants.size() < 2) return "";
  ChartSpec chart = Chart({}, {}, c.currency);
  chart.full_values = true;
  chart.zero_line = true;
  ChartSeries s = Series("");
  for (size_t v = 1; v < spec.variants.size(); ++v) {
    const Estimate& d = c.points[v].delta_total;
    chart.x_labels.push_back(spec.variants[v].name);
    s.colours.push_back(cmp::VariantColour(c, v));
    s.values.push_back(Units(d.mean));
    std::string tip = Money(d.mean, true) + " " + c.currency;
    if (spec.replicates > 1) {
      s.low.push_back(Units(d.low()));
      s.high.push_back(Units(d.high()));
      tip += " (95 % interval " + Money(d.low(), true) + " to " + Money(d.high(), true) + ")";
    }
    s.tips.push_back(tip);
  }
  chart.series.push_back(std::move(s));
  const std::string& base = spec.variants[0].name;
  return Section("Difference from " + base,
                 "each variant's total minus " + base + "'s" +
                     (spec.replicates > 1
                          ? ", mean of the differences replicate by replicate, with their 95 % "
                            "confidence interval"
                          : "") +
                     ": below 0 it costs less",
                 BarChart(chart));
}

}  // namespace

std::string CompareMoneyCharts(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  if (spec.sweep.empty()) return VariantDelta(c) + VariantFees(c);
  const cmp::SweepX x = cmp::SweepXOf(c, 8);
  std::string html;
  for (const std::vector<size_t>& where : cmp::Wheres(spec)) {
    if (spec.variants.size() > 1) html += DeltaChart(c, x, where);
  }
  for (const std::vector<size_t>& where : cmp::Wheres(spec)) html += TotalChart(c, x, where);
  for (const std::vector<size_t>& where : cmp::Wheres(spec)) html += CategoryChart(c, where);
  return html;
}

}  // namespace carriersim
