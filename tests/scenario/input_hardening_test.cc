// Hostile and unusual inputs: YAML graphs (aliases, cycles), profile files that are not
// mappings, file contents in messages, overridden values, floods of errors. Each must end in a
// precise error and exit 3, never in a crash, a hang or an echo of the file.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "devices/traffic.h"
#include "simulator/base/diagnostics.h"
#include "simulator/base/yaml_reader.h"
#include "simulator/carrier/profile_loader.h"
#include "simulator/scenario/scenario_loader.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string BadScenario(const std::string& name) {
  return test::SourcePath("tests/bad_scenarios/" + name);
}

// Ten aliases of the line before, `levels` times: 10^levels values in a few hundred bytes.
std::string AliasBomb(int levels, const std::string& indent) {
  std::string text = indent + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    const std::string alias = "*a" + std::to_string(i - 1);
    text += indent + "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + alias;
    for (int k = 1; k < 10; ++k) text += ", " + alias;
    text += "]\n";
  }
  return text;
}

constexpr const char* kFleet = R"(devices:
  tracker:
    traffic: { every: 1h, uplink: 2KB, downlink: 512B }
fleet:
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
)";

TEST_CASE("hardening: past 100 errors, a last line says that more were found", "[hardening]") {
  test::TempDir dir;
  // 150 devices with a bad boot time, and a profile override with 150 unknown statuses.
  std::string text =
      "name: many\nstart: 2026-01-01T00:00:00Z\nduration: 1d\ncarriers:\n"
      "  soracom: { profile: soracom }\ndevices:\n";
  for (int i = 0; i < 150; ++i) text += "  d" + std::to_string(i) + ": { boot: 10 }\n";
  text += "fleet:\n  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: d0 }\n";
  std::string overrides =
      "name: many\nstart: 2026-01-01T00:00:00Z\nduration: 1d\ncarriers:\n"
      "  soracom:\n    profile: soracom\n    overrides:\n      statuses:\n";
  for (int i = 0; i < 150; ++i) overrides += "        x" + std::to_string(i) + ": {}\n";
  overrides += std::string("devices: { d: {} }\n") +
               "fleet:\n  - { group: g, count: 1, carrier: soracom, plan: plan01s, device: d }\n";
  REQUIRE(test::WriteText(dir.File("devices.yaml"), text));
  REQUIRE(test::WriteText(dir.File("overrides.yaml"), overrides));
  const std::string last = "error: too many errors (100 of 150 shown); fix these and run again\n";
  for (const char* file : {"devices.yaml", "overrides.yaml"}) {
    INFO(file);
    const test::CliResult r = test::Cli({"validate", dir.File(file)});
    CHECK(r.code == 3);
    REQUIRE(r.err.size() > last.size());
    CHECK(r.err.substr(r.err.size() - last.size()) == last);
    const test::CliResult github = test::Cli({"validate", "--format", "github", dir.File(file)});
    CHECK(github.code == 3);
    CHECK(Contains(github.out, "::error file=" + dir.File(file) +
                                   "::too many errors (100 of "
                                   "150 shown); fix these and run again\n"));
    const test::CliResult json = test::Cli({"validate", "--format", "json", dir.File(file)});
    CHECK(json.code == 3);
    CHECK(Contains(json.out, "\"error_count\": 150"));
  }
}

TEST_CASE("hardening: a profile file that is not a mapping, with overrides, is an error",
          "[hardening]") {
  const test::CliResult r = test::Cli({"validate", BadScenario("scalar_profile_overrides.yaml")});
  CHECK(r.code == 3);
  CHECK(Contains(r.err, "profiles/scalar.yaml:1:1: error: a carrier profile is a mapping"));
  CHECK(Contains(r.err, "profiles/list.yaml:1:1: error: a carrier profile is a mapping"));
  CHECK_FALSE(Contains(r.err, "internal error"));
}

TEST_CASE("hardening: a cyclic anchor in overrides is an error, not a crash", "[hardening]") {
  const test::CliResult r = test::Cli({"validate", BadScenario("cyclic_anchor_overrides.yaml")});
  CHECK(r.code == 3);
  CHECK(Contains(r.err,
                 "cyclic_anchor_overrides.yaml:10:23: error: YAML alias inside its own "
                 "anchor's value"));
  // Overrides that would make a cycle of what the profile shares (no cycle in either file)
  // change a copy each: no cycle, and the errors they have.
  const test::CliResult merged =
      test::Cli({"validate", BadScenario("merged_cycle_overrides.yaml")});
  CHECK(merged.code == 3);
  CHECK_FALSE(Contains(merged.err, "YAML alias inside its own anchor's value"));
  CHECK(Contains(merged.err, "merged_cycle_overrides.yaml:17:14: error: unknown key 'plans.b.extra'"));
}

