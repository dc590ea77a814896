// The loader's cost grows with the file, not with its square: names are looked up hashed, so a
// scenario of tens of thousands of groups and actions validates in about the time its YAML
// takes to parse. Timing is not asserted (tests never do): a quadratic loader shows as a test
// that runs for minutes, and the outcome is checked.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr const char* kHeader = R"(name: many
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  c: { profile: soracom }
devices:
  d: {}
network:
  cells:
    - { name: metro, count: 100000 }
fleet:
)";

#ifdef CARRIERSIM_SANITIZED
// Under ASan and UBSan the loader runs ten times slower, and what this test is for (a cost that
// grows with the square of the file) is checked at full size in the Release tree.
constexpr int kGroups = 10'000;
#else
constexpr int kGroups = 50'000;
#endif

TEST_CASE("hardening: tens of thousands of fleet groups and 10,000 actions naming them validate",
          "[loader][scale]") {
  // Before: every group looked for its name among those before it, and every action among all
  // of them (20,000 groups took 12 s, 100,000 took 150 s).
  constexpr int kActions = 10'000;
  std::string text = kHeader;
  text.reserve(4 << 20);
  for (int g = 0; g < kGroups; ++g) {
    text += "  - {group: g" + std::to_string(g) + ", count: 1, carrier: c, plan: plan01s, device: d}\n";
  }
  text += "timeline:\n";
  for (int a = 0; a < kActions; ++a) {
    const int g = (a * 7919) % kGroups;
    text += a % 2 == 0 ? "  - {at: 1d, suspend: {sim: \"g" + std::to_string(g) + "#0\"}}\n"
                       : "  - {at: 2d, activate: {group: g" + std::to_string(g) + "}}\n";
  }
  text += "  - {at: 3d, cell-outage: {cell: metro-99999, for: 1h}}\n";
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("many.yaml"), text));
  CHECK(text.size() < (4u << 20));  // within the file limit (test below)
  const test::CliResult r = test::Cli({"validate", dir.File("many.yaml")});
  INFO(r.err);
  CHECK(r.code == 0);
  const std::string groups = std::to_string(kGroups);
  CHECK(r.out.find(groups + " groups (" + groups + " SIMs), 10002 timeline actions") !=
        std::string::npos);
}

TEST_CASE("hardening: a scenario file over 4 MiB is refused, before yaml-cpp parses it",
          "[loader][scale]") {
  // Before: 64 MiB were allowed, and a 20 MB file took 18 s and 4.9 GB to validate, yaml-cpp's
  // tree taking about 70 bytes per byte of YAML.
  std::string text = kHeader;
  text += "  - {group: g, count: 1, carrier: c, plan: plan01s, device: d}\n";
  const std::string padding = "# " + std::string(98, 'x') + "\n";
  while (text.size() <= (4u << 20)) text += padding;
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("big.yaml"), text));
  const test::CliResult r = test::Cli({"validate", dir.File("big.yaml")});
  CHECK(r.code == 4);
  CHECK(r.err == dir.File("big.yaml") +
                     ": error: cannot read scenario: larger than 4 MiB, which no scenario or "
                     "profile needs: write a large fleet as groups with a count, and a campaign "
                     "as actions on a group with count, fraction or spread, rather than one entry "
                     "per SIM\n");
  // Just under the limit, the same file is read and valid.
  text.resize(text.rfind('#', (4u << 20) - 1));
  REQUIRE(test::WriteText(dir.File("big.yaml"), text));
  CHECK(test::Cli({"validate", dir.File("big.yaml")}).code == 0);
}

TEST_CASE("a cell of a set is found by NAME-N, and only for N in the set", "[loader]") {
  const std::string scenario = R"(name: cells
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  c: { profile: soracom }
devices:
  d: {}
network:
  cells:
    - { name: metro, count: 12 }
    - { name: metro-1, count: 2 }
    - { name: rural }
fleet:
  - { group: g, count: 1, carrier: c, plan: plan01s, device: d }
timeline:
)";
  const Scenario s = test::LoadValid(
      scenario + "  - {at: 1h, cell-outage: {cell: metro-12, for: 1h}}\n" +
      "  - {at: 3h, cell-outage: {cell: metro-1, for: 1h}}\n" +
      "  - {at: 5h, cell-outage: {cell: metro-1-2, for: 1h}}\n" +
      "  - {at: 7h, cell-outage: {cell: rural, for: 1h}}\n");
  REQUIRE(s.timeline.size() == 8);
  CHECK(s.timeline[0].first_cell == 11);  // the 12th cell of metro
  CHECK(s.timeline[0].cell_count == 1);
  CHECK(s.timeline[2].first_cell == 12);  // the set metro-1, both of its cells
  CHECK(s.timeline[2].cell_count == 2);
  CHECK(s.timeline[4].first_cell == 13);  // the second cell of metro-1
  CHECK(s.timeline[6].first_cell == 14);
  for (const char* wrong : {"metro-13", "metro-0", "metro-03", "metro-", "rural-1"}) {
    INFO(wrong);
    const std::vector<std::string> errors = test::LoadErrors(
        scenario + "  - {at: 1h, cell-outage: {cell: " + std::string(wrong) + ", for: 1h}}\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find(std::string("error: timeline[0].cell-outage.cell: no cell '") + wrong +
                         "' in this scenario") != std::string::npos);
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
