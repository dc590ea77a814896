// The carrier profiles shipped in scenarios/carriers/, compiled into the binary.
#ifndef CARRIERSIM_CARRIER_BUILTIN_PROFILES_H_
#define CARRIERSIM_CARRIER_BUILTIN_PROFILES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

struct EmbeddedProfile {
  const char* name;  // "soracom"
  const char* file;  // "scenarios/carriers/soracom.yaml": where messages point
  const char* text;
};

// Defined in the generated embedded_profiles.cc, sorted by name.
extern const EmbeddedProfile kEmbeddedProfiles[];
extern const size_t kEmbeddedProfileCount;

const EmbeddedProfile* FindBuiltinProfile(std::string_view name);
std::vector<std::string> BuiltinProfileNames();

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_BUILTIN_PROFILES_H_
