// junit.xml: the expectations of a run as JUnit test cases, for CI systems. One test suite, the
// scenario; one test case per expectation, named as written; a failure says what was expected
// and what the run measured. A scenario without expectations has one test case: the run itself.
#ifndef CARRIERSIM_REPORTS_JUNIT_H_
#define CARRIERSIM_REPORTS_JUNIT_H_

#include <string>

#include "simulator/results/run_result.h"

namespace carriersim {

std::string JunitXml(const RunResult& run);

// junit.xml for a run that did not produce its reports (the scenario did not load, the run was
// interrupted, the reports could not be written): one test case, failed with `message`, so that
// a CI publishing it shows red. `suite` is the scenario's name, `scenario_file` its path.
std::string FailedRunJunitXml(const std::string& suite, const std::string& scenario_file,
                              const std::string& message);

// How reports name the scenario's file: its name alone. The path as typed would make a run by a
// relative path and one by an absolute path write different bytes.
std::string ScenarioFileName(const std::string& scenario_file);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_JUNIT_H_