TEST_CASE("hardening: an alias bomb is refused in overrides, profiles and at the top level",
          "[hardening]") {
  for (const char* file : {"alias_bomb_overrides.yaml", "alias_bomb_profile.yaml"}) {
    INFO(file);
    const test::CliResult r = test::Cli({"validate", BadScenario(file)});
    CHECK(r.code == 3);
    CHECK(Contains(r.err, "YAML aliases repeat more than 100000 values"));
  }
  // A billion values: refused as soon as the file is parsed, which itself never expands aliases
  // (so that this test ends quickly even if the check is lost).
  Diagnostics diag;
  CHECK_FALSE(ParseYaml("bomb.yaml", AliasBomb(10, ""), diag).has_value());
  CHECK(Contains(diag.ToText(), "bomb.yaml:5:5: error: YAML aliases repeat more than 100000"));
  // At the top level of a scenario: one error, not one per unknown key.
  const std::vector<std::string> top = test::LoadErrors(AliasBomb(6, "") + kFleet);
  CHECK(top == std::vector<std::string>{"5:5: error: YAML aliases repeat more than 100000 values "
                                        "in this file (an alias bomb?): write the values out"});
}

TEST_CASE("hardening: nesting through aliases is held to the parser's depth", "[hardening]") {
  // 490 levels, as deep as the parser allows, then 20 more around an alias of them: 510.
  const std::string text = "deep: &d " + std::string(490, '[') + "x" + std::string(490, ']') +
                           "\nmore: " + std::string(20, '[') + "*d" + std::string(20, ']') + "\n";
  Diagnostics diag;
  CHECK_FALSE(ParseYaml("deep.yaml", text, diag).has_value());
  CHECK(Contains(diag.ToText(),
                 "error: YAML syntax error: nested 500 levels deep or more "
                 "through aliases"));
}

// The scenario's line of a value that an override changes: errors about it point there.
TEST_CASE("hardening: errors about an overridden value point at the scenario's override",
          "[hardening]") {
  const std::string head = R"(name: o
start: 2026-01-01T00:00:00Z
duration: 1d
carriers:
  soracom:
    profile: soracom
    overrides:
)";
  const std::vector<std::string> rule =
      test::LoadErrors(head + "      rules: { storm: { to: suspended } }\n" + kFleet);
  CHECK(rule == std::vector<std::string>{
                    "8:23: error: rules.storm: the rule moves a SIM to the status it is in"});
  const std::vector<std::string> status =
      test::LoadErrors(head + "      statuses: { active: { final: true } }\n" + kFleet);
  // The first error is the override's; what follows from it (verbs that now leave a final
  // status) is reported where the profile says so.
  CHECK(std::find(status.begin(), status.end(),
                  "8:27: error: statuses.active: final status 'active' cannot allow data or "
                  "SMS") != status.end());
}

// An input shown in a message is cut to this many characters, and escaped.
constexpr size_t kShown = 40;

TEST_CASE("hardening: a profile that parses as text is not echoed in messages", "[hardening]") {
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File(".env"), "SECRET_TOKEN=abcdef123\nDB_PASSWORD=hunter2\n"));
  REQUIRE(test::WriteText(dir.File("s.yaml"), R"(name: env
start: 2026-01-01T00:00:00Z
duration: 1d
carriers:
  soracom: { profile: ./.env }
)" + std::string(kFleet)));
  for (const char* format : {"text", "github", "json"}) {
    INFO(format);
    const test::CliResult r = test::Cli({"validate", "--format", format, dir.File("s.yaml")});
    CHECK(r.code == 3);
    const std::string all = r.out + r.err;
    CHECK(Contains(all, "a carrier profile is a mapping"));
    CHECK_FALSE(Contains(all, "SECRET"));
    CHECK_FALSE(Contains(all, "hunter2"));
  }
}

