// Helpers shared by the tests.
#ifndef CARRIERSIM_TESTS_TEST_UTIL_H_
#define CARRIERSIM_TESTS_TEST_UTIL_H_

#include <string>
#include <vector>

#include "simulator/scenario/model.h"

namespace carriersim::test {

// A path inside the source tree: SourcePath("scenarios/quickstart.yaml").
std::string SourcePath(const std::string& relative);
std::string ReadText(const std::string& path);
bool WriteText(const std::string& path, const std::string& text);
// The names of the entries of the folder `dir`, sorted.
std::vector<std::string> Listing(const std::string& dir);

// The CLI run in-process, as main() runs it.
struct CliResult {
  int code;
  std::string out;
  std::string err;
};
CliResult Cli(const std::vector<std::string>& args);

// The real binary, through the shell: for what only a separate process shows (main's exit code).
int RunBinary(const std::string& arguments);

// Loads scenario text that must be valid; fails the test with the diagnostics otherwise.
Scenario LoadValid(const std::string& text, const std::string& file = "test.yaml");
// The diagnostics of scenario text that must be invalid, one "LINE:COL: error: message" per line.
std::vector<std::string> LoadErrors(const std::string& text, const std::string& file = "test.yaml");

// A fresh folder under /tmp, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace carriersim::test

#endif  // CARRIERSIM_TESTS_TEST_UTIL_H_
