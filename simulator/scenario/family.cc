#include "simulator/scenario/family.h"

#include <algorithm>

#include "simulator/base/yaml_reader.h"
#include "simulator/scenario/expansion.h"
#include "simulator/scenario/loader_internal.h"
#include "simulator/scenario/param_values.h"
#include "simulator/scenario/parameters_internal.h"

namespace carriersim {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(path.substr(start, dot - start));
  }
  parts.push_back(path.substr(start));
  return parts;
}

// The index of the list element `segment` names: "[3]", or the element whose `group:` or
// `name:` is `segment`.
std::optional<size_t> ElementIndex(const YAML::Node& list, const std::string& segment) {
  if (segment.size() > 2 && segment.front() == '[' && segment.back() == ']') {
    const std::string digits = segment.substr(1, segment.size() - 2);
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6) {
      return std::nullopt;
    }
    const size_t i = std::stoul(digits);
    return i < list.size() ? std::optional<size_t>(i) : std::nullopt;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node element = list[i];
    if (!element.IsMap()) continue;
    for (const char* key : {"group", "name"}) {
      const YAML::Node n = element[key];
      if (n && n.IsScalar() && n.Scalar() == segment) return i;
    }
  }
  return std::nullopt;
}

std::vector<std::string> KeysOf(const YAML::Node& map) {
  std::vector<std::string> keys;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar()) keys.push_back(it->first.Scalar());
  }
  return keys;
}

// Puts the override's value at its path in `root`: replacing a value, or adding a key to a
// mapping that exists. False after reporting a path that leads nowhere.
bool ApplyOverride(YAML::Node root, const ScenarioOverride& o, Diagnostics& diag) {
  const std::vector<std::string> parts = Split(o.path);
  YAML::Node node;
  node.reset(root);
  std::string walked;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const bool last = i + 1 == parts.size();
    const YAML::Node& here = node;
    if (node.IsMap()) {
      if (!last && !here[part]) {
        diag.Error(o.where, "override " + Quoted(o.path) + ": no " + Quoted(part) +
                                (walked.empty() ? "" : " in " + Quoted(walked)) +
                                DidYouMean(part, KeysOf(node)));
        return false;
      }
      if (last) {
        node[part] = o.value;  // the variant's own node, which keeps its position
        return true;
      }
      YAML::Node child = here[part];
      node.reset(child);
    } else if (node.IsSequence()) {
      const std::optional<size_t> index = ElementIndex(node, part);
      if (!index) {
        diag.Error(o.where, "override " + Quoted(o.path) + ": " + Quoted(walked) +
                                " is a list with no element " + Quoted(part) +
                                " (name one by its group: or name:, or as [INDEX])");
        return false;
      }
      if (last) {
        node[*index] = o.value;
        return true;
      }
      YAML::Node child = here[*index];
      node.reset(child);
    } else {
      diag.Error(o.where, "override " + Quoted(o.path) + ": " + Quoted(walked) +
                              " is a single value, with nothing inside to override");
      return false;
    }
    walked += (walked.empty() ? "" : ".") + part;
  }
  return true;
}

}  // namespace

LoadResult LoadRun(const ScenarioFamily& family, const RunPoint& point, Diagnostics& diag,
                   bool name_run) {
  const CompareSpec& spec = family.spec;
  const std::vector<const ParamValue*> bindings = BindingsOf(spec, point);
  std::vector<std::string> values;
  for (const ParamReference& ref : spec.references) {
    size_t p = 0;
    while (spec.parameters[p].name != ref.name) ++p;  // checked by ReadCompareSpec
    values.push_back(bindings[p]->text);
  }
  const ExpandedText expanded(family.text, spec.references, values);
  const std::string run = name_run ? " [in " + DescribeRunPoint(spec, point) + "]" : "";
  diag.SetRemap([&](Diagnostic& d) {
    if (d.where.file == family.file) expanded.Remap(d);
    d.message += run;
  });
  LoadResult result;
  std::optional<YAML::Node> root = ParseYaml(family.file, expanded.text(), diag);
  bool ok = root.has_value();
  for (const ScenarioOverride& o : spec.variants[point.variant].overrides) {
    ok = ok && ApplyOverride(*root, o, diag);
  }
  if (ok) {
    ScenarioLoader loader(family.file, diag, &spec, &point);
    result.scenario = loader.Load(*root);
    result.io_error = loader.io_error();
  }
  diag.SetRemap(nullptr);
  if (result.scenario) result.scenario->file_sha256 = family.sha256;
  return result;
}

