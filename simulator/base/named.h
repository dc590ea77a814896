// Looking things up by name in a vector of definitions that have a `name` member (statuses,
// verbs, plans, groups, devices, ...): definitions are few, so a linear search in declaration
// order is both the fastest and the most predictable.
#ifndef CARRIERSIM_BASE_NAMED_H_
#define CARRIERSIM_BASE_NAMED_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

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
