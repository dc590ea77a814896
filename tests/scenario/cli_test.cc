// The command line: subcommands, help, exit codes (README.md documents them).
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::Cli;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("help on every command, and the version", "[cli]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"run", "--help"},
                                               {"validate", "--help"},
                                               {"bench", "--help"},
                                               {"run", "-h"}}) {
    const test::CliResult r = Cli(args);
    INFO(args[0]);
    CHECK(r.code == 0);
    CHECK(Contains(r.out, "usage: carriersim"));
    CHECK(r.err.empty());
  }
  const test::CliResult v = Cli({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out == std::string("carriersim ") + CARRIERSIM_VERSION + "\n");
}

TEST_CASE("usage errors exit 2 and say what was wrong", "[cli]") {
  CHECK(Cli({}).code == 2);
  const test::CliResult unknown = Cli({"rnu"});
  CHECK(unknown.code == 2);
  CHECK(Contains(unknown.err, "unknown command 'rnu' (did you mean 'run'?)"));
  const test::CliResult option = Cli({"run", "x.yaml", "--sed", "3"});
  CHECK(option.code == 2);
  CHECK(Contains(option.err, "unknown option '--sed' (did you mean '--seed'?)"));
  CHECK(Cli({"run"}).code == 2);
  CHECK(Cli({"run", "a.yaml", "b.yaml"}).code == 2);
  const test::CliResult seed = Cli({"run", "x.yaml", "--seed", "-4"});
  CHECK(seed.code == 2);
  CHECK(Contains(seed.err, "--seed: '-4' is negative"));
  CHECK(Cli({"run", "x.yaml", "--out"}).code == 2);
  CHECK(Cli({"validate"}).code == 2);
  CHECK(Cli({"bench"}).code == 2);
  CHECK(Cli({"bench", "phold", "--lps", "10"}).code == 2);
  CHECK(Cli({"bench", "phold", "--lps", "0", "--events", "10"}).code == 2);
  CHECK(Cli({"bench", "phold", "--lps", "10", "--events", "10", "--remote", "2"}).code == 2);
}

TEST_CASE("a missing input file exits 4", "[cli]") {
  const test::CliResult run = Cli({"run", "/nonexistent/s.yaml"});
  CHECK(run.code == 4);
  CHECK(run.err == "/nonexistent/s.yaml: error: cannot read scenario: no such file\n");
  CHECK(Cli({"validate", "/nonexistent/s.yaml"}).code == 4);
  // A missing file outranks an invalid one.
  CHECK(Cli({"validate", test::SourcePath("tests/bad_scenarios/empty.yaml"), "/nonexistent/s.yaml"})
            .code == 4);
}

TEST_CASE("an unwritable output folder exits 4 before simulating", "[cli]") {
  test::TempDir dir;
  REQUIRE(test::WriteText(dir.File("a-file"), "x"));
  const test::CliResult r =
      Cli({"run", test::SourcePath("scenarios/quickstart.yaml"), "--out", dir.File("a-file/out")});
  CHECK(r.code == 4);
  CHECK(Contains(r.err, "cannot create output folder"));
  CHECK(r.out.empty());  // nothing ran
}

TEST_CASE("validate reports each valid file in one line", "[cli]") {
  const std::string quickstart = test::SourcePath("scenarios/quickstart.yaml");
  const test::CliResult r = Cli({"validate", quickstart});
  CHECK(r.code == 0);
  CHECK(r.out == quickstart +
                     ": ok: 1 carrier, 1 device profile, 1 group (10 SIMs), 3 timeline "
                     "actions, 30d\n");
  // The loader's copies of profiles for external firmware are not counted as the file's.
  const std::string lab = test::SourcePath("scenarios/firmware-lab.yaml");
  const test::CliResult l = Cli({"validate", lab});
  CHECK(l.code == 0);
  CHECK(l.out == lab +
                     ": ok: 1 carrier, 2 device profiles, 2 groups (3 SIMs, 2 with external "
                     "firmware), 0 timeline actions, 30d\n");
}

