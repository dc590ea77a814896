// Reading `parameters:`, `variants:`, `sweep:` and `replicates:`, and checking every ${name}.
#include "simulator/scenario/parameters.h"

#include <algorithm>
#include <set>

#include "simulator/base/rng.h"
#include "simulator/base/yaml_reader.h"
#include "simulator/scenario/expansion.h"
#include "simulator/scenario/param_values.h"
#include "simulator/scenario/parameters_internal.h"

namespace carriersim {

std::optional<size_t> CompareSpecReader::ParameterRef(const Field& f, std::string_view what) {
  const std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  for (size_t i = 0; i < spec_.parameters.size(); ++i) {
    if (spec_.parameters[i].name == *name) return i;
  }
  const std::vector<std::string> names = ParameterNames(spec_);
  reader_.Error(f, std::string(what) + " names no parameter " + Quoted(*name) +
                       DidYouMean(*name, names) +
                       (names.empty() ? "; define it under 'parameters:'"
                                      : "; parameters: " + QuotedList(names)));
  return std::nullopt;
}

std::optional<CompareSpec> CompareSpecReader::Read(const std::string& text,
                                                   const YAML::Node& root) {
  const size_t errors = reader_.diag().count();
  const YAML::Node& map = root;  // const: lookups must not add keys
  for (std::string_view key : kFamilyKeys) {
    if (map[std::string(key)]) spec_.parameterized = true;
  }
  if (Field f{map["parameters"], map["parameters"], "parameters"}; map["parameters"]) {
    ReadParameters(f);
  }
  CheckReferences(text, root);
  if (map["sweep"]) ReadSweep(Field{map["sweep"], map["sweep"], "sweep"});
  if (map["variants"]) ReadVariants(Field{map["variants"], map["variants"], "variants"});
  if (spec_.variants.empty()) spec_.variants.push_back(VariantDef{"baseline", "", {}, {}, 0});
  if (map["replicates"]) {
    const Field f{map["replicates"], map["replicates"], "replicates"};
    spec_.replicates = static_cast<int>(reader_.Count(f, 1, kMaxReplicates).value_or(1));
  }
  size_t points = spec_.variants.size();
  for (const SweepAxis& axis : spec_.sweep) points *= axis.values.size();
  if (points > kMaxRunPoints) {
    reader_.Error(Field{map["sweep"], map["sweep"], "sweep"},
                  std::to_string(points) + " runs (variants x sweep points) is more than " +
                      std::to_string(kMaxRunPoints) + "; sweep fewer values");
  }
  if (map["expect"] && map["expect"].IsSequence()) {
    ReadBreakEvens(Field{map["expect"], map["expect"], "expect"});
  }
  if (reader_.diag().count() != errors) return std::nullopt;
  return std::move(spec_);
}

void CompareSpecReader::ReadParameters(const Field& f) {
  MapFields map(reader_, f);
  for (const Field& entry : map.Entries()) {
    std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
    if (!name) continue;
    if (*name == "overrides" || *name == "description") {
      reader_.Error(Field{entry.key, entry.key, entry.path},
                    Quoted(*name) + " is a key of a variant; name the parameter otherwise");
      continue;
    }
    const std::optional<std::string> text = reader_.Text(entry);
    if (!text) continue;
    std::string why;
    const auto kind = ClassifyValue(*text);
    if (!PlainSafe(*text, &why) || !kind) {
      reader_.Error(entry, Quoted(*text) + (why.empty() ? "" : " " + why) +
                               ": a parameter is one value written plainly: a count (500), an "
                               "amount (0.50 USD), a duration (9d), a calendar span (5 months), "
                               "a data size (1KB), a date (2026-11-01) or a name (plan01s)");
      continue;
    }
    ParameterDef p;
    p.name = *name;
    p.kind = kind->first;
    p.value = ParamValue{*text, Where(entry), kind->second};
    spec_.parameters.push_back(std::move(p));
  }
  map.Finish();
}

// Each ${name} names a parameter, none is written inside the four keys' own values, and each
// parameter is used somewhere.
void CompareSpecReader::CheckReferences(const std::string& text, const YAML::Node& root) {
  const std::vector<ParamReference> refs = FindReferences(text);
  // The lines the four keys' values take: from the key to the next top-level key.
  std::vector<std::pair<int, int>> family_lines, live_lines;
  std::vector<int> key_lines;
  for (auto it = root.begin(); it != root.end(); ++it)
    key_lines.push_back(it->first.Mark().line + 1);
  std::sort(key_lines.begin(), key_lines.end());
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    const bool family =
        std::find(std::begin(kFamilyKeys), std::end(kFamilyKeys), key) != std::end(kFamilyKeys);
    // `live:` keeps its own ${...}: the placeholders of its webhooks (${simId}, ${status}).
    if (!family && key != "live") continue;
    const int first = it->first.Mark().line + 1;
    const auto next = std::upper_bound(key_lines.begin(), key_lines.end(), first);
    (family ? family_lines : live_lines)
        .emplace_back(first, next == key_lines.end() ? INT32_MAX : *next - 1);
  }
  std::set<std::string> used;
  const auto within = [](const std::vector<std::pair<int, int>>& ranges, int line) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&](auto range) { return line >= range.first && line <= range.second; });
  };
  for (const ParamReference& ref : refs) {
    const SourceLocation at{reader_.file(), ref.line, ref.column};
    const bool in_family = within(family_lines, ref.line);
    if (within(live_lines, ref.line)) continue;
    if (ref.name.empty()) {
      reader_.diag().Error(at, "'${' is not closed by '}' on its line");
    } else if (in_family) {
      reader_.diag().Error(at,
                           "parameters, variants and sweeps give values; they cannot refer "
                           "to a parameter (${" +
                               Excerpt(ref.name) + "})");
    } else if (std::none_of(spec_.parameters.begin(), spec_.parameters.end(),
                            [&](const ParameterDef& p) { return p.name == ref.name; })) {
      const std::vector<std::string> names = ParameterNames(spec_);
      reader_.diag().Error(at, "no parameter " + Quoted(ref.name) + DidYouMean(ref.name, names) +
                                   (names.empty() ? "; define it under 'parameters:'"
                                                  : "; parameters: " + QuotedList(names)));
    } else {
      used.insert(ref.name);
      spec_.references.push_back(ref);
    }
  }
  for (const ParameterDef& p : spec_.parameters) {
    if (!used.count(p.name)) {
      reader_.diag().Error(p.value.where, "parameter " + Quoted(p.name) +
                                              " is never used: refer to it as ${" + p.name +
                                              "} where its value belongs, or remove it");
    }
  }
  NoteFixedUses(refs, root);
}

