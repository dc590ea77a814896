// compare.json: everything compare.csv has, with the spread of each figure, the break-evens and
// the checks, for scripts.
#include <cmath>
#include <nlohmann/json.hpp>

#include "reports/compare_reports.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

// Amounts as decimal text ("12.50"), exact in every language's JSON reader; counts as numbers.
Json Money(const Estimate& e, bool spread) {
  Json j{{"mean", FormatMicros(e.mean)}};
  if (spread) {
    j["sd"] = FormatMicros(e.sd);
    j["ci95"] = Json::array({FormatMicros(e.low()), FormatMicros(e.high())});
  }
  return j;
}

Json Number(Figure figure, const Estimate& e, bool spread) {
  const auto value = [&](double v) { return std::stod(FormatFigureValue(figure, v)); };
  Json j{{"mean", value(e.mean)}};
  if (spread) {
    j["sd"] = value(e.sd);
    j["ci95"] = Json::array({value(e.low()), value(e.high())});
  }
  return j;
}

Json Point(const Comparison& c, const PointResult& p) {
  const CompareSpec& spec = c.family->spec;
  const bool spread = spec.replicates > 1;
  Json sweep = Json::object();
  for (size_t a = 0; a < spec.sweep.size(); ++a) {
    sweep[spec.parameters[spec.sweep[a].parameter].name] =
        spec.sweep[a].values[p.point.sweep[a]].text;
  }
  Json categories = Json::object();
  for (size_t k = 0; k < c.categories.size(); ++k)
    categories[c.categories[k]] = Money(p.fees_by_category[k], spread);
  Json figures = Json::object(), deltas = Json::object();
  for (size_t f = 1; f < kFigureCount; ++f) {
    figures[std::string(FigureName(Figure(f)))] = Number(Figure(f), p.figures[f], spread);
    deltas[std::string(FigureName(Figure(f)))] = Number(Figure(f), p.delta_figures[f], spread);
  }
  return Json{{"variant", spec.variants[p.point.variant].name},
              {"sweep", sweep},
              {"fees", {{"total", Money(p.figures[0], spread)}, {"by_category", categories}}},
              {"delta_total", Money(p.delta_total, spread)},
              {"figures", figures},
              {"delta_figures", deltas},
              {"expectations", p.expectations},
              {"failures", p.failures}};
}

}  // namespace

std::string CompareJson(const Comparison& c) {
  const CompareSpec& spec = c.family->spec;
  Json parameters = Json::array();
  for (const ParameterDef& p : spec.parameters) {
    parameters.push_back(
        {{"name", p.name}, {"kind", std::string(ParamKindName(p.kind))}, {"value", p.value.text}});
  }
  Json variants = Json::array();
  for (const VariantDef& v : spec.variants) {
    Json values = Json::object();
    for (const auto& [p, value] : v.values) values[spec.parameters[p].name] = value.text;
    Json overrides = Json::array();
    for (const ScenarioOverride& o : v.overrides) overrides.push_back(o.path);
    variants.push_back({{"name", v.name},
                        {"description", v.description},
                        {"values", values},
                        {"overrides", overrides}});
  }
  Json sweep = Json::array();
  for (const SweepAxis& axis : spec.sweep) {
    Json values = Json::array();
    for (const ParamValue& v : axis.values) values.push_back(v.text);
    sweep.push_back({{"parameter", spec.parameters[axis.parameter].name}, {"values", values}});
  }
  Json points = Json::array();
  for (const PointResult& p : c.points) points.push_back(Point(c, p));
  Json break_evens = Json::array();
  for (const BreakEven& b : c.break_evens) {
    Json where = Json::object();
    for (size_t a = 0; a < b.where.size(); ++a) {
      where[spec.parameters[spec.sweep[a + 1].parameter].name] =
          spec.sweep[a + 1].values[b.where[a]].text;
    }
    break_evens.push_back(
        {{"variant", spec.variants[b.variant].name},
         {"against", spec.variants[0].name},
         {"where", where},
         {"from", b.from ? Json(spec.sweep[0].values[*b.from].text) : Json(nullptr)},
         {"always", b.always},
         {"never", b.never},
         {"sentence", b.sentence}});
  }
  Json checks = Json::array();
  for (const BreakEvenOutcome& o : c.checks) {
    checks.push_back({{"line", o.check->line},
                      {"text", o.check->text},
                      {"passed", o.passed},
                      {"actual", o.actual}});
  }
  const Json doc{{"scenario", c.name},
                 {"file_sha256", c.family->sha256},
                 {"currency", c.currency},
                 {"replicates", spec.replicates},
                 {"runs", c.points.size() * static_cast<size_t>(spec.replicates)},
                 {"events", c.events},
                 {"parameters", parameters},
                 {"variants", variants},
                 {"sweep", sweep},
                 {"fee_categories", c.categories},
                 {"points", points},
                 {"break_evens", break_evens},
                 {"checks", checks}};
  return doc.dump(2) + "\n";
}

}  // namespace carriersim
