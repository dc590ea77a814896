#include "reports/junit.h"

#include <filesystem>

#include "reports/xml_escape.h"
#include "simulator/base/units.h"

namespace carriersim {

// The test case of a scenario without expectations, and of a run that failed before them.
constexpr const char* kRunsToItsEnd = "the scenario runs to its end";

namespace {

// A test case's file and line (0: the file as a whole), for CI systems that annotate them, and
// its time. The time is 0: an expectation is measured in no time worth counting, and reports
// hold nothing that changes from one run of the same scenario and seed to the next.
std::string Where(const std::string& file, int line) {
  return " file=\"" + XmlEscape(file) + "\"" +
         (line > 0 ? " line=\"" + std::to_string(line) + "\"" : "") + " time=\"0\"";
}

}  // namespace

std::string ScenarioFileName(const std::string& scenario_file) {
  return std::filesystem::path(scenario_file).filename().string();
}

std::string JunitXml(const RunResult& run) {
  const Scenario& s = run.scenario();
  const std::vector<ExpectationResult>& results = run.expectations();
  const std::string suite = XmlEscape(s.name);
  const std::string file = ScenarioFileName(s.file);
  size_t failures = 0;
  for (const ExpectationResult& r : results) failures += !r.passed;
  const size_t tests = results.empty() ? 1 : results.size();
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites name=\"carriersim\" tests=\"" + std::to_string(tests) + "\" failures=\"" +
         std::to_string(failures) + "\">\n";
  xml += "  <testsuite name=\"" + suite + "\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"0\">\n";
  xml += "    <properties>\n";
  xml += "      <property name=\"scenario\" value=\"" + XmlEscape(file) + "\"/>\n";
  xml += "      <property name=\"seed\" value=\"" + std::to_string(run.seed()) + "\"/>\n";
  xml += "      <property name=\"duration\" value=\"" + FormatDuration(s.duration) + "\"/>\n";
  xml += "    </properties>\n";
  if (results.empty()) {
    xml += "    <testcase classname=\"" + suite + "\" name=\"" + kRunsToItsEnd + "\"" +
           Where(file, 0) + "/>\n";
  }
  for (size_t i = 0; i < results.size(); ++i) {
    const Expectation& e = s.expectations[i];
    const ExpectationResult& r = results[i];
    xml += "    <testcase classname=\"" + suite + "\" name=\"" + XmlEscape(e.text) + "\"" +
           Where(file, e.line);
    if (r.passed) {
      xml += "/>\n";
      continue;
    }
    const std::string message = "expected " + e.expected + ", got " + r.actual_text;
    xml += ">\n      <failure message=\"" + XmlEscape(message) + "\" type=\"expectation\">" +
           XmlEscape(file + ":" + std::to_string(e.line) + ": " + e.text + ": " + message) +
           "</failure>\n    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

std::string FailedRunJunitXml(const std::string& suite, const std::string& scenario_file,
                              const std::string& message) {
  const std::string name = XmlEscape(suite);
  const std::string first_line = message.substr(0, message.find('\n'));
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites name=\"carriersim\" tests=\"1\" failures=\"1\">\n";
  xml += "  <testsuite name=\"" + name +
         "\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n";
  xml += "    <properties>\n";
  xml += "      <property name=\"scenario\" value=\"" + XmlEscape(ScenarioFileName(scenario_file)) +
         "\"/>\n";
  xml += "    </properties>\n";
  xml += "    <testcase classname=\"" + name + "\" name=\"" + kRunsToItsEnd + "\"" +
         Where(ScenarioFileName(scenario_file), 0) + ">\n";
  xml += "      <failure message=\"" + XmlEscape(first_line) + "\" type=\"run\">" +
         XmlEscape(message) + "</failure>\n";
  xml += "    </testcase>\n  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace carriersim