// The scenario's name (its output folder), seed (replicates own it), currency (totals compare
// in one) and the groups' names (reports compare group by group) are the same in every run.
void CompareSpecReader::NoteFixedUses(const std::vector<ParamReference>& refs,
                                      const YAML::Node& root) {
  std::vector<std::pair<YAML::Node, std::string>> fixed;
  const YAML::Node& map = root;
  for (const char* key : {"name", "seed", "currency"}) {
    if (map[key]) fixed.emplace_back(map[key], std::string("the scenario's ") + key);
  }
  if (map["fleet"] && map["fleet"].IsSequence()) {
    for (const YAML::Node& group : map["fleet"]) {
      if (group.IsMap() && group["group"]) fixed.emplace_back(group["group"], "a group's name");
    }
  }
  for (const auto& [node, what] : fixed) {
    if (!node.IsScalar()) continue;
    const YAML::Mark mark = node.Mark();
    for (const ParamReference& ref : refs) {
      const bool inside = ref.line == mark.line + 1 && ref.column >= mark.column + 1 &&
                          ref.column <= mark.column + 1 + static_cast<int>(node.Scalar().size());
      if (!inside) continue;
      for (ParameterDef& p : spec_.parameters) {
        if (p.name == ref.name && p.fixed_use.empty()) {
          p.fixed_use = what + " (line " + std::to_string(ref.line) + ")";
        }
      }
    }
  }
}

std::optional<ParamValue> CompareSpecReader::ReadValue(const Field& f,
                                                       const ParameterDef& parameter) {
  const std::optional<std::string> text = reader_.Text(f);
  if (!text) return std::nullopt;
  std::string why;
  if (!PlainSafe(*text, &why)) {
    reader_.Error(f, Quoted(*text) + " " + why + ": values are written plainly");
    return std::nullopt;
  }
  const auto kind = ClassifyValue(*text);
  if (!kind || !KindsAgree(parameter.kind, kind->first)) {
    reader_.Error(f, "parameter " + Quoted(parameter.name) + " is " +
                         std::string(ParamKindName(parameter.kind)) + " (" + parameter.value.text +
                         "); " + Quoted(*text) + " is " +
                         (kind ? std::string(ParamKindName(kind->first)) : "none of the kinds"));
    return std::nullopt;
  }
  return ParamValue{*text, Where(f), kind->second};
}

uint64_t ReplicateSeed(uint64_t scenario_seed, int replicate) {
  if (replicate == 0) return scenario_seed;
  return Mix64(Mix64(scenario_seed) ^ (static_cast<uint64_t>(replicate) * 0x9e3779b97f4a7c15ULL));
}

std::optional<CompareSpec> ReadCompareSpec(const std::string& file, const std::string& text,
                                           const YAML::Node& root, Diagnostics& diag) {
  if (!root.IsMap()) {
    CompareSpec plain;
    plain.variants.push_back(VariantDef{"baseline", "", {}, {}, 0});
    return plain;
  }
  return CompareSpecReader(file, diag).Read(text, root);
}

}  // namespace carriersim