TEST_CASE("hardening: messages quote at most a short escaped excerpt of any input", "[hardening]") {
  const std::string key(300, 'K'), currency(300, 'Q'), unit(300, 'U'), kind(300, 'M');
  const std::string name(300, 'N'), action(300, 'A');
  const std::vector<std::string> errors = test::LoadErrors(
      "name: x\nstart: 2026-01-01T00:00:00Z\nduration: 1d\ncurrency: " + currency + "\n" + key +
      ": 1\ncarriers:\n  soracom: { profile: soracom }\ndevices:\n  tracker:\n    modem: " + kind +
      "\n    traffic: { every: 1h, uplink: 2" + unit + " }\n  " + name +
      ": { boot: 10 }\nfleet:\n  - { group: g, count: 1, carrier: soracom, plan: plan01s, "
      "device: tracker }\ntimeline:\n  - { at: 1h, " +
      action + ": { group: g } }\n" + "  - { at: \"1h\\n\\u0007" + std::string(100, 'T') +
      "\", activate: { group: g } }\n");
  REQUIRE(errors.size() >= 6);
  for (const std::string& error : errors) {
    INFO(error);
    for (const char c : {'K', 'Q', 'U', 'M', 'N', 'A', 'T'}) {
      CHECK_FALSE(Contains(error, std::string(kShown + 1, c)));
    }
  }
  const std::string all = [&] {
    std::string text;
    for (const std::string& e : errors) text += e + "\n";
    return text;
  }();
  CHECK(Contains(all, "unknown key '" + std::string(kShown, 'K') + "...'"));
  CHECK(Contains(all, "unknown currency '" + std::string(kShown, 'Q') + "...'"));
  CHECK(Contains(all, "got '" + std::string(kShown, 'M') + "...'"));
  CHECK(Contains(all, "'1h\\n\\x07" + std::string(kShown - 4, 'T') + "...'"));
}

std::string SizeScenario(const std::string& uplink) {
  return "name: s\nstart: 2026-01-01T00:00:00Z\nduration: 1d\ncarriers:\n  soracom: { profile: "
         "soracom }\ndevices:\n  tracker:\n    traffic: { every: 1h, uplink: " +
         uplink +
         " }\nfleet:\n  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: "
         "tracker }\n";
}

TEST_CASE("hardening: lognormal sigma 0 is allowed and gives the median every time",
          "[hardening]") {
  for (const char* sigma : {"0", "0.0"}) {
    INFO(sigma);
    const Scenario s =
        test::LoadValid(SizeScenario(std::string("{ lognormal: 2KB, sigma: ") + sigma + " }"));
    const SizeSpec& size = s.devices[0].traffic.uplink;
    for (uint64_t key : {1u, 77u, 123456u}) {
      for (int64_t k = 0; k < 200; ++k) CHECK(SendSize(size, key, k) == 2048);
    }
  }
  // A positive sigma still draws sizes that vary.
  const SizeSpec spread =
      test::LoadValid(SizeScenario("{ lognormal: 2KB, sigma: 0.5 }")).devices[0].traffic.uplink;
  bool varies = false;
  for (int64_t k = 1; k < 50; ++k) varies |= SendSize(spread, 1, k) != SendSize(spread, 1, 0);
  CHECK(varies);
  for (const char* sigma : {"-0.1", "3.5", "nan", "0.0001"}) {
    INFO(sigma);
    const std::vector<std::string> errors =
        test::LoadErrors(SizeScenario(std::string("{ lognormal: 2KB, sigma: ") + sigma + " }"));
    REQUIRE(errors.size() == 1);
    CHECK(Contains(errors[0], "is not a sigma from 0 to 3 (0, or 0.001 and up)"));
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Found by fuzz_profile: a rule whose target names no status, in a profile with no statuses,
// made the rule checks read status 0 of an empty list.
TEST_CASE("hardening: a rule whose target names no status is an error and no read past the list",
          "[hardening]") {
  const std::string profile =
      test::ReadText(test::SourcePath("tests/fuzz/corpus/profile/"
                                      "crash-rule-target-without-statuses.yaml"));
  Diagnostics diag;
  CHECK_FALSE(LoadProfileText("p.yaml", profile, diag).has_value());
  const std::string errors = diag.ToText();
  CHECK(errors.find("p.yaml:2:1: error: missing required key 'statuses'") != std::string::npos);
  CHECK(errors.find("rules.to-busy.to: no status 'busy' in this profile; it defines none") !=
        std::string::npos);
  // The same file given to validate is recognised as a profile, not a scenario missing a fleet.
  const test::CliResult validate =
      test::Cli({"validate", test::SourcePath("tests/fuzz/corpus/profile/"
                                              "crash-rule-target-without-statuses.yaml")});
  CHECK(validate.code == 3);
  CHECK(validate.err.find("missing required key 'fleet'") == std::string::npos);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