TEST_CASE("the console summary keeps a time label longer than its column whole", "[cli]") {
  test::TempDir dir;
  const std::string scenario = dir.File("late.yaml");
  REQUIRE(test::WriteText(scenario,
                          "name: late\nstart: 2026-01-01T00:00:00Z\nduration: 3d\n"
                          "carriers:\n  soracom: { profile: soracom }\n"
                          "devices:\n  tracker: { boot: 5s }\n"
                          "fleet:\n  - { group: trackers, count: 2, carrier: soracom, "
                          "plan: plan01s, device: tracker }\n"
                          "timeline:\n  - { at: 1d 6h 10m 30s, suspend: { group: trackers } }\n"
                          "  - { at: 2d, activate: { group: trackers } }\n"));
  const test::CliResult r = Cli({"run", scenario, "--out", dir.File("out")});
  REQUIRE(r.code == 0);
  // Before, the label was cut at the column and ran into the text: "at 1d 6h 10msuspend".
  CHECK(Contains(r.out, "  at 1d 6h 10m 30s suspend trackers: 2 applied\n"));
  CHECK(Contains(r.out, "  at 2d       activate trackers: 2 applied\n"));
}

TEST_CASE("run prints a summary and writes summary.json", "[cli]") {
  test::TempDir dir;
  const test::CliResult r =
      Cli({"run", test::SourcePath("scenarios/quickstart.yaml"), "--out", dir.File("q")});
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "SIMs        10 total, 10 online at the end; active 10"));
  CHECK(Contains(r.out,
                 "30 attach attempts, 20 accepted, 10 rejected (#7 EPS services not "
                 "allowed: 10)"));
  // The energy proxy per device (DEV-4): an attach at boot, the #7 after the suspension and one
  // after the power cycle; the power cycle's recovery; and no storm (SOR-7).
  CHECK(Contains(r.out, "  forced      no reactivations after signaling storms\n"));
  CHECK(Contains(r.out, "  energy      3.0 attach attempts and 32s radio-on per device (most 49s), "
                        "0 modem reboots\n"));
  CHECK(Contains(r.out, "  recovery    power-cycle trackers: 10 of 10 back; p50 17s, p95 28s, "
                        "p100 28s\n"));
  CHECK(std::filesystem::exists(dir.File("q/summary.json")));
  // No temporary files are left next to the reports.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File("q"))) {
    (void)entry;
    ++files;
  }
  CHECK(files == 8);  // summary.json, ledger, history, sessions, sims, timeseries, junit, html
}

TEST_CASE("bench phold prints its figures on the last line", "[cli]") {
  const test::CliResult r = Cli({"bench", "phold", "--lps", "1000", "--events", "20000"});
  REQUIRE(r.code == 0);
  const std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  CHECK(last.rfind("events=20000 seconds=", 0) == 0);
  CHECK(Contains(last, " events_per_s="));
  CHECK(Contains(last, " ns_per_event="));
  // The workload is deterministic: the checksum depends on the seed only.
  const test::CliResult again = Cli({"bench", "phold", "--lps", "1000", "--events", "20000"});
  CHECK(r.out.substr(0, r.out.find('\n')) == again.out.substr(0, again.out.find('\n')));
}

TEST_CASE("profiles lists the built-in carriers and shows one", "[cli]") {
  const test::CliResult list = Cli({"profiles"});
  CHECK(list.code == 0);
  CHECK(list.out ==
        "hologram: Hologram-style SIM states (4 statuses, 3 verbs, 2 plans)\n"
        "kore: KORE-style SIM states (Programmable Wireless) (8 statuses, 6 verbs, 1 plan)\n"
                    "prepaid: Prepaid IoT SIM (lifetime plan) (6 statuses, 4 verbs, 2 plans)\n"
        "soracom: Soracom-style IoT SIM (subscriber status lifecycle) (7 statuses, 5 verbs, 10 "
        "plans)\n");
  const test::CliResult soracom = Cli({"profiles", "soracom"});
  CHECK(soracom.code == 0);
  for (const char* plan : {"plan01s", "plan01s-LDV", "planX3", "planX3-EU", "plan-US", "plan-D",
                           "plan-K", "plan-K2", "plan-DU", "plan-KM1"}) {
    CHECK(Contains(soracom.out, std::string("\n  ") + plan + ": "));
  }
  CHECK(Contains(soracom.out, "    active: 0.06 USD per day\n"));
  CHECK(Contains(soracom.out, "prices: Example prices as of 2026-11-22."));
  const test::CliResult typo = Cli({"profiles", "sorakom"});
  CHECK(typo.code == 2);
  CHECK(Contains(typo.err, "(did you mean 'soracom'?)"));
}

TEST_CASE("the binary's exit codes reach the shell", "[cli]") {
  CHECK(test::RunBinary("--version") == 0);
  CHECK(test::RunBinary("") == 2);
  CHECK(test::RunBinary("validate /nonexistent/s.yaml") == 4);
  CHECK(test::RunBinary("validate " + test::SourcePath("tests/bad_scenarios/empty.yaml")) == 3);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
