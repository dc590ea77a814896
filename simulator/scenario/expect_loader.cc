// The `expect:` part of a scenario: assertions on named metrics, checked after the run. Names,
// scopes, times and units are all checked here, so that a misspelled metric is an error with
// its position, never an expectation that silently passes.
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

struct OpName {
  std::string_view key;
  CompareOp op;
};
constexpr OpName kOps[] = {
    {"<", CompareOp::kLess},          {"<=", CompareOp::kLessEqual},
    {"==", CompareOp::kEqual},        {"!=", CompareOp::kNotEqual},
    {">=", CompareOp::kGreaterEqual}, {">", CompareOp::kGreater},
    {"between", CompareOp::kBetween},
};

std::string ScopeNames(uint8_t scopes) {
  std::vector<std::string> names;
  if (scopes & kScopeAll) names.emplace_back("overall");
  if (scopes & kScopeGroup) names.emplace_back("per group");
  if (scopes & kScopeCarrier) names.emplace_back("per carrier");
  if (scopes & kScopePlan) names.emplace_back("per plan");
  if (scopes & kScopeCell) names.emplace_back("per cell");
  if (scopes & kScopeSim) names.emplace_back("per SIM");
  if (scopes & kScopeAction) names.emplace_back("per timeline action ('action: NAME')");
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return text;
}

// The scalar text of a value as written, for the expectation's text.
std::string Written(const Field& f) {
  if (f.value.IsScalar()) return f.value.Scalar();
  if (f.value.IsSequence() && f.value.size() == 2 && f.value[0].IsScalar() &&
      f.value[1].IsScalar()) {
    return f.value[0].Scalar() + " and " + f.value[1].Scalar();
  }
  return "?";
}

}  // namespace

void ScenarioLoader::ReadExpectations(const Field& expect, bool have_duration) {
  std::vector<std::string> statuses;
  for (const CarrierSpec& carrier : scenario_.carriers) {
    for (const StatusDef& s : carrier.profile.statuses) {
      if (std::find(statuses.begin(), statuses.end(), s.name) == statuses.end()) {
        statuses.push_back(s.name);
      }
    }
  }
  for (const Field& element : reader_.Elements(expect)) {
    if (element.value.IsMap() && element.value["break-even"]) continue;  // compare's (parameters.h)
    MapFields fields(reader_, element);
    if (!fields.is_map() || !AppliesToRun(fields)) continue;
    if (std::optional<Expectation> e = ReadExpectation(fields, element, statuses, have_duration)) {
      scenario_.expectations.push_back(std::move(*e));
    }
  }
}

