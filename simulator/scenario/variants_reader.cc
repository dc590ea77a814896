// `variants:`, `sweep:` and the break-even checks of `expect:`; the runs they make.
#include <algorithm>

#include "simulator/scenario/param_values.h"
#include "simulator/scenario/parameters_internal.h"

namespace carriersim {
namespace {

constexpr size_t kMaxSweepValues = 10'000;

struct OpKey {
  std::string_view key;
  CompareOp op;
};
constexpr OpKey kOps[] = {
    {"<", CompareOp::kLess},      {"<=", CompareOp::kLessEqual},    {"==", CompareOp::kEqual},
    {"!=", CompareOp::kNotEqual}, {">=", CompareOp::kGreaterEqual}, {">", CompareOp::kGreater},
};

bool IsSwept(const CompareSpec& spec, size_t parameter) {
  return std::any_of(spec.sweep.begin(), spec.sweep.end(),
                     [&](const SweepAxis& a) { return a.parameter == parameter; });
}

}  // namespace

void CompareSpecReader::ReadVariants(const Field& f) {
  MapFields map(reader_, f);
  for (const Field& entry : map.Entries()) {
    VariantDef variant;
    std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
    if (!name) continue;
    variant.name = *name;
    variant.line = Where(entry).line;
    if (entry.value.IsNull() || ReadVariant(entry, &variant)) {
      spec_.variants.push_back(std::move(variant));
    }
  }
  map.Finish();
  if (map.is_map() && spec_.variants.empty()) {
    reader_.Error(f, "no variants: name at least one (the first is the baseline)");
  }
}

bool CompareSpecReader::ReadVariant(const Field& entry, VariantDef* variant) {
  MapFields fields(reader_, entry);
  if (!fields.is_map()) return false;
  bool ok = true;
  if (Field d = fields.Optional("description"); d.present()) {
    variant->description = reader_.Text(d).value_or("");
  }
  if (Field o = fields.Optional("overrides"); o.present()) {
    MapFields paths(reader_, o);
    for (const Field& path : paths.Entries()) {
      variant->overrides.push_back(
          {path.key.Scalar(), path.value, Where(Field{path.key, path.key, path.path})});
    }
    paths.Finish();
  }
  for (const Field& value : fields.Entries()) {
    if (value.key.Scalar() == "description" || value.key.Scalar() == "overrides") continue;
    const Field key{value.key, value.key, value.path};
    const std::optional<size_t> p =
        ParameterRef(key, "a variant's key (besides description and overrides)");
    if (!p) {
      ok = false;
      continue;
    }
    const ParameterDef& parameter = spec_.parameters[*p];
    if (IsSwept(spec_, *p)) {
      reader_.Error(key, Quoted(parameter.name) +
                             " is swept (sweep:), so every variant takes "
                             "each of its values; a variant cannot set it");
      ok = false;
      continue;
    }
    std::optional<ParamValue> v = ReadValue(value, parameter);
    if (!v) {
      ok = false;
      continue;
    }
    if (!parameter.fixed_use.empty() && v->text != parameter.value.text) {
      reader_.Error(value, Quoted(parameter.name) + " cannot vary: it is used as " +
                               parameter.fixed_use + ", which every run shares");
      ok = false;
      continue;
    }
    variant->values.emplace_back(*p, std::move(*v));
  }
  fields.Finish();
  return ok;
}

void CompareSpecReader::ReadSweep(const Field& f) {
  MapFields map(reader_, f);
  const std::vector<Field> axes = map.Entries();
  map.Finish();
  if (!map.is_map()) return;
  if (axes.empty() || axes.size() > 2) {
    reader_.Error(f, "a sweep varies one or two parameters, not " + std::to_string(axes.size()));
    return;
  }
  for (const Field& axis_field : axes) {
    const Field key{axis_field.key, axis_field.key, axis_field.path};
    const std::optional<size_t> p = ParameterRef(key, "the sweep");
    if (!p) continue;
    const ParameterDef& parameter = spec_.parameters[*p];
    if (!parameter.fixed_use.empty()) {
      reader_.Error(key, "cannot sweep " + Quoted(parameter.name) + ": it is used as " +
                             parameter.fixed_use + ", which every run shares");
      continue;
    }
    SweepAxis axis;
    axis.parameter = *p;
    bool ok = true;
    if (axis_field.value.IsMap()) {
      MapFields range(reader_, axis_field);
      const Field from = range.Required("from", "the first value");
      const Field to = range.Required("to", "the last value");
      const Field step = range.Optional("step");
      range.Finish();
      if (!from.present() || !to.present()) continue;
      if (!SweepsAsRange(parameter.kind)) {
        reader_.Error(axis_field, Quoted(parameter.name) + " is " +
                                      std::string(ParamKindName(parameter.kind)) +
                                      ", which has no range: list its values");
        continue;
      }
      if (!step.present() && parameter.kind != ParamKind::kCount) {
        reader_.Error(axis_field, "missing required key 'step' (counts step by 1 by default; " +
                                      std::string(ParamKindName(parameter.kind)) + " needs one)");
        continue;
      }
      std::optional<ParamValue> a = ReadValue(from, parameter);
      std::optional<ParamValue> b = ReadValue(to, parameter);
      if (!a || !b) continue;
      std::string error;
      const std::string step_text = step.present() ? reader_.Text(step).value_or("") : "";
      auto texts =
          RangeValues(parameter.kind, a->text, b->text, step_text, kMaxSweepValues, &error);
      if (!texts) {
        reader_.Error(axis_field, error);
        continue;
      }
      for (const std::string& text : *texts) {
        axis.values.push_back({text, Where(axis_field), ClassifyValue(text)->second});
      }
    } else {
      for (const Field& element : reader_.Elements(axis_field)) {
        std::optional<ParamValue> v = ReadValue(element, parameter);
        if (!v) {
          ok = false;
          continue;
        }
        for (const ParamValue& seen : axis.values) {
          if (seen.text == v->text) {
            reader_.Error(element, Quoted(v->text) + " is swept twice");
            ok = false;
          }
        }
        axis.values.push_back(std::move(*v));
      }
      if (axis.values.size() > kMaxSweepValues) {
        reader_.Error(axis_field, "more than " + std::to_string(kMaxSweepValues) + " values");
        ok = false;
      }
    }
    if (ok && !axis.values.empty()) spec_.sweep.push_back(std::move(axis));
  }
}

void CompareSpecReader::ReadBreakEvens(const Field& expect) {
  for (const Field& element : reader_.Elements(expect)) {
    if (!element.value.IsMap() || !element.value["break-even"]) continue;
    MapFields fields(reader_, element);
    BreakEvenCheck check;
    check.line = Where(element).line;
    const Field variant = fields.Required("break-even", "the variant");
    const Field where = fields.Optional("where");
    std::vector<std::pair<Field, CompareOp>> comparisons;
    for (const OpKey& op : kOps) {
      if (Field c = fields.Optional(op.key); c.present()) comparisons.emplace_back(c, op.op);
    }
    fields.Finish();
    if (spec_.sweep.empty()) {
      reader_.Error(element, "a break-even is found along a sweep: add 'sweep:'");
      continue;
    }
    const std::optional<std::string> name = reader_.Name(variant);
    if (!name) continue;
    const auto v = std::find_if(spec_.variants.begin(), spec_.variants.end(),
                                [&](const VariantDef& d) { return d.name == *name; });
    if (v == spec_.variants.end() || v == spec_.variants.begin()) {
      std::vector<std::string> names;
      for (size_t i = 1; i < spec_.variants.size(); ++i) names.push_back(spec_.variants[i].name);
      reader_.Error(variant, (v == spec_.variants.begin()
                                  ? Quoted(*name) + " is the baseline, which the others are "
                                                    "compared with"
                                  : "no variant " + Quoted(*name) + DidYouMean(*name, names)) +
                                 (names.empty() ? "" : "; variants: " + QuotedList(names)));
      continue;
    }
    check.variant = static_cast<size_t>(v - spec_.variants.begin());
    bool ok = true;
    std::vector<size_t> given;
    if (where.present()) {
      MapFields pairs(reader_, where);
      for (const Field& pair : pairs.Entries()) {
        const std::optional<size_t> p =
            ParameterRef(Field{pair.key, pair.key, pair.path}, "'where'");
        const auto axis = std::find_if(spec_.sweep.begin() + 1, spec_.sweep.end(),
                                       [&](const SweepAxis& a) { return p && a.parameter == *p; });
        if (!p || axis == spec_.sweep.end()) {
          if (p)
            reader_.Error(
                pair, Quoted(spec_.parameters[*p].name) + " is not the second axis of the sweep");
          ok = false;
          continue;
        }
        const std::optional<std::string> text = reader_.Text(pair);
        if (!text || std::none_of(axis->values.begin(), axis->values.end(),
                                  [&](const ParamValue& x) { return x.text == *text; })) {
          if (text) reader_.Error(pair, Quoted(*text) + " is not one of the values swept");
          ok = false;
          continue;
        }
        check.where.emplace_back(*p, *text);
        given.push_back(*p);
      }
      pairs.Finish();
    }
    if (ok && spec_.sweep.size() == 2 && given.empty()) {
      reader_.Error(element, "the sweep has two axes: say which value of " +
                                 Quoted(spec_.parameters[spec_.sweep[1].parameter].name) +
                                 " with 'where:'");
      ok = false;
    }
    if (comparisons.size() != 1) {
      reader_.Error(element, "give one comparison, such as '==': 9d or '<=': 3 months");
      continue;
    }
    check.op = comparisons[0].second;
    const Field& value = comparisons[0].first;
    const ParameterDef& axis0 = spec_.parameters[spec_.sweep[0].parameter];
    if (value.value.IsScalar() && value.value.Scalar() == "never") {
      if (check.op != CompareOp::kEqual && check.op != CompareOp::kNotEqual) {
        reader_.Error(value, "'never' can only be compared with == or !=");
        ok = false;
      }
    } else {
      check.value = ReadValue(value, axis0);
      ok = ok && check.value.has_value();
    }
    check.text = "break-even of " + *name + " (" + axis0.name + ") " +
                 std::string(value.key.Scalar()) + " " +
                 (check.value ? check.value->text : std::string("never"));
    for (const auto& [p, text] : check.where)
      check.text += ", " + spec_.parameters[p].name + " = " + text;
    if (ok) spec_.break_evens.push_back(std::move(check));
  }
}

std::vector<RunPoint> AllRunPoints(const CompareSpec& spec) {
  std::vector<RunPoint> points;
  size_t per_variant = 1;
  for (const SweepAxis& axis : spec.sweep) per_variant *= axis.values.size();
  for (size_t v = 0; v < spec.variants.size(); ++v) {
    for (size_t i = 0; i < per_variant; ++i) {
      RunPoint point;
      point.variant = v;
      point.sweep.resize(spec.sweep.size());
      size_t rest = i;
      for (size_t a = spec.sweep.size(); a-- > 0;) {
        point.sweep[a] = rest % spec.sweep[a].values.size();
        rest /= spec.sweep[a].values.size();
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::vector<const ParamValue*> BindingsOf(const CompareSpec& spec, const RunPoint& point) {
  std::vector<const ParamValue*> values;
  for (const ParameterDef& p : spec.parameters) values.push_back(&p.value);
  for (const auto& [p, value] : spec.variants[point.variant].values) values[p] = &value;
  for (size_t a = 0; a < point.sweep.size(); ++a) {
    values[spec.sweep[a].parameter] = &spec.sweep[a].values[point.sweep[a]];
  }
  for (const auto& [p, value] : point.set) values[p] = &value;
  return values;
}

std::string DescribeRunPoint(const CompareSpec& spec, const RunPoint& point) {
  std::string text = "variant " + spec.variants[point.variant].name;
  for (size_t a = 0; a < point.sweep.size(); ++a) {
    text += ", " + spec.parameters[spec.sweep[a].parameter].name + " = " +
            spec.sweep[a].values[point.sweep[a]].text;
  }
  for (const auto& [p, value] : point.set) {
    text += ", " + spec.parameters[p].name + " = " + value.text;
  }
  if (point.replicate > 0) text += ", replicate " + std::to_string(point.replicate + 1);
  return text;
}

}  // namespace carriersim
