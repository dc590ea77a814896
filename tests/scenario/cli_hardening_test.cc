// The command line's rough edges: reports that do not depend on how the scenario's path was
// typed, repeated options, help texts that list everything the parser knows, short usage errors,
// the progress line's time left, and the run commands the example scenarios show.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/cli/progress.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

namespace fs = std::filesystem;
using test::Cli;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("hardening: a scenario run by a relative and by an absolute path writes the same bytes",
          "[cli]") {
  test::TempDir dir;
  const std::string absolute = test::SourcePath("scenarios/quickstart.yaml");
  const std::string relative = fs::relative(absolute, fs::current_path()).string();
  REQUIRE(relative != absolute);
  REQUIRE(relative.front() != '/');
  REQUIRE(Cli({"run", absolute, "--out", dir.File("a"), "--trace"}).code == 0);
  REQUIRE(Cli({"run", relative, "--out", dir.File("b"), "--trace"}).code == 0);
  for (const char* report : {"summary.json", "ledger.csv", "history.csv", "sessions.csv",
                             "sims.csv", "junit.xml", "timeseries.csv", "report.html",
                             "events.jsonl"}) {
    INFO(report);
    CHECK(test::ReadText(dir.File(std::string("a/") + report)) ==
          test::ReadText(dir.File(std::string("b/") + report)));
  }
  // They name the scenario by its file name, which both runs share.
  CHECK(Contains(test::ReadText(dir.File("a/junit.xml")), "value=\"quickstart.yaml\""));
}

TEST_CASE("hardening: a repeated single-value option is a usage error", "[cli]") {
  const std::string quickstart = test::SourcePath("scenarios/quickstart.yaml");
  test::TempDir dir;
  const test::CliResult seed =
      Cli({"run", quickstart, "--seed", "1", "--seed=2", "--out", dir.File("o")});
  CHECK(seed.code == 2);
  CHECK(Contains(seed.err, "option '--seed' given twice"));
  CHECK_FALSE(fs::exists(dir.File("o")));
  CHECK(Cli({"run", quickstart, "--out", dir.File("a"), "--out", dir.File("b")}).code == 2);
  CHECK(Cli({"validate", "--format", "json", "--format", "text", quickstart}).code == 2);
  CHECK(Cli({"bench", "phold", "--lps", "10", "--lps", "20", "--events", "10"}).code == 2);
}

// The paragraph of `help` that starts with `heading` (up to the next blank line).
std::string Paragraph(const std::string& help, const std::string& heading) {
  const size_t at = help.find(heading);
  if (at == std::string::npos) return "";
  return help.substr(at, help.find("\n\n", at) - at);
}

struct CommandOptions {
  std::string command;
  std::vector<OptionSpec> options;
};

TEST_CASE("hardening: the help lists every option the parser knows, and every exit code",
          "[cli]") {
  const std::string top = Cli({"--help"}).out;
  const std::string top_commands = Paragraph(top, "commands:");
  for (const CommandOptions& c : {CommandOptions{"run", RunOptionSpecs()},
                                  CommandOptions{"validate", ValidateOptionSpecs()},
                                  CommandOptions{"bench", BenchOptionSpecs()},
                                  CommandOptions{"profiles", ProfilesOptionSpecs()},
                                  CommandOptions{"serve", ServeOptionSpecs()}}) {
    const test::CliResult help = Cli({c.command, "--help"});
    REQUIRE(help.code == 0);
    const std::string usage = Paragraph(help.out, "usage:");
    INFO(c.command << " --help:\n" << help.out);
    CHECK(Contains(top_commands, "  " + c.command + " "));
    for (const OptionSpec& option : c.options) {
      INFO("--" << option.name);
      CHECK(Contains(usage, "--" + option.name));             // in the usage line
      CHECK(Contains(help.out, "\n  --" + option.name + " "));  // and explained
      CHECK(Contains(top_commands, "--" + option.name));       // and in carriersim --help
    }
    // Every command can end in a usage error or, through a bug, an internal error.
    const std::string codes = Paragraph(help.out, "exit codes:");
    for (const ExitCode code : {kExitOk, kExitUsage, kExitInternal}) {
      CHECK(Contains(codes, " " + std::to_string(code) + " "));
    }
  }
  CHECK(Contains(top_commands, "  bench fleet"));
  for (const std::string& help : {top, Cli({"run", "--help"}).out}) {
    const std::string codes = Paragraph(help, "exit codes:");
    INFO(codes);
    for (const ExitCode code : kExitCodes) CHECK(Contains(codes, " " + std::to_string(code) + " "));
  }
}

