// A scenario as a family of runs: `parameters:` (named values that any field refers to as
// ${name}), `variants:` (named sets of parameter values and overrides, the baseline first),
// `sweep:` (one or two parameters over a list or a range) and `replicates:` (runs per point,
// with common random numbers). `carriersim compare` runs every variant at every sweep point;
// `carriersim run` runs one (the baseline, unless told otherwise).
//
// A run's scenario is the file's text with each ${name} replaced by the run's value, parsed and
// loaded as any scenario: every field can vary, and the loader checks each run as strictly as a
// single file. Errors point at the file (the reference, or the value in a variant) and name the
// values substituted.
#ifndef CARRIERSIM_SCENARIO_PARAMETERS_H_
#define CARRIERSIM_SCENARIO_PARAMETERS_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/scenario/expansion.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// What a parameter's value is, as told by its default: a sweep's range and a chart's x axis
// need an order, and a variant's value must be of its parameter's kind.
enum class ParamKind : uint8_t {
  kCount,     // 500, 10_000
  kAmount,    // 0.50 USD
  kDuration,  // 9d, 36h
  kSpan,      // 5 months, 1 year (a duration is a span too)
  kSize,      // 1KB
  kTime,      // 2026-11-01, 2026-11-01T00:00:00Z
  kName,      // plan01s, suspend, standby: plans, verbs, statuses, presets
};
std::string_view ParamKindName(ParamKind kind);

struct ParamValue {
  std::string text;      // substituted as written
  SourceLocation where;  // where the value is written
  // Its place on an axis: the count, micro-units, milliseconds (a month counted as 30 days,
  // for ordering and charts only), bytes or Unix milliseconds; 0 for a name.
  double number = 0;
};

struct ParameterDef {
  std::string name;
  ParamKind kind = ParamKind::kName;
  ParamValue value;  // the default, which the baseline uses
  // Referred to where every run must agree (the scenario's name, seed or currency, a group's
  // name): such a parameter cannot vary.
  std::string fixed_use;  // "the scenario's seed (line 6)"; empty: may vary
};

// A variant's replacement of a part of the scenario: `fleet.seasonal.plan: plan-US`. Path
// segments are mapping keys; in a list, an element is named by its `group:` or `name:` value,
// or by its index ([0]).
struct ScenarioOverride {
  std::string path;
  YAML::Node value;
  SourceLocation where;
};

struct VariantDef {
  std::string name;
  std::string description;
  std::vector<std::pair<size_t, ParamValue>> values;  // parameter index -> value
  std::vector<ScenarioOverride> overrides;
  int line = 0;
};

struct SweepAxis {
  size_t parameter = 0;
  std::vector<ParamValue> values;  // in the order swept
};

// `expect: - { break-even: standby, where: { plan: plan01s }, "==": 9d }`: the sweep value of
// the first axis from which the variant costs less than the baseline, checked by compare.
struct BreakEvenCheck {
  size_t variant = 0;
  std::vector<std::pair<size_t, std::string>> where;  // other axes' parameter -> value text
  CompareOp op = CompareOp::kEqual;
  std::optional<ParamValue> value;  // nullopt: "never"
  std::string text;                 // as the report shows it
  int line = 0;
};

struct CompareSpec {
  bool parameterized = false;  // the file has any of the four keys
  std::vector<ParameterDef> parameters;
  std::vector<VariantDef> variants;  // at least one; the first is the baseline
  std::vector<SweepAxis> sweep;      // zero, one or two axes
  int replicates = 1;
  std::vector<BreakEvenCheck> break_evens;
  // Every ${name} of the file outside `live:` (whose webhooks have placeholders of their own),
  // in text order: what each run's text substitutes.
  std::vector<ParamReference> references;
};

// One run of the family: which variant, which value of each axis, which replicate.
struct RunPoint {
  size_t variant = 0;
  // Per axis, the index of the value; empty: the parameters' own values (`carriersim run`).
  std::vector<size_t> sweep;
  int replicate = 0;
  // Values given on the command line (`run --set idle=7months`), which win over the others.
  std::vector<std::pair<size_t, ParamValue>> set;
};

inline constexpr int kMaxReplicates = 1000;
inline constexpr size_t kMaxRunPoints = 100'000;  // variants x sweep points

// Reads the four keys of `root` (the file parsed as written) and checks every reference to a
// parameter in `text`. A file without them gives a spec with one unnamed variant.
std::optional<CompareSpec> ReadCompareSpec(const std::string& file, const std::string& text,
                                           const YAML::Node& root, Diagnostics& diag);

// Every variant x sweep point, baseline first, the last axis fastest; replicate 0.
std::vector<RunPoint> AllRunPoints(const CompareSpec& spec);

// The values the run uses, by parameter index.
std::vector<const ParamValue*> BindingsOf(const CompareSpec& spec, const RunPoint& point);
// "variant standby, idle = 5 months, plan = plan01s", for messages and reports.
std::string DescribeRunPoint(const CompareSpec& spec, const RunPoint& point);

// The run's seed: replicate 0 uses the scenario's, replicate k a seed derived from it and k
// alone, so that replicate k of every variant draws the same random numbers.
uint64_t ReplicateSeed(uint64_t scenario_seed, int replicate);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_PARAMETERS_H_
