// The reader of a scenario family's keys (scenario/parameters.h), shared by parameters.cc
// (parameters and references) and variants_reader.cc (variants, sweep, break-even checks).
// Not part of the public surface.
#ifndef CARRIERSIM_SCENARIO_PARAMETERS_INTERNAL_H_
#define CARRIERSIM_SCENARIO_PARAMETERS_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/yaml_reader.h"
#include "simulator/scenario/expansion.h"
#include "simulator/scenario/parameters.h"

namespace carriersim {

inline constexpr std::string_view kFamilyKeys[] = {"parameters", "variants", "sweep", "replicates"};

inline std::vector<std::string> ParameterNames(const CompareSpec& spec) {
  std::vector<std::string> names;
  for (const ParameterDef& p : spec.parameters) names.push_back(p.name);
  return names;
}

// The reader of one family's four keys; parameters_spec.cc reads the break-even checks.
class CompareSpecReader {
 public:
  CompareSpecReader(const std::string& file, Diagnostics& diag) : reader_(file, diag) {}

  std::optional<CompareSpec> Read(const std::string& text, const YAML::Node& root);

 private:
  void ReadParameters(const Field& f);
  void CheckReferences(const std::string& text, const YAML::Node& root);
  void NoteFixedUses(const std::vector<ParamReference>& refs, const YAML::Node& root);
  void ReadVariants(const Field& f);
  bool ReadVariant(const Field& entry, VariantDef* variant);
  std::optional<ParamValue> ReadValue(const Field& f, const ParameterDef& parameter);
  void ReadSweep(const Field& f);
  void ReadBreakEvens(const Field& expect);
  std::optional<size_t> ParameterRef(const Field& f, std::string_view what);
  SourceLocation Where(const Field& f) { return reader_.Where(f); }

  YamlReader reader_;
  CompareSpec spec_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_PARAMETERS_INTERNAL_H_
