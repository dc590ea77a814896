#include "simulator/base/yaml_nodes.h"

#include <algorithm>
#include <optional>

namespace carriersim {
namespace {

// What a walk of a node as a tree meets: its values (itself included), and its height.
struct TreeSize {
  int64_t values = 1;
  int height = 1;
};

struct WalkState {
  bool open = true;  // still being walked: meeting it again is a cycle
  TreeSize size;
};

// One depth-first walk that visits each node once, and adds up what a walk as a tree would
// meet again through aliases; it stops at the first problem.
class AliasCheck {
 public:
  AliasCheck(const NodePosition& where, Diagnostics& diag) : where_(where), diag_(diag) {}

  // REQUIRES: `node` is a map or a sequence.
  std::optional<TreeSize> Walk(const YAML::Node& node, int depth) {
    if (depth > kMaxYamlDepth) return Fail(node, TooDeep());
    seen_.Insert(node, WalkState{});
    TreeSize size;
    bool ok = true;
    if (node.IsMap()) {
      for (auto it = node.begin(); ok && it != node.end(); ++it) {
        ok = Visit(node, it->first, depth, size) && Visit(node, it->second, depth, size);
      }
    } else if (node.IsSequence()) {
      for (auto it = node.begin(); ok && it != node.end(); ++it) ok = Visit(node, *it, depth, size);
    }
    if (!ok) return std::nullopt;
    WalkState* state = seen_.Find(node);  // Insert's reference may have moved since
    state->open = false;
    state->size = size;
    return size;
  }

 private:
  bool Visit(const YAML::Node& parent, const YAML::Node& child, int depth, TreeSize& size) {
    std::optional<TreeSize> part;
    if (!child.IsMap() && !child.IsSequence()) {
      // A scalar holds nothing: each of its repeats is an alias written out in the text, so
      // scalars need no record, which keeps this walk's memory to the containers.
      part = TreeSize{};
    } else if (const WalkState* seen = seen_.Find(child)) {
      if (seen->open) {
        return Fail(child,
                    "YAML alias inside its own anchor's value: the value would contain itself "
                    "without end")
            .has_value();
      }
      part = seen->size;
      repeated_ += part->values;
      if (repeated_ > kMaxAliasedValues) {
        // The parent holds the alias; the child's position is its anchor's.
        return Fail(parent, "YAML aliases repeat more than " + std::to_string(kMaxAliasedValues) +
                                " values in this file (an alias bomb?): write the values out")
            .has_value();
      }
    } else {
      part = Walk(child, depth + 1);
      if (!part) return false;
    }
    size.values += part->values;
    size.height = std::max(size.height, part->height + 1);
    if (size.height > kMaxYamlDepth) return Fail(parent, TooDeep()).has_value();
    return true;
  }

  static std::string TooDeep() {
    return "YAML syntax error: nested " + std::to_string(kMaxYamlDepth) +
           " levels deep or more through aliases; a scenario needs a handful";
  }

  std::optional<TreeSize> Fail(const YAML::Node& node, const std::string& message) {
    diag_.Error(where_(node), message);
    return std::nullopt;
  }

  const NodePosition& where_;
  Diagnostics& diag_;
  NodeMap<WalkState> seen_;
  int64_t repeated_ = 0;
};

}  // namespace

bool CheckAliases(const YAML::Node& root, const NodePosition& where, Diagnostics& diag) {
  // Only containers are walked (an empty document's node is no node yaml-cpp can compare).
  if (!root.IsMap() && !root.IsSequence()) return true;
  AliasCheck check(where, diag);
  return check.Walk(root, 1).has_value();
}

NodePosition PositionIn(const std::string& file) {
  return [file](const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line < 0 ? SourceLocation{file, 1, 1}
                         : SourceLocation{file, mark.line + 1, mark.column + 1};
  };
}

bool CheckAliases(const std::string& file, const YAML::Node& root, Diagnostics& diag) {
  return CheckAliases(root, PositionIn(file), diag);
}

}  // namespace carriersim
