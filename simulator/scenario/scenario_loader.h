// Scenario file -> validated Scenario. The format is documented key by key in
// scenarios/README.md; tests/bad_scenarios/ holds one file per kind of mistake it catches.
#ifndef CARRIERSIM_SCENARIO_SCENARIO_LOADER_H_
#define CARRIERSIM_SCENARIO_SCENARIO_LOADER_H_

#include <optional>
#include <string>

#include "simulator/base/diagnostics.h"
#include "simulator/scenario/model.h"

namespace carriersim {

struct LoadResult {
  std::optional<Scenario> scenario;  // set when the file is valid
  bool io_error = false;             // the file (or a profile it names) could not be read
  // LoadScenarioOrProfileFile only: the file is a carrier profile, valid when `profile` is set.
  bool is_profile = false;
  std::optional<CarrierProfile> profile;
};

// Reads and validates `path`; every problem goes to `diag` as FILE:LINE:COLUMN. A carrier
// profile file is refused with one error that says what it is.
LoadResult LoadScenarioFile(const std::string& path, Diagnostics& diag);

// The same, but a carrier profile file (a mapping with the profile's keys and not a
// scenario's) is validated as a profile: for `carriersim validate`.
LoadResult LoadScenarioOrProfileFile(const std::string& path, Diagnostics& diag);

// Validates scenario text; `file` names it in messages, and relative profile paths are taken
// relative to its folder.
LoadResult LoadScenarioText(const std::string& file, const std::string& text, Diagnostics& diag);

// Reads a whole regular file; false, and *error ("no such file", "permission denied", "is a
// directory", "not a regular file (a named pipe)", ...), when it cannot. Never blocks: a FIFO
// or a device is refused by its type, before anything is read from it.
bool ReadFile(const std::string& path, std::string* text, std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_SCENARIO_LOADER_H_
