// junit.xml against the JUnit schema CI systems read (tests/schemas/junit-10.xsd, its origin in
// its header), checked by xmllint (Debian's libxml2-utils, which ./setup.sh test installs): every
// kind of junit.xml a run writes, and the test cases' file, line and time; and the console's
// PASS/FAIL table, whose failures say where they are written.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/test_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// xmllint's verdict on `xml` against the schema: its exit code (0: valid; 127: not installed),
// with what it said.
int Validate(const TempDir& dir, const std::string& xml, std::string* said) {
  const std::string log = dir.File("xmllint.log");
  const std::string command = "xmllint --noout --schema '" +
                              SourcePath("tests/schemas/junit-10.xsd") + "' '" + xml + "' >'" +
                              log + "' 2>&1";
  const int status = std::system(command.c_str());
  *said = ReadText(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void CheckValid(const TempDir& dir, const std::string& xml) {
  std::string said;
  const int code = Validate(dir, xml, &said);
  INFO(said);
  if (code == 127) FAIL("xmllint is not installed: apt-get install libxml2-utils");
  CHECK(code == 0);
}

const char* const kScenario = R"(name: junit-check
start: 2026-01-01T00:00:00Z
duration: 10d
carriers:
  soracom: { profile: soracom }
devices:
  tracker: { boot: 0s }
fleet:
  - { group: trackers, count: 3, carrier: soracom, plan: plan01s, device: tracker }
timeline:
  - { at: 5d, name: park, suspend: { group: trackers } }
expect:
  - { metric: sims.suspended, "==": 3 }
  - { metric: sims.active, group: trackers, "<": 1 }
  - { metric: timeline.applied, action: park, "==": 2 }
  - { metric: fees.total, per-sim: each, ">": 0.30 USD }
)";

}  // namespace

TEST_CASE("junit.xml test cases carry file, line and time, and validate against junit-10.xsd",
          "[junit][cli]") {
  TempDir dir;
  const std::string file = dir.File("junit-check.yaml");
  REQUIRE(WriteText(file, kScenario));
  const CliResult run = Cli({"run", file, "--out", dir.File("out"), "--no-progress"});
  INFO(run.err);
  CHECK(run.code == 1);
  const std::string junit = ReadText(dir.File("out/junit.xml"));
  CHECK(Contains(junit,
                 "name=\"sims.suspended == 3\" file=\"junit-check.yaml\" line=\"13\" "
                 "time=\"0\"/>"));
  CHECK(Contains(junit,
                 "name=\"sims.active (group trackers) &lt; 1\" file=\"junit-check.yaml\" "
                 "line=\"14\" time=\"0\"/>"));
  CHECK(Contains(junit,
                 "name=\"timeline.applied (action park) == 2\" file=\"junit-check.yaml\" "
                 "line=\"15\" time=\"0\">"));
  CHECK(Contains(junit, "<failure message=\"expected == 2, got 3\" type=\"expectation\">"));
  // Each tracker paid 5 active days (0.06 USD a day) before its suspension.
  CHECK(Contains(junit,
                 "<failure message=\"expected &gt; 0.30 USD, got 3 of 3 SIMs did not: "
                 "trackers#0 (0.30 USD), trackers#1 (0.30 USD), trackers#2 (0.30 USD)\""));
  CheckValid(dir, dir.File("out/junit.xml"));

  // The console's table: a failure ends with where it is written, as the loader's errors do.
  CHECK(Contains(run.out, "    PASS  sims.suspended == 3  (got 3)\n"));
  CHECK(Contains(run.out,
                 "    FAIL  timeline.applied (action park) == 2  (got 3)  " + file + ":15\n"));
  CHECK(Contains(run.out,
                 "    FAIL  fees.total (each SIM) > 0.30 USD  (got 3 of 3 SIMs did not: "
                 "trackers#0 (0.30 USD), trackers#1 (0.30 USD), trackers#2 (0.30 USD))  " +
                     file + ":16\n"));

  // Without expectations: the run's one test case, for the file as a whole.
  const std::string plain = dir.File("plain.yaml");
  std::string text = kScenario;
  REQUIRE(WriteText(plain, text.substr(0, text.find("expect:"))));
  CHECK(Cli({"run", plain, "--out", dir.File("plain"), "--no-progress"}).code == 0);
  CHECK(Contains(ReadText(dir.File("plain/junit.xml")),
                 "name=\"the scenario runs to its end\" file=\"plain.yaml\" time=\"0\"/>"));
  CheckValid(dir, dir.File("plain/junit.xml"));

  // A scenario that does not load: the junit.xml of a run that produced no reports.
  const std::string bad = dir.File("bad.yaml");
  REQUIRE(WriteText(bad, text + "  - { metric: sims.activ, \"==\": 1 }\n"));
  CHECK(Cli({"run", bad, "--out", dir.File("bad"), "--no-progress"}).code == 3);
  CHECK(Contains(ReadText(dir.File("bad/junit.xml")), "file=\"bad.yaml\" time=\"0\">"));
  CheckValid(dir, dir.File("bad/junit.xml"));
}

TEST_CASE("the JUnit schema refuses what CI systems would not read", "[junit]") {
  // The check above means something only if the schema refuses things: a test suite without its
  // count of tests, and an attribute JUnit does not have.
  TempDir dir;
  const std::string xml = dir.File("wrong.xml");
  REQUIRE(WriteText(xml,
                    "<testsuites><testsuite name=\"s\"><testcase name=\"c\" lines=\"3\"/>"
                    "</testsuite></testsuites>\n"));
  std::string said;
  const int code = Validate(dir, xml, &said);
  if (code == 127) FAIL("xmllint is not installed: apt-get install libxml2-utils");
  CHECK(code != 0);
  CHECK(Contains(said, "The attribute 'tests' is required but missing"));
  CHECK(Contains(said, "The attribute 'lines' is not allowed"));
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
