// A scenario file read once and loaded run by run: the text, its family's spec
// (scenario/parameters.h), and the scenario of any one run.
#ifndef CARRIERSIM_SCENARIO_FAMILY_H_
#define CARRIERSIM_SCENARIO_FAMILY_H_

#include <optional>
#include <string>

#include "simulator/scenario/parameters.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {

struct ScenarioFamily {
  std::string file;
  std::string text;
  std::string sha256;
  CompareSpec spec;
};

struct FamilyResult {
  std::optional<ScenarioFamily> family;  // set when the file and its family's keys are valid
  bool io_error = false;
  bool is_profile = false;  // a carrier profile, not a scenario (reported)
};

// Reads `path` and its family's keys; the runs are loaded one by one with LoadRun.
FamilyResult ReadScenarioFamily(const std::string& path, Diagnostics& diag);
FamilyResult ReadScenarioFamilyText(const std::string& file, const std::string& text,
                                    Diagnostics& diag);

// The scenario of one run: the text with the run's values, the variant's overrides applied,
// loaded and checked. Errors point at the file; with `name_run`, each also says which run it
// is in ("[in variant standby, idle = 5 months]").
LoadResult LoadRun(const ScenarioFamily& family, const RunPoint& point, Diagnostics& diag,
                   bool name_run = false);

// Loads the run of the parameters' own values, then every run of the family (each variant at
// each sweep point), reporting each distinct error once; returns the first.
LoadResult LoadEveryRun(const ScenarioFamily& family, Diagnostics& diag);

// The run `--variant NAME` and `--set PARAM=VALUE` choose (sets must name swept parameters, and
// a value among those swept: the run is one the family has). Usage errors go to *error.
std::optional<RunPoint> ChooseRun(const CompareSpec& spec, const std::string& variant,
                                  const std::vector<std::string>& sets, std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_FAMILY_H_