TEST_CASE("hardening: a usage error prints the error and where the help is, not the whole help",
          "[cli]") {
  const test::CliResult option = Cli({"run", "x.yaml", "--sed", "3"});
  CHECK(option.code == 2);
  CHECK(option.err ==
        "carriersim run: unknown option '--sed' (did you mean '--seed'?)\n"
        "see carriersim run --help\n");
  CHECK(Cli({"run"}).err ==
        "carriersim run: expected one scenario file, got 0\nsee carriersim run --help\n");
  CHECK(Cli({"validate", "--formt", "json"}).err ==
        "carriersim validate: unknown option '--formt' (did you mean '--format'?)\n"
        "see carriersim validate --help\n");
  CHECK(Cli({"bench", "phold", "--lps", "10"}).err ==
        "carriersim bench phold: --lps and --events are required\nsee carriersim bench --help\n");
  CHECK(Cli({"profiles", "--x"}).err ==
        "carriersim profiles: unknown option '--x'\nsee carriersim profiles --help\n");
  CHECK(Cli({"rnu"}).err ==
        "carriersim: unknown command 'rnu' (did you mean 'run'?)\nsee carriersim --help\n");
}

TEST_CASE("hardening: the progress line shows no time left until it means something",
          "[cli]") {
  // The first update of a 2-second run: 0.2 s in, 0.0005 % simulated. Extrapolating from that
  // gave an ETA of 41,236 s.
  CHECK_FALSE(EstimatedSecondsLeft(0.2, 0.000005).has_value());
  CHECK_FALSE(EstimatedSecondsLeft(0.9, 0.5).has_value());   // under a second: too early
  CHECK_FALSE(EstimatedSecondsLeft(5.0, 0.01).has_value());  // under 2 %: too little seen
  REQUIRE(EstimatedSecondsLeft(1.0, 0.5).has_value());
  CHECK(*EstimatedSecondsLeft(1.0, 0.5) == Approx(1.0));
  CHECK(*EstimatedSecondsLeft(10.0, 0.02) == Approx(490.0));
  CHECK(*EstimatedSecondsLeft(3.0, 1.0) == Approx(0.0));

  const UnixMillis jan1 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  const std::string early = ProgressText(jan1, 30 * kDay, kHour, 2000, 0.2);
  CHECK(early == "  2026-01-01T01:00:00Z    0%  0.01M events/s");
  CHECK_FALSE(Contains(early, "ETA"));
  CHECK(ProgressText(jan1, 30 * kDay, 15 * kDay, 2'000'000, 2.0) ==
        "  2026-01-16T00:00:00Z   50%  1.00M events/s  ETA 2s");
}

TEST_CASE("hardening: each example scenario says how to run it with the command that exists",
          "[cli]") {
  size_t checked = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(test::SourcePath("scenarios"))) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::string file = entry.path().filename().string();
    INFO(file);
    const std::string text = test::ReadText(entry.path().string());
    const size_t run_it = text.find("# Run it:");
    REQUIRE(run_it != std::string::npos);
    const std::string line = text.substr(run_it, text.find('\n', run_it) - run_it);
    CHECK(Contains(line, " ./setup.sh run scenarios/" + file));
    CHECK_FALSE((Contains(text, "#   carriersim ") || Contains(text, ":   carriersim ")));
    ++checked;
  }
  CHECK(checked >= 6);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
