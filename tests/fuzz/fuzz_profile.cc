// libFuzzer harness: a carrier profile, and a scenario's overrides of it. The input is profile
// text, optionally followed by a line "#overrides" and the overrides (a mapping shaped like the
// profile). The profile is loaded alone, then from a file named by a scenario that overrides it,
// as `carriersim run` does. Bad input must give diagnostics, never a crash, a hang or an
// exception.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "simulator/carrier/profile_loader.h"
#include "simulator/scenario/scenario_loader.h"

namespace carriersim {
namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_profile: %s\n", what);
  std::abort();
}

// The profile file the scenario names: one per fuzzing process, rewritten for each input.
const std::string& ProfilePath() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/carriersim-fuzz-XXXXXX";
    const int fd = mkstemp(pattern.data());
    Check(fd >= 0, "cannot create the profile file");
    close(fd);
    std::atexit([] { unlink(ProfilePath().c_str()); });  // libFuzzer ends runs with exit()
    return pattern;
  }();
  return path;
}

void WriteProfile(std::string_view text) {
  std::FILE* f = std::fopen(ProfilePath().c_str(), "wb");
  Check(f != nullptr, "cannot write the profile file");
  Check(std::fwrite(text.data(), 1, text.size(), f) == text.size(), "short write");
  std::fclose(f);
}

// A scenario whose one carrier is the fuzzed profile with the fuzzed overrides, indented into
// place under `overrides:`.
std::string ScenarioText(std::string_view overrides) {
  std::string text =
      "name: fuzz\nstart: 2026-01-01T00:00:00Z\nduration: 1d\n"
      "devices:\n  d: { boot: 1s }\n"
      "fleet:\n  - { group: g, count: 1, carrier: c, plan: p, device: d }\n"
      "carriers:\n  c:\n    profile: " + ProfilePath() + "\n";
  if (overrides.empty()) return text;
  text += "    overrides:\n";
  size_t from = 0;
  while (from < overrides.size()) {
    size_t end = overrides.find('\n', from);
    if (end == std::string_view::npos) end = overrides.size();
    text += "      ";
    text += overrides.substr(from, end - from);
    text += '\n';
    from = end + 1;
  }
  return text;
}

void FuzzOne(std::string_view input) {
  constexpr std::string_view kMarker = "\n#overrides\n";
  const size_t split = input.find(kMarker);
  const std::string_view profile = input.substr(0, split);
  const std::string_view overrides =
      split == std::string_view::npos ? std::string_view{} : input.substr(split + kMarker.size());
  {
    Diagnostics diag;
    if (!LoadProfileText("fuzz-profile.yaml", std::string(profile), diag)) {
      Check(diag.has_errors(), "an invalid profile gave no diagnostic");
    }
  }
  WriteProfile(profile);
  Diagnostics diag;
  const std::string text = ScenarioText(overrides);
  LoadResult loaded = LoadScenarioText("fuzz-scenario.yaml", text, diag);
  Check(loaded.scenario.has_value() || diag.has_errors() || loaded.io_error,
        "an invalid scenario gave no diagnostic");
}

}  // namespace
}  // namespace carriersim

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  carriersim::FuzzOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
