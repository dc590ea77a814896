#include "simulator/base/yaml_merge.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "simulator/base/yaml_reader.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

YAML::Node Parse(const std::string& text) {
  Diagnostics diag;
  std::optional<YAML::Node> root = ParseYaml("m.yaml", text, diag);
  INFO(diag.ToText());
  REQUIRE(root.has_value());
  return *root;
}

std::vector<std::string> Errors(const std::string& text) {
  Diagnostics diag;
  CHECK_FALSE(ParseYaml("m.yaml", text, diag).has_value());
  std::vector<std::string> errors;
  for (const Diagnostic& d : diag.Sorted()) errors.push_back(FormatDiagnostic(d));
  return errors;
}

// "key=value" for each entry of a mapping of scalars, in order.
std::vector<std::string> Flat(const YAML::Node& map) {
  std::vector<std::string> entries;
  for (auto it = map.begin(); it != map.end(); ++it) {
    entries.push_back(it->first.Scalar() + "=" +
                      (it->second.IsScalar() ? it->second.Scalar() : "{}"));
  }
  return entries;
}

TEST_CASE("yaml-cpp 0.7 keeps '<<' as a plain key, which is why the reader merges", "[yaml]") {
  const YAML::Node raw = YAML::Load("a: &a { x: 1 }\nb: { <<: *a, y: 2 }\n");
  CHECK(raw["b"].size() == 2);
  CHECK(raw["b"]["<<"].IsMap());
  CHECK_FALSE(raw["b"]["x"]);
}

TEST_CASE("merge keys: written keys win, then the first mapping merged", "[yaml]") {
  const YAML::Node root = Parse(R"(a: &a { x: 1, y: 1, z: 1 }
b: &b { y: 2, w: 2 }
one: { <<: *a, y: 9 }
list: { v: 0, <<: [*b, *a], z: 9 }
)");
  // The merged keys take the place of the '<<'.
  CHECK(Flat(root["one"]) == std::vector<std::string>{"x=1", "z=1", "y=9"});
  CHECK(Flat(root["list"]) == std::vector<std::string>{"v=0", "y=2", "w=2", "x=1", "z=9"});
  // A key a merged mapping has twice comes twice, for the reader to report; written keys win
  // over both.
  const YAML::Node twice =
      Parse("a: { <<: { x: 1, x: 2, y: 1 } }\nb: { <<: { x: 1, x: 2 }, x: 3 }\n");
  CHECK(Flat(twice["a"]) == std::vector<std::string>{"x=1", "x=2", "y=1"});
  CHECK(Flat(twice["b"]) == std::vector<std::string>{"x=3"});
  // The anchors themselves are unchanged.
  CHECK(Flat(root["a"]) == std::vector<std::string>{"x=1", "y=1", "z=1"});
}

TEST_CASE("merged keys and values are the anchor's nodes, at the anchor's position", "[yaml]") {
  const YAML::Node root =
      Parse("base: &base\n  every: 1h\n  size: { up: 1 }\nmine:\n  <<: *base\n");
  const YAML::Node mine = root["mine"];
  REQUIRE(mine.size() == 2);
  CHECK(mine["size"].is(root["base"]["size"]));
  const YAML::Node key = mine.begin()->first;
  CHECK(key.Scalar() == "every");
  CHECK(key.Mark().line == 1);  // line 2 of the file, in the anchor
  CHECK(key.Mark().column == 2);
  CHECK(mine.Mark().line == 4);  // the mapping keeps its own position
}

TEST_CASE("merge keys resolve in nested and merged mappings, and in the root", "[yaml]") {
  const YAML::Node root = Parse(R"(<<: { top: 1 }
a: &a { x: 1 }
b: &b { <<: *a, y: 2 }
c: { <<: *b, z: 3, inner: { <<: *a, x: 5 } }
'<<': quoted
)");
  CHECK(root["top"].Scalar() == "1");
  CHECK(Flat(root["c"]) == std::vector<std::string>{"x=1", "y=2", "z=3", "inner={}"});
  CHECK(Flat(root["c"]["inner"]) == std::vector<std::string>{"x=5"});
  // A quoted '<<' is an ordinary key.
  CHECK(root["<<"].Scalar() == "quoted");
  CHECK_FALSE(root["<<"].IsMap());
}

TEST_CASE("merge keys that cannot be merged are errors at their place, all of them", "[yaml]") {
  CHECK(Errors(R"(a: { <<: 5 }
b: { <<: [{ x: 1 }, [1]] }
c: { <<: { x: 1 }, <<: { y: 1 } }
d: { <<: }
)") == std::vector<std::string>{
           "m.yaml:1:10: error: '<<' merges a mapping (<<: *defaults) or a list of them (<<: "
           "[*a, *b]), not '5'",
           "m.yaml:2:21: error: '<<' merges a mapping (<<: *defaults) or a list of them (<<: "
           "[*a, *b]); this element of the list is a list",
           "m.yaml:3:20: error: duplicate key '<<' (first at line 3): merge several mappings "
           "with one '<<: [*a, *b]', the first winning",
           "m.yaml:4:6: error: '<<' merges a mapping (<<: *defaults) or a list of them (<<: "
           "[*a, *b]), not nothing",
       });
  std::string big = "a: &a { x: 1 }\nb:\n  <<: *a\n";
  for (size_t i = 0; i <= kMaxKeysBesideMerge; ++i) big += "  k" + std::to_string(i) + ": 1\n";
  CHECK(Errors(big) == std::vector<std::string>{
                           "m.yaml:3:3: error: a mapping with '<<' may have at most 1000 keys of "
                           "its own; this one has 1001"});
}

TEST_CASE("merge keys are no way around the alias-bomb guard", "[yaml]") {
  std::string text =
      "a0: &a0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, "
      "k7: lol, k8: lol, k9: lol}\n";
  for (int i = 1; i <= 5; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {";
    for (int k = 0; k < 10; ++k) {
      text += (k ? ", " : "") + std::string("m") + std::to_string(k) + ": { <<: " + prev + " }";
    }
    text += "}\n";
  }
  const std::vector<std::string> errors = Errors(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("YAML aliases repeat more than 100000 values") != std::string::npos);
  // A merge inside its own anchor is a cycle, refused as one.
  CHECK(Errors("a: &a { x: 1, b: { <<: *a } }\n") ==
        std::vector<std::string>{"m.yaml:1:4: error: YAML alias inside its own anchor's value: "
                                 "the value would contain itself without end"});
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
