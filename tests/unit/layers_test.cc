// README.md's dependency graph is the build's: the layers cmake/layers.cmake declares (written to
// build/layers.txt at configure time), their folders, and which layers each uses.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

struct Graph {
  std::set<std::pair<std::string, std::string>> layers;       // (name, folder)
  std::set<std::tuple<std::string, std::string, bool>> uses;  // (user, used, public)
};

// build/layers.txt: "NAME FOLDER public: A B private: C".
Graph FromBuild() {
  Graph g;
  std::istringstream lines(test::ReadText(std::string(CARRIERSIM_BINARY_DIR) + "/layers.txt"));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string name, folder, word;
    words >> name >> folder;
    g.layers.insert({name, folder});
    bool exposed = true;
    while (words >> word) {
      if (word == "public:" || word == "private:") {
        exposed = word == "public:";
      } else {
        g.uses.insert({name, word, exposed});
      }
    }
  }
  return g;
}

// The mermaid block of README.md: `NAME["FOLDER"]`, `A --> B` (A's headers use B), and
// `A -.-> B` (only A's sources use B).
Graph FromReadme() {
  const std::string readme = test::ReadText(test::SourcePath("README.md"));
  const size_t start = readme.find("```mermaid\nflowchart BT\n");
  REQUIRE(start != std::string::npos);
  const size_t end = readme.find("```", start + 3);
  std::istringstream lines(readme.substr(start, end - start));
  Graph g;
  std::string line;
  std::getline(lines, line);  // ```mermaid
  std::getline(lines, line);  // flowchart BT
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first, arrow, second;
    words >> first >> arrow >> second;
    if (arrow.empty()) {
      const size_t open = first.find("[\"");
      REQUIRE(open != std::string::npos);
      REQUIRE(first.size() > open + 4);
      g.layers.insert({first.substr(0, open), first.substr(open + 2, first.size() - open - 4)});
    } else {
      INFO(line);
      REQUIRE((arrow == "-->" || arrow == "-.->"));
      g.uses.insert({first, second, arrow == "-->"});
    }
  }
  return g;
}

TEST_CASE("the README's dependency graph is the one the build enforces", "[layers]") {
  const Graph build = FromBuild();
  const Graph readme = FromReadme();
  REQUIRE(build.layers.size() >= 10);
  CHECK(readme.layers == build.layers);
  CHECK(readme.uses == build.uses);
}

TEST_CASE("every #include of the project's own headers names its folder from the top", "[layers]") {
  // A quoted include is looked up next to the including file first: a relative path ("x.h",
  // "../devices/x.h") would reach past the include views that enforce the layering.
  size_t includes = 0;
  for (const char* layer : {"simulator", "devices", "reports"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(test::SourcePath(layer))) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cc")) continue;
      std::istringstream lines(test::ReadText(entry.path().string()));
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("#include \"", 0) != 0) continue;
        INFO(entry.path().string() << ": " << line);
        const std::string path = line.substr(10);
        CHECK((path.rfind("simulator/", 0) == 0 || path.rfind("devices/", 0) == 0 ||
               path.rfind("reports/", 0) == 0));
        CHECK(path.find("..") == std::string::npos);
        ++includes;
      }
    }
  }
  CHECK(includes > 300);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
