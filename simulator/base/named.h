// Looking things up by name in a vector of definitions that have a `name` member. A profile's
// statuses, verbs and counters are few, so a linear search in declaration order is both the
// fastest and the most predictable (FindByName). A scenario's groups, cells, devices and
// carriers can be many (a fleet written as 100,000 groups, a million cells), and every group or
// action refers to some: those are looked up in a NameIndex, so that loading stays linear.
#ifndef CARRIERSIM_BASE_NAMED_H_
#define CARRIERSIM_BASE_NAMED_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace carriersim {

// Names to indices, hashed.
class NameIndex {
 public:
  // Records `name` as item `id`; false, keeping the first, when the name is there already.
  bool Add(std::string name, uint32_t id) { return ids_.emplace(std::move(name), id).second; }
  std::optional<uint32_t> Find(std::string_view name) const {
    const auto at = ids_.find(name);
    if (at == ids_.end()) return std::nullopt;
    return at->second;
  }
  bool Contains(std::string_view name) const { return ids_.find(name) != ids_.end(); }
  bool empty() const { return ids_.empty(); }

 private:
  // Transparent, so that a lookup by string_view builds no std::string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
};

template <typename Id, typename Def>
std::optional<Id> FindByName(const std::vector<Def>& defs, std::string_view name) {
  for (size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].name == name) return static_cast<Id>(i);
  }
  return std::nullopt;
}

template <typename Def>
std::vector<std::string> NamesOf(const std::vector<Def>& defs) {
  std::vector<std::string> names;
  names.reserve(defs.size());
  for (const Def& d : defs) names.push_back(d.name);
  return names;
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_NAMED_H_