std::optional<Expectation> ScenarioLoader::ReadExpectation(MapFields& fields, const Field& element,
                                                           const std::vector<std::string>& statuses,
                                                           bool have_duration) {
  const Field metric = fields.Required("metric", "the metric, such as sims.active or fees.total");
  std::vector<std::pair<Field, CompareOp>> comparisons;
  for (const OpName& op : kOps) {
    if (Field f = fields.Optional(op.key); f.present()) comparisons.emplace_back(f, op.op);
  }
  const Field at = fields.Optional("at");
  const Field tolerance = fields.Optional("tolerance");
  const ExpectKeys keys = ReadExpectKeyFields(fields);
  Expectation e;
  e.line = reader_.Where(element).line;
  std::optional<MetricRef> ref;
  if (metric.present()) {
    std::string error;
    if (std::optional<std::string> name = reader_.Text(metric)) {
      ref = ResolveMetric(*name, statuses, scenario_.fee_categories, &error);
      if (!ref) reader_.Error(metric, error);
    }
  }
  // The scope keys are read even when the metric is unknown, so that they are not reported
  // as unknown keys as well.
  const bool with_action = keys.action.present();
  const bool scope_ok =
      ref ? ReadExpectScope(fields, *ref->def, with_action, &e.scope)
          : (ReadExpectScope(fields, MetricCatalogue()[0], false, &e.scope), false);
  fields.Finish();
  if (comparisons.size() != 1) {
    reader_.Error(element, comparisons.empty()
                               ? "no comparison: add one such as '\"<=\": 10' or "
                                 "'between: [5, 10]' (operators <, <=, ==, !=, >=, >, between)"
                               : "more than one comparison; give each its own expectation");
    return std::nullopt;
  }
  if (!ref || !scope_ok) return std::nullopt;
  e.metric = ref->def->id;
  e.parameter = ref->parameter;
  e.unit = ref->def->unit;
  std::vector<std::string> narrowing;  // what the keys beyond the scope add to its text
  if (!ReadExpectKeys(keys, *ref, statuses, have_duration, &e, &narrowing)) {
    return std::nullopt;
  }
  const auto& [value, op] = comparisons[0];
  if (!ReadExpectAt(at, metric, *ref->def, have_duration, &e) || !ReadComparison(value, op, &e) ||
      !ReadTolerance(tolerance, metric, &e)) {
    return std::nullopt;
  }
  e.expected = std::string(value.key.Scalar()) + " " + Written(value);
  if (e.tolerance > 0) e.expected += " (+/- " + Written(tolerance) + ")";
  if (!e.scope.text.empty()) narrowing.insert(narrowing.begin(), e.scope.text);
  std::string within;
  for (const std::string& part : narrowing) within += (within.empty() ? "" : ", ") + part;
  e.text = metric.value.Scalar() + (within.empty() ? "" : " (" + within + ")") +
           (at.present() ? " at " + Written(at) : "") + " " + e.expected;
  return e;
}

bool ScenarioLoader::ReadExpectAt(const Field& at, const Field& metric, const MetricDef& def,
                                  bool have_duration, Expectation* e) {
  if (!at.present()) return true;
  if (!def.any_time) {
    reader_.Error(at, Quoted(std::string(metric.value.Scalar())) +
                          " is known at the end of the run only; remove 'at'");
    return false;
  }
  const std::optional<SimTime> when = ReadAt(at, have_duration);
  if (when) e->at = *when;
  return when.has_value();
}

bool ScenarioLoader::ReadComparison(const Field& value, CompareOp op, Expectation* e) {
  e->op = op;
  if (op != CompareOp::kBetween) {
    std::optional<int64_t> v = ReadMetricValue(value, e->unit);
    if (!v) return false;
    e->value = *v;
    return true;
  }
  std::vector<Field> bounds = reader_.Elements(value);
  if (bounds.size() != 2) {
    if (value.value.IsSequence()) reader_.Error(value, "'between' takes [LOW, HIGH]");
    return false;
  }
  std::optional<int64_t> low = ReadMetricValue(bounds[0], e->unit);
  std::optional<int64_t> high = ReadMetricValue(bounds[1], e->unit);
  if (!low || !high) return false;
  if (*low > *high) {
    reader_.Error(bounds[1], "the upper bound is below the lower one");
    return false;
  }
  e->value = *low;
  e->high = *high;
  return true;
}

bool ScenarioLoader::ReadTolerance(const Field& tolerance, const Field& metric, Expectation* e) {
  if (!tolerance.present()) return true;
  if (e->unit != MetricUnit::kMoney) {
    reader_.Error(tolerance, "'tolerance' goes with amounts of money; " +
                                 Quoted(metric.value.Scalar()) + " is " +
                                 std::string(MetricUnitName(e->unit)));
    return false;
  }
  std::optional<int64_t> t = ReadMetricValue(tolerance, MetricUnit::kMoney);
  if (!t) return false;
  e->tolerance = *t;
  return true;
}

