#include "simulator/base/yaml_merge.h"

#include <string>
#include <unordered_set>

#include "simulator/base/yaml_reader.h"

namespace carriersim {
namespace {

// The merge key is `<<` written plain: a quoted '<<' is an ordinary key (yaml-cpp tags plain
// scalars "?" and quoted ones "!").
bool IsMergeKey(const YAML::Node& key) {
  return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
}

// Every mapping of the document once, the mappings inside it (and so those it merges) first.
class MergeWalk {
 public:
  MergeWalk(const NodePosition& where, Diagnostics& diag) : where_(where), diag_(diag) {}

  // REQUIRES: `node` is a map or a sequence not visited yet.
  void Visit(const YAML::Node& node) {
    seen_.Insert(node, true);
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (node.IsMap()) {
        VisitChild(it->first);
        VisitChild(it->second);
      } else {
        VisitChild(*it);
      }
    }
    if (node.IsMap()) Merge(node);
  }

  bool ok() const { return ok_; }

 private:
  void VisitChild(const YAML::Node& child) {
    if ((child.IsMap() || child.IsSequence()) && seen_.Find(child) == nullptr) Visit(child);
  }

  void Fail(const YAML::Node& node, const std::string& message) {
    diag_.Error(where_(node), message);
    ok_ = false;
  }

  // The mappings a `<<` names, or nothing after reporting why not (at the key, when the value is
  // empty: yaml-cpp gives an empty value the position of whatever follows it).
  std::vector<YAML::Node> Sources(const YAML::Node& key, const YAML::Node& value) {
    const std::string form =
        "'<<' merges a mapping (<<: *defaults) or a list of them (<<: [*a, *b])";
    if (value.IsMap()) return {value};
    if (!value.IsSequence()) {
      Fail(value.IsNull() ? key : value, form + ", not " + YamlReader::KindOf(value));
      return {};
    }
    std::vector<YAML::Node> sources;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!it->IsMap()) {
        Fail(*it, form + "; this element of the list is " + YamlReader::KindOf(*it));
        return {};
      }
      sources.push_back(*it);
    }
    return sources;
  }

  void Merge(const YAML::Node& map) {
    const YamlEntries entries = EntriesOf(map);
    size_t at = entries.size();  // the `<<` entry
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!IsMergeKey(entries[i].first)) continue;
      if (at != entries.size()) {
        return Fail(entries[i].first,
                    "duplicate key '<<' (first at line " +
                        std::to_string(where_(entries[at].first).line) +
                        "): merge several mappings with one '<<: [*a, *b]', the first winning");
      }
      at = i;
    }
    if (at == entries.size()) return;
    if (entries.size() - 1 > kMaxKeysBesideMerge) {
      return Fail(entries[at].first,
                  "a mapping with '<<' may have at most " + std::to_string(kMaxKeysBesideMerge) +
                      " keys of its own; this one has " + std::to_string(entries.size() - 1));
    }
    const std::vector<YAML::Node> sources = Sources(entries[at].first, entries[at].second);
    if (!ok_) return;
    // Written keys win; then the first mapping that has a key. A key a mapping has twice comes
    // twice, so that the reader reports the duplicate where it is written.
    std::unordered_set<std::string> taken;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i != at && entries[i].first.IsScalar()) taken.insert(entries[i].first.Scalar());
    }
    YamlEntries tail;
    for (const YAML::Node& source : sources) {
      std::vector<std::string> added;
      for (auto it = source.begin(); it != source.end(); ++it) {
        if (it->first.IsScalar() && taken.count(it->first.Scalar()) > 0) continue;
        if (it->first.IsScalar()) added.push_back(it->first.Scalar());
        tail.emplace_back(it->first, it->second);
      }
      taken.insert(added.begin(), added.end());
    }
    tail.insert(tail.end(), entries.begin() + static_cast<std::ptrdiff_t>(at) + 1, entries.end());
    ReplaceTail(map, entries, at, tail);
  }

  const NodePosition& where_;
  Diagnostics& diag_;
  NodeMap<bool> seen_;
  bool ok_ = true;
};

}  // namespace

YamlEntries EntriesOf(const YAML::Node& map) {
  YamlEntries entries;
  for (auto it = map.begin(); it != map.end(); ++it) entries.emplace_back(it->first, it->second);
  return entries;
}

void ReplaceTail(YAML::Node map, const YamlEntries& current, size_t from, const YamlEntries& tail) {
  // Front to back: each key is found at once (yaml-cpp looks keys up by identity, in order).
  for (size_t i = from; i < current.size(); ++i) map.remove(current[i].first);
  for (const auto& [key, value] : tail) map.force_insert(key, value);
}

bool ResolveMergeKeys(const YAML::Node& root, const NodePosition& where, Diagnostics& diag) {
  if (!root.IsMap() && !root.IsSequence()) return true;
  MergeWalk walk(where, diag);
  walk.Visit(root);
  return walk.ok();
}

}  // namespace carriersim