LoadResult LoadEveryRun(const ScenarioFamily& family, Diagnostics& diag) {
  LoadResult first = LoadRun(family, RunPoint{}, diag);
  if (!family.spec.parameterized || first.io_error) return first;
  // An error in the text shared by every run would be reported once per run: each is kept
  // once, at its position, with the first run it was found in.
  std::vector<std::string> seen;
  for (const Diagnostic& d : diag.Sorted()) seen.push_back(FormatDiagnostic(d));
  for (const RunPoint& point : AllRunPoints(family.spec)) {
    if (diag.count() >= Diagnostics::kMaxKept) break;
    Diagnostics run;
    LoadRun(family, point, run);
    const std::string where = " [in " + DescribeRunPoint(family.spec, point) + "]";
    for (Diagnostic d : run.Sorted()) {
      const std::string key = FormatDiagnostic(d);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      diag.Error(d.where, d.message + where);
    }
  }
  if (diag.has_errors()) first.scenario.reset();
  return first;
}

std::optional<RunPoint> ChooseRun(const CompareSpec& spec, const std::string& variant,
                                  const std::vector<std::string>& sets, std::string* error) {
  RunPoint point;
  std::vector<std::string> names;
  for (const VariantDef& v : spec.variants) names.push_back(v.name);
  if (!variant.empty()) {
    const auto it = std::find(names.begin(), names.end(), variant);
    if (it == names.end() || !spec.parameterized) {
      *error = "--variant " + Quoted(variant) + ": " +
               (spec.parameterized ? "no such variant" + DidYouMean(variant, names) +
                                         "; variants: " + QuotedList(names)
                                   : std::string("the scenario has no variants"));
      return std::nullopt;
    }
    point.variant = static_cast<size_t>(it - names.begin());
  }
  for (const std::string& set : sets) {
    const size_t eq = set.find('=');
    const std::string name = set.substr(0, eq);
    const auto p = std::find_if(spec.parameters.begin(), spec.parameters.end(),
                                [&](const ParameterDef& d) { return d.name == name; });
    if (eq == std::string::npos || p == spec.parameters.end()) {
      *error = "--set " + Quoted(set) + ": " +
               (eq == std::string::npos
                    ? std::string("write PARAMETER=VALUE")
                    : "no parameter " + Quoted(name) + DidYouMean(name, ParameterNames(spec)));
      return std::nullopt;
    }
    const std::string text = set.substr(eq + 1);
    std::string why;
    const auto kind = ClassifyValue(text);
    if (!PlainSafe(text, &why) || !kind || !KindsAgree(p->kind, kind->first)) {
      *error = "--set " + Quoted(set) + ": " + Quoted(name) + " is " +
               std::string(ParamKindName(p->kind)) + " (" + p->value.text + ")";
      return std::nullopt;
    }
    if (!p->fixed_use.empty()) {
      *error = "--set " + Quoted(set) + ": " + Quoted(name) + " cannot vary: it is used as " +
               p->fixed_use;
      return std::nullopt;
    }
    point.set.emplace_back(static_cast<size_t>(p - spec.parameters.begin()),
                           ParamValue{text, {"command line", 0, 0}, kind->second});
  }
  return point;
}

}  // namespace carriersim