// group: / carrier: / plan: (with carrier: when plans of several carriers share the name) /
// cell: / sim: — at most one, plan with its carrier; none: the whole run. A metric measured
// only per timeline action needs no scope when `action:` is given (`with_action`).
bool ScenarioLoader::ReadExpectScope(MapFields& fields, const MetricDef& def, bool with_action,
                                     ExpectScope* scope) {
  const Field group = fields.Optional("group");
  const Field carrier = fields.Optional("carrier");
  const Field plan = fields.Optional("plan");
  const Field cell = fields.Optional("cell");
  const Field sim = fields.Optional("sim");
  const int given = group.present() + (carrier.present() || plan.present()) + cell.present() +
                    sim.present();
  if (given > 1) {
    reader_.Error(Field{YAML::Node(), fields.node(), fields.path()},
                  "give one scope: group, carrier (with or without plan), cell or sim");
    return false;
  }
  using Kind = ExpectScope::Kind;
  const auto allowed = [&](const Field& f, uint8_t bit, std::string_view what) {
    if (def.scopes & bit) return true;
    reader_.Error(f, Quoted(std::string(def.name)) + " is not measured " + std::string(what) +
                         "; it is measured " + ScopeNames(def.scopes));
    return false;
  };
  if (group.present()) {
    if (!allowed(group, kScopeGroup, "per group")) return false;
    std::optional<uint32_t> g = Reference(group, scenario_.groups, group_ids_, "group");
    if (!g) return false;
    *scope = {Kind::kGroup, *g, 1, 0, "group " + scenario_.groups[*g].name};
  } else if (plan.present()) {
    if (!allowed(plan, kScopePlan, "per plan")) return false;
    std::optional<uint32_t> only;
    if (carrier.present()) {
      only = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
      if (!only) return false;
    }
    const std::optional<std::pair<uint32_t, PlanId>> found = FindPlan(plan, only);
    if (!found) return false;
    const std::string& name = scenario_.carriers[found->first].profile.plans[found->second].name;
    *scope = {Kind::kPlan, found->first, 1, found->second,
              "plan " + name + " of " + scenario_.carriers[found->first].name};
  } else if (carrier.present()) {
    if (!allowed(carrier, kScopeCarrier, "per carrier")) return false;
    std::optional<uint32_t> c = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
    if (!c) return false;
    *scope = {Kind::kCarrier, *c, 1, 0, "carrier " + scenario_.carriers[*c].name};
  } else if (cell.present()) {
    if (!allowed(cell, kScopeCell, "per cell")) return false;
    std::optional<std::pair<uint32_t, uint32_t>> cells = ReadCellRef(cell);
    if (!cells) return false;
    *scope = {Kind::kCell, cells->first, cells->second, 0, "cell " + cell.value.Scalar()};
  } else if (sim.present()) {
    if (!allowed(sim, kScopeSim, "per SIM")) return false;
    std::optional<std::pair<uint32_t, int64_t>> ref = ReadSimRef(sim);
    if (!ref) return false;
    const GroupSpec& g = scenario_.groups[ref->first];
    *scope = {Kind::kSim, static_cast<uint32_t>(g.first_sim + ref->second), 1, 0,
              "sim " + sim.value.Scalar()};
  } else if (!(def.scopes & kScopeAll) && !(with_action && (def.scopes & kScopeAction))) {
    reader_.Error(
        Field{YAML::Node(), fields.node(), fields.path()},
        def.scopes == kScopeAction
            ? Quoted(std::string(def.name)) + " needs 'action: NAME', the name of a timeline entry"
            : Quoted(std::string(def.name)) + " needs a scope: it is measured " +
                  ScopeNames(def.scopes));
    return false;
  }
  return true;
}

std::optional<int64_t> ScenarioLoader::ReadMetricValue(const Field& f, MetricUnit unit) {
  switch (unit) {
    case MetricUnit::kCount:
      return reader_.Count(f, 0, INT64_MAX);
    case MetricUnit::kBytes:
      return reader_.DataSize(f);
    case MetricUnit::kDuration:
      return reader_.Duration(f);
    case MetricUnit::kMoney: {
      std::optional<Money> m = reader_.MoneyAmount(f);
      if (!m) return std::nullopt;
      if (!(m->currency == scenario_.currency)) {
        reader_.Error(f, "the scenario reports in " + std::string(scenario_.currency.str()) +
                             "; give the amount in it");
        return std::nullopt;
      }
      return m->micros;
    }
  }
  return std::nullopt;
}

}  // namespace carriersim
