#include "simulator/carrier/builtin_profiles.h"

namespace carriersim {

const EmbeddedProfile* FindBuiltinProfile(std::string_view name) {
  for (size_t i = 0; i < kEmbeddedProfileCount; ++i) {
    if (name == kEmbeddedProfiles[i].name) return &kEmbeddedProfiles[i];
  }
  return nullptr;
}

std::vector<std::string> BuiltinProfileNames() {
  std::vector<std::string> names;
  for (size_t i = 0; i < kEmbeddedProfileCount; ++i) names.emplace_back(kEmbeddedProfiles[i].name);
  return names;
}

}  // namespace carriersim
