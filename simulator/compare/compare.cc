// Adding a comparison up: estimates per point, differences from the baseline, break-evens.
#include <algorithm>

#include "simulator/compare/comparison.h"

namespace carriersim {
namespace {

std::vector<double> Column(const PointResult& p,
                           const std::function<int64_t(const RunFigures&)>& of) {
  std::vector<double> values;
  for (const RunFigures& r : p.replicates) values.push_back(static_cast<double>(of(r)));
  return values;
}

std::vector<double> Differences(const PointResult& p, const PointResult& base,
                                const std::function<int64_t(const RunFigures&)>& of) {
  std::vector<double> values;
  for (size_t k = 0; k < p.replicates.size(); ++k) {
    values.push_back(static_cast<double>(of(p.replicates[k]) - of(base.replicates[k])));
  }
  return values;
}

int64_t Total(const RunFigures& r) { return r.figures[static_cast<size_t>(Figure::kFeesTotal)]; }

// The point of the baseline at the same sweep values as `p`.
const PointResult& BaselineOf(const Comparison& c, const PointResult& p) {
  const size_t per_variant = c.points.size() / c.family->spec.variants.size();
  const size_t index = static_cast<size_t>(&p - c.points.data()) % per_variant;
  return c.points[index];
}

std::string AxisValue(const CompareSpec& spec, size_t axis, size_t index) {
  return spec.parameters[spec.sweep[axis].parameter].name + " = " +
         spec.sweep[axis].values[index].text;
}

// The points of `variant` along the first axis, the later axes at `where`.
std::vector<const PointResult*> Line(const Comparison& c, size_t variant,
                                     const std::vector<size_t>& where) {
  std::vector<const PointResult*> line;
  for (const PointResult& p : c.points) {
    if (p.point.variant != variant) continue;
    if (std::equal(where.begin(), where.end(), p.point.sweep.begin() + 1)) line.push_back(&p);
  }
  return line;
}

BreakEven FindBreakEven(const Comparison& c, size_t variant, const std::vector<size_t>& where) {
  const CompareSpec& spec = c.family->spec;
  const std::vector<const PointResult*> line = Line(c, variant, where);
  const std::vector<const PointResult*> base = Line(c, 0, where);
  std::vector<bool> cheaper;
  for (size_t i = 0; i < line.size(); ++i) {
    cheaper.push_back(line[i]->figures[0].mean < base[i]->figures[0].mean);
  }
  BreakEven b;
  b.variant = variant;
  b.where = where;
  size_t from = cheaper.size();
  while (from > 0 && cheaper[from - 1]) --from;
  const std::string& name = spec.variants[variant].name;
  const std::string& baseline = spec.variants[0].name;
  const std::string axis = spec.parameters[spec.sweep[0].parameter].name;
  const std::vector<ParamValue>& values = spec.sweep[0].values;
  std::string tail;
  for (size_t a = 0; a < where.size(); ++a)
    tail += (a == 0 ? " with " : " and ") + AxisValue(spec, a + 1, where[a]);
  if (from == 0) {
    b.always = true;
    b.from = 0;
    b.sentence = name + " costs less than " + baseline + " at every " + axis + " swept (" +
                 values.front().text + " to " + values.back().text + ")" + tail;
  } else if (from == cheaper.size()) {
    b.never = std::none_of(cheaper.begin(), cheaper.end(), [](bool x) { return x; });
    b.sentence = name + (b.never ? " never costs less than " : " does not stay cheaper than ") +
                 baseline + " for " + axis + " up to " + values.back().text + tail;
    if (!b.never) {
      std::string at;
      for (size_t i = 0; i < cheaper.size(); ++i) {
        if (cheaper[i]) at += (at.empty() ? "" : ", ") + values[i].text;
      }
      b.sentence += " (cheaper only at " + at + ")";
    }
  } else {
    b.from = from;
    b.sentence =
        name + " is cheaper than " + baseline + " from " + axis + " = " + values[from].text + tail;
  }
  return b;
}

bool Holds(double actual, CompareOp op, double expected) {
  switch (op) {
    case CompareOp::kLess:
      return actual < expected;
    case CompareOp::kLessEqual:
      return actual <= expected;
    case CompareOp::kEqual:
      return actual == expected;
    case CompareOp::kNotEqual:
      return actual != expected;
    case CompareOp::kGreaterEqual:
      return actual >= expected;
    case CompareOp::kGreater:
      return actual > expected;
    case CompareOp::kBetween:
      break;
  }
  return false;
}

BreakEvenOutcome Check(const Comparison& c, const BreakEvenCheck& check) {
  const CompareSpec& spec = c.family->spec;
  std::vector<size_t> where;
  for (size_t a = 1; a < spec.sweep.size(); ++a) {
    size_t index = 0;
    for (const auto& [p, text] : check.where) {
      if (p != spec.sweep[a].parameter) continue;
      while (spec.sweep[a].values[index].text != text) ++index;  // checked by the reader
    }
    where.push_back(index);
  }
  const auto found = std::find_if(
      c.break_evens.begin(), c.break_evens.end(),
      [&](const BreakEven& b) { return b.variant == check.variant && b.where == where; });
  BreakEvenOutcome outcome;
  outcome.check = &check;
  const std::optional<size_t> from = found->from;
  outcome.actual = from ? spec.sweep[0].values[*from].text : "never";
  if (!check.value) {
    outcome.passed = (check.op == CompareOp::kEqual) == !from.has_value();
  } else {
    outcome.passed =
        from && Holds(spec.sweep[0].values[*from].number, check.op, check.value->number);
    if (!from && check.op == CompareOp::kNotEqual) outcome.passed = true;
  }
  return outcome;
}

}  // namespace

void Compare(Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  for (PointResult& p : c.points) {
    for (size_t k = 0; k < c.categories.size(); ++k) {
      p.fees_by_category.push_back(
          Estimate95(Column(p, [k](const RunFigures& r) { return r.fees_by_category[k]; })));
    }
    for (size_t f = 0; f < kFigureCount; ++f) {
      p.figures.push_back(Estimate95(Column(p, [f](const RunFigures& r) { return r.figures[f]; })));
    }
  }
  for (PointResult& p : c.points) {
    const PointResult& base = BaselineOf(c, p);
    p.delta_total = Estimate95(Differences(p, base, Total));
    for (size_t f = 0; f < kFigureCount; ++f) {
      p.delta_figures.push_back(
          Estimate95(Differences(p, base, [f](const RunFigures& r) { return r.figures[f]; })));
    }
  }
  if (spec.sweep.empty()) return;
  // Every combination of the later axes' values (none, or each value of the second axis).
  std::vector<std::vector<size_t>> wheres{{}};
  if (spec.sweep.size() == 2) {
    wheres.clear();
    for (size_t i = 0; i < spec.sweep[1].values.size(); ++i) wheres.push_back({i});
  }
  for (size_t v = 1; v < spec.variants.size(); ++v) {
    for (const std::vector<size_t>& where : wheres)
      c.break_evens.push_back(FindBreakEven(c, v, where));
  }
  for (const BreakEvenCheck& check : spec.break_evens) c.checks.push_back(Check(c, check));
}

}  // namespace carriersim
