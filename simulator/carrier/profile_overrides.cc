// A scenario's overrides of a carrier profile, merged into the profile's YAML before the profile
// is read, so that an overridden profile is checked exactly as a written one is.
#include <unordered_map>
#include <utility>

#include "simulator/base/yaml_merge.h"
#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

namespace {

// What a mapping of the profile holds, for what an override may add to it.
enum class Holds : uint8_t {
  kProfile,      // the top level
  kNames,        // statuses, verbs, counters, rules: only the profile's own names
  kPlans,        // plans: only the profile's own names
  kPlan,         // one plan
  kTransitions,  // a plan's transition fees: new ones when complete
  kOneOffFees,   // a plan's one-off fees: new ones when complete
  kOther,        // keys of a fixed set (the profile loader checks them) or names of any kind
};

Holds HeldUnder(Holds parent, const std::string& key) {
  switch (parent) {
    case Holds::kProfile:
      if (key == "plans") return Holds::kPlans;
      if (key == "statuses" || key == "verbs" || key == "counters" || key == "rules") {
        return Holds::kNames;
      }
      return Holds::kOther;
    case Holds::kPlans:
      return Holds::kPlan;
    case Holds::kPlan:
      return key == "transitions" ? Holds::kTransitions
             : key == "fees"      ? Holds::kOneOffFees
                                  : Holds::kOther;
    default:
      return Holds::kOther;
  }
}

// Counts, for every node of the profile, the entries that hold it. A node held twice (through an
// alias or a merge key) is shared: an override changes a copy of it, not what the others see.
NodeMap<int> CountHolders(const YAML::Node& root) {
  NodeMap<int> holders;
  std::vector<YAML::Node> pending{root};
  const auto hold = [&](const YAML::Node& child) {
    if (int* n = holders.Find(child)) {
      ++*n;
    } else {
      holders.Insert(child, 1);
      if (child.IsMap() || child.IsSequence()) pending.push_back(child);
    }
  };
  while (!pending.empty()) {
    const YAML::Node node = std::move(pending.back());
    pending.pop_back();
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (node.IsMap()) {
        hold(it->first);
        hold(it->second);
      } else {
        hold(*it);
      }
    }
  }
  return holders;
}

class OverrideMerge {
 public:
  OverrideMerge(YamlReader& scenario, YamlReader& profile, const YAML::Node& root)
      : scenario_(scenario), profile_(profile), holders_(CountHolders(root)) {}

  // REQUIRES: `into` is held once, on a path of nodes each held once.
  void Merge(YAML::Node into, const Field& override, Holds holds, const std::string& plan) {
    MapFields fields(scenario_, override);
    YamlEntries entries = EntriesOf(into);
    std::unordered_map<std::string, size_t> index;  // the first entry of each key, as yaml-cpp
    for (size_t i = entries.size(); i-- > 0;) {
      if (entries[i].first.IsScalar()) index[entries[i].first.Scalar()] = i;
    }
    for (const Field& entry : fields.Entries()) {
      const std::string key = entry.key.Scalar();
      const auto found = index.find(key);
      if (found == index.end()) {
        if (!MayAdd(holds, entry, entries, plan)) continue;
        into.force_insert(entry.key, entry.value);
        entries.emplace_back(entry.key, entry.value);  // kept as `into` is, for Replace
        profile_.MarkForeign(entry.key, scenario_.file());
        profile_.MarkForeign(entry.value, scenario_.file());
        continue;
      }
      const size_t i = found->second;
      if (entry.value.IsMap() && entries[i].second.IsMap()) {
        const YAML::Node target = Own(into, entries, i);
        // What is wrong with the merged mapping as a whole (a rule that now leads nowhere) is
        // the override's doing: shown where the scenario wrote it.
        profile_.ShowAt(target, scenario_.Where(entry));
        Merge(target, entry, HeldUnder(holds, key), holds == Holds::kPlans ? key : plan);
      } else {
        Replace(into, entries, i, entry.value);
        profile_.MarkForeign(entry.value, scenario_.file());
      }
    }
  }

 private:
  bool Shared(const YAML::Node& node) const {
    const int* n = holders_.Find(node);
    return n != nullptr && *n > 1;
  }

  // Puts `value` in entry i of `into`. A value held only there changes in place (yaml-cpp's
  // assignment makes the node be the new value); a shared one stays as the others see it.
  void Replace(YAML::Node into, YamlEntries& entries, size_t i, const YAML::Node& value) {
    if (!Shared(entries[i].second)) {
      YAML::Node slot = entries[i].second;
      slot = value;
      return;
    }
    --*holders_.Find(entries[i].second);
    // reset(), not '=': assigning a YAML::Node changes the node it refers to, for every holder.
    YamlEntries tail(entries.begin() + static_cast<std::ptrdiff_t>(i), entries.end());
    tail.front().second.reset(value);
    ReplaceTail(into, entries, i, tail);
    entries[i].second.reset(value);
  }

  // The mapping in entry i of `into`, held there only: a shallow copy when it is shared.
  YAML::Node Own(YAML::Node into, YamlEntries& entries, size_t i) {
    const YAML::Node existing = entries[i].second;
    if (!Shared(existing)) return existing;
    YAML::Node copy(YAML::NodeType::Map);
    for (auto it = existing.begin(); it != existing.end(); ++it) {
      copy.force_insert(it->first, it->second);
      for (const YAML::Node& held : {it->first, it->second}) {
        if (int* n = holders_.Find(held)) ++*n;  // now held by the copy too
      }
    }
    Replace(into, entries, i, copy);
    return copy;
  }

  // Whether an override may add `entry`, which the mapping lacks; reports why not. Names of a
  // collection are the profile's own; a new fee must say when it applies, so that a misspelt
  // name is not taken for a new fee.
  bool MayAdd(Holds holds, const Field& entry, const YamlEntries& entries,
              const std::string& plan) {
    const std::string key = entry.key.Scalar();
    const bool fee = holds == Holds::kTransitions || holds == Holds::kOneOffFees;
    const YAML::Node& v = entry.value;
    if (holds == Holds::kTransitions && v.IsMap() && v["from"] && v["to"]) return true;
    if (holds == Holds::kOneOffFees && v.IsMap() && (v["when"] || v["verb"])) return true;
    if (holds != Holds::kNames && holds != Holds::kPlans && !fee) return true;
    std::vector<std::string> known;
    for (const auto& [name, value] : entries) {
      if (name.IsScalar()) known.push_back(name.Scalar());
    }
    const std::string what = holds == Holds::kTransitions  ? "transition fee "
                             : holds == Holds::kOneOffFees ? "fee "
                                                           : "";
    const std::string in_plan = fee ? " in plan " + Quoted(plan) : "";
    const std::string needs = holds == Holds::kTransitions  ? " (a new one needs 'from' and 'to')"
                              : holds == Holds::kOneOffFees ? " (a new one needs 'when' or 'verb')"
                                                            : "";
    scenario_.Error(Field{entry.key, entry.key, entry.path},
                    "no " + what + Quoted(key) + in_plan + " to override" +
                        (fee ? "" : " in the profile") + DidYouMean(key, known) + "; it has " +
                        QuotedList(known) + needs);
    return false;
  }

  YamlReader& scenario_;
  YamlReader& profile_;
  NodeMap<int> holders_;
};

}  // namespace

void MergeOverrides(YamlReader& scenario, YamlReader& profile_reader, YAML::Node profile,
                    const Field& override) {
  OverrideMerge merge(scenario, profile_reader, profile);
  merge.Merge(profile, override, Holds::kProfile, "");
}

}  // namespace carriersim
