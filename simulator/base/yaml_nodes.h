// YAML documents as graphs. An alias is the very node its anchor names, so a parsed document is
// a graph, not a tree: a value may be reached many times (a 1 KB "billion laughs" names 10^9
// values) and even contain itself (&a [ *a ]). Anything that walks a document must visit each
// node once, which needs node identity; yaml-cpp only offers Node::is().
#ifndef CARRIERSIM_BASE_YAML_NODES_H_
#define CARRIERSIM_BASE_YAML_NODES_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "simulator/base/diagnostics.h"

namespace carriersim {

// yaml-cpp's own parser refuses documents nested this deep (its DepthGuard); walks through
// aliases are held to the same depth, so that they may recurse.
inline constexpr int kMaxYamlDepth = 500;
// Values that aliases may repeat in one document, counted as a walk of it as a tree would meet
// them: ample for sharing a device profile or a price, far below what an alias bomb names.
inline constexpr int64_t kMaxAliasedValues = 100'000;

// Values attached to YAML nodes by identity. A node is hashed by its position in its file,
// which distinct nodes seldom share, so a lookup compares a handful of nodes at most.
template <typename T>
class NodeMap {
 public:
  const T* Find(const YAML::Node& node) const {
    const auto bucket = buckets_.find(Key(node));
    if (bucket == buckets_.end()) return nullptr;
    for (const auto& [known, value] : bucket->second) {
      if (known.is(node)) return &value;
    }
    return nullptr;
  }
  T* Find(const YAML::Node& node) {
    return const_cast<T*>(static_cast<const NodeMap*>(this)->Find(node));
  }
  // REQUIRES: Find(node) is null.
  T& Insert(const YAML::Node& node, T value) {
    auto& bucket = buckets_[Key(node)];
    bucket.emplace_back(node, std::move(value));
    return bucket.back().second;
  }
  bool empty() const { return buckets_.empty(); }

 private:
  static uint64_t Key(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return (static_cast<uint64_t>(static_cast<uint32_t>(mark.pos)) << 32) ^
           static_cast<uint32_t>(mark.column);
  }
  std::unordered_map<uint64_t, std::vector<std::pair<YAML::Node, T>>> buckets_;
};

// Where a node is, for messages.
using NodePosition = std::function<SourceLocation(const YAML::Node&)>;
// Where a node of a document parsed from `file` is.
NodePosition PositionIn(const std::string& file);

// Refuses, with an error at the node at fault, a document that a walk as a tree would find
// endless (an alias inside its own anchor's value), deeper than kMaxYamlDepth, or repeating
// more than kMaxAliasedValues values through aliases. Returns false after reporting.
bool CheckAliases(const YAML::Node& root, const NodePosition& where, Diagnostics& diag);
// The same for a document parsed from `file`.
bool CheckAliases(const std::string& file, const YAML::Node& root, Diagnostics& diag);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_YAML_NODES_H_
