// A scenario's overrides of a carrier profile, merged into the profile's YAML before the profile
// is read, so that an overridden profile is checked exactly as a written one is.
#include <utility>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

namespace {

// The profile's collections of named things: an override can change their entries, but a name
// it does not know is a typo (a new plan would otherwise appear and the intended one stay as it
// was), not an addition.
bool IsCollection(std::string_view path) {
  return path == "statuses" || path == "verbs" || path == "plans" || path == "counters" ||
         path == "rules";
}

}  // namespace

void MergeOverrides(YamlReader& scenario, YamlReader& profile_reader, YAML::Node profile,
                    const Field& override, const std::string& at) {
  const bool collection = IsCollection(at);
  MapFields fields(scenario, override);
  for (const Field& entry : fields.Entries()) {
    const std::string key = entry.key.Scalar();
    // Looked up through a const node: Node::operator[] would add the key, unset, to the
    // profile, and a second merge into the same node (an alias) would then add it twice.
    const YAML::Node existing = std::as_const(profile)[key];
    if (!existing) {
      if (collection) {
        std::vector<std::string> known;
        for (auto it = profile.begin(); it != profile.end(); ++it) {
          known.push_back(it->first.Scalar());
        }
        scenario.Error(Field{entry.key, entry.key, entry.path},
                       "no " + Quoted(key) + " to override in the profile" +
                           DidYouMean(key, known) + "; it has " + QuotedList(known));
        continue;
      }
      profile.force_insert(entry.key, entry.value);
      profile_reader.MarkForeign(entry.key, scenario.file());
      profile_reader.MarkForeign(entry.value, scenario.file());
      continue;
    }
    if (entry.value.IsMap() && existing.IsMap()) {
      // What is wrong with the merged mapping as a whole (a rule that now leads nowhere) is
      // the override's doing: shown where the scenario wrote it.
      profile_reader.ShowAt(existing, scenario.Where(entry));
      MergeOverrides(scenario, profile_reader, existing, entry, at.empty() ? key : at + "." + key);
    } else {
      profile[key] = entry.value;
      profile_reader.MarkForeign(entry.value, scenario.file());
    }
  }
}

}  // namespace carriersim
