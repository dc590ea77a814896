// YAML 1.1 merge keys (https://yaml.org/type/merge.html), which yaml-cpp 0.7 leaves as a plain
// key named "<<": `<<: *defaults` or `<<: [*a, *b]` in a mapping puts the keys of the mappings
// named into it, where the `<<` is written. Keys written in the mapping win over merged ones, and
// among the mappings merged the first that has a key wins.
//
// The merged keys and values are the anchor's own nodes, as an alias's are: a message about one
// points at the anchor, and the readers' checks of unknown and duplicate keys see them as keys
// of the mapping they were merged into.
#ifndef CARRIERSIM_BASE_YAML_MERGE_H_
#define CARRIERSIM_BASE_YAML_MERGE_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <utility>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/base/yaml_nodes.h"

namespace carriersim {

// Keys of its own a mapping with `<<` may have: putting merged keys in the place of `<<` moves
// the keys written after it one by one, which yaml-cpp does in time linear in the mapping.
inline constexpr size_t kMaxKeysBesideMerge = 1000;

// Resolves every merge key of a document, in place (every mapping keeps its identity and
// position), each mapping once, a merged mapping's own merges first. A `<<` whose value is not a
// mapping or a list of mappings, two `<<` in one mapping, or too many keys beside one, are
// errors at the node at fault; returns false after reporting them all.
// REQUIRES: CheckAliases passed on `root` (no cycles). Merging only ever shrinks what a walk of
// the document as a tree meets (the `<<` and the keys it repeats go), so it needs no new check.
bool ResolveMergeKeys(const YAML::Node& root, const NodePosition& where, Diagnostics& diag);

// A mapping's entries, in order.
using YamlEntries = std::vector<std::pair<YAML::Node, YAML::Node>>;
YamlEntries EntriesOf(const YAML::Node& map);
// Makes the entries of `map` from index `from` on be `tail` (in place: the mapping keeps its
// identity and position). REQUIRES: `map` is a mapping of at least `from` entries, and `current`
// is EntriesOf(map).
void ReplaceTail(YAML::Node map, const YamlEntries& current, size_t from, const YamlEntries& tail);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_YAML_MERGE_H_
