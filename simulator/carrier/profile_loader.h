// Carrier profile YAML -> CarrierProfile, rejecting inconsistent profiles at load time.
#ifndef CARRIERSIM_CARRIER_PROFILE_LOADER_H_
#define CARRIERSIM_CARRIER_PROFILE_LOADER_H_

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "simulator/base/diagnostics.h"
#include "simulator/carrier/profile.h"

namespace carriersim {

// Values a scenario puts over a profile's own (prices, thresholds): a mapping shaped like the
// profile, each key one the profile has. `file` names the scenario in messages.
struct ProfileOverrides {
  YAML::Node node;
  std::string file;
  std::string path;  // "carriers.soracom.overrides"
};

// Parses a profile from `text`; `file` is the name messages point at. On any error reports
// everything found to `diag` and returns nullopt.
std::optional<CarrierProfile> LoadProfileText(const std::string& file, const std::string& text,
                                              Diagnostics& diag,
                                              const ProfileOverrides* overrides = nullptr);

// The same, from a parsed document (one that ParseYaml returned).
std::optional<CarrierProfile> LoadProfileYaml(const std::string& file, const YAML::Node& root,
                                              Diagnostics& diag,
                                              const ProfileOverrides* overrides = nullptr);

// A built-in profile by name ("soracom"). REQUIRES: the name is built in.
std::optional<CarrierProfile> LoadBuiltinProfile(const std::string& name, Diagnostics& diag,
                                                 const ProfileOverrides* overrides = nullptr);

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_PROFILE_LOADER_H_
