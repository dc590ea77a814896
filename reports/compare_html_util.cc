// The pieces compare.html's sections share: the sweep as an x axis, the variants' looks, numbers.
#include <algorithm>
#include <cmath>

#include "reports/axis_ticks.h"
#include "reports/compare_html_internal.h"
#include "reports/human_format.h"

namespace carriersim::cmp {
namespace {

// Dashes and marks by the variant's place, the baseline solid: lines that coincide (two
// variants billed alike) then still show, one through the other's gaps.
constexpr const char* kDashes[] = {"", "9 4", "3 3", "12 4 3 4", "1 4", "16 6"};
constexpr PointShape kShapes[] = {PointShape::kCircle,   PointShape::kSquare,
                                  PointShape::kTriangle, PointShape::kDiamond,
                                  PointShape::kCross,    PointShape::kTriangleDown};

}  // namespace

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

std::string WhereSuffix(const CompareSpec& spec, const std::vector<size_t>& where) {
  return where.empty() ? "" : " (" + WhereText(spec, where) + ")";
}

const PointResult& At(const Comparison& c, size_t variant, size_t first,
                      const std::vector<size_t>& where) {
  // AllRunPoints order: variants, then the first axis, then the second, the last fastest.
  const CompareSpec& spec = c.family->spec;
  size_t index = variant;
  for (size_t a = 0; a < spec.sweep.size(); ++a) {
    index = index * spec.sweep[a].values.size() + (a == 0 ? first : where[a - 1]);
  }
  return c.points[index];
}

double SweepX::X(size_t index) const {
  if (numeric()) {
    for (size_t k = 0; k < order.size(); ++k) {
      if (order[k] == index) return values[k];
    }
  }
  const auto at = std::find(order.begin(), order.end(), index);
  return static_cast<double>(at - order.begin());
}

SweepX SweepXOf(const Comparison& c, size_t max_ticks) {
  const CompareSpec& spec = c.family->spec;
  const SweepAxis& axis = spec.sweep[0];
  const ParameterDef& parameter = spec.parameters[axis.parameter];
  SweepX x;
  x.title = parameter.name;
  for (size_t i = 0; i < axis.values.size(); ++i) x.order.push_back(i);
  const auto [lo, hi] = std::minmax_element(
      axis.values.begin(), axis.values.end(),
      [](const ParamValue& l, const ParamValue& r) { return l.number < r.number; });
  if (parameter.kind != ParamKind::kName && lo->number < hi->number) {
    std::stable_sort(x.order.begin(), x.order.end(), [&](size_t l, size_t r) {
      return axis.values[l].number < axis.values[r].number;
    });
    for (const size_t i : x.order) x.values.push_back(axis.values[i].number);
    x.ticks = AxisTicks(parameter.kind, lo->number, hi->number, max_ticks);
    if (parameter.kind == ParamKind::kAmount) x.title += " (" + c.currency + ")";
  }
  for (const size_t i : x.order) x.labels.push_back(axis.values[i].text);
  return x;
}

ChartSpec SweepChart(const SweepX& x, const std::string& y_unit) {
  ChartSpec chart = Chart(x.labels, {}, y_unit);
  chart.x_values = x.values;
  chart.x_ticks = x.ticks;
  chart.x_title = x.title;
  chart.full_values = true;
  return chart;
}

std::string AxisNote(const Comparison& c, const SweepX& x) {
  const std::string& name = c.family->spec.parameters[c.family->spec.sweep[0].parameter].name;
  if (x.numeric()) {
    return name +
           " to scale: each value swept is a mark on the line, at its distance from the "
           "others";
  }
  return "the values of " + name + " are names, evenly spaced in the order swept";
}

std::string VariantColour(const Comparison& c, size_t variant) {
  std::vector<std::string> names;
  for (const VariantDef& v : c.family->spec.variants) names.push_back(v.name);
  return DistinctColours(names)[variant];
}

ChartSeries VariantLine(const Comparison& c, size_t variant) {
  ChartSeries s = Series(c.family->spec.variants[variant].name, VariantColour(c, variant));
  s.dash = kDashes[variant % std::size(kDashes)];
  s.shape = kShapes[variant % std::size(kShapes)];
  return s;
}

std::string MarkSameLines(std::vector<ChartSeries>& series, const std::string& zero_is) {
  std::vector<std::string> names;
  for (const ChartSeries& s : series) names.push_back(s.name);
  // Per series, the later ones equal to it; last, those equal to the line at 0.
  std::vector<std::vector<std::string>> same(series.size() + 1);
  const auto add = [&](size_t to, size_t s, const std::string& name) {
    series[s].name = names[s] + " (same as " + name + ")";
    same[to].push_back(names[s]);
  };
  for (size_t s = 0; s < series.size(); ++s) {
    const std::vector<double>& v = series[s].values;
    if (!zero_is.empty() && std::all_of(v.begin(), v.end(), [](double x) { return x == 0; })) {
      add(series.size(), s, zero_is);
      continue;
    }
    for (size_t t = 0; t < s; ++t) {
      if (v != series[t].values) continue;
      add(t, s, names[t]);
      break;
    }
  }
  std::string sentence;
  for (size_t t = 0; t <= series.size(); ++t) {
    if (same[t].empty()) continue;
    sentence += (sentence.empty() ? "" : "; ") + Listed(same[t]) +
                (same[t].size() == 1 ? " is" : " are") + " the same as " +
                (t < series.size() ? names[t] + " at every point, drawn over it"
                                   : zero_is + " at every point (on the line at 0)");
  }
  return sentence;
}

std::string Listed(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return text;
}

std::string Money(double micros, bool sign, bool cents) {
  const int64_t rounded = std::llround(micros);
  const std::string text =
      cents && std::llabs(rounded) >= 5'000 ? Thousands(micros / 1e6, 2) : HumanAmount(rounded);
  return (sign && rounded > 0 ? "+" : "") + text;
}

std::string FigureText(Figure figure, double value) {
  if (FigureIsMoney(figure)) return Money(value);
  if (figure == Figure::kRadioMsPerDevice) return HumanHours(std::llround(value));
  if (value == std::floor(value)) return Thousands(static_cast<int64_t>(value));
  return Thousands(value, 1);
}

}  // namespace carriersim::cmp
