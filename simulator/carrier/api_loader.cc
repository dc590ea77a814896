// The profile's `api:` section: how `carriersim serve` shows the carrier over HTTP.
//
//   api:
//     style: hologram                     # soracom | kore | hologram
//     statuses: { active: LIVE, paused: PAUSED-USER }   # profile status: the API's word
//     verbs: { live: resume }             # the API's word: profile verb
#include <string>
#include <vector>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

void ProfileLoader::ReadApi(const Field& api) {
  MapFields fields(reader_, api);
  const Field style = fields.Required("style", "the API it speaks: soracom, kore or hologram");
  const Field statuses = fields.Optional("statuses");
  const Field verbs = fields.Optional("verbs");
  fields.Finish();
  if (style.present()) {
    profile_.api.style =
        reader_.Choice(style, {"soracom", "kore", "hologram"}, "API style").value_or("");
  }
  if (statuses.present()) {
    MapFields map(reader_, statuses);
    for (const Field& entry : map.Entries()) {
      std::optional<StatusId> id = StatusRef(Field{entry.key, entry.key, entry.path});
      std::optional<std::string> word = reader_.Name(entry);
      if (id && word) profile_.api.status_names.emplace_back(*id, *word);
    }
  }
  if (verbs.present()) {
    MapFields map(reader_, verbs);
    for (const Field& entry : map.Entries()) {
      std::optional<std::string> word = reader_.Name(Field{entry.key, entry.key, entry.path});
      std::optional<std::string> verb = reader_.Name(entry);
      if (!word || !verb) continue;
      if (std::optional<VerbId> id = profile_.FindVerb(*verb)) {
        profile_.api.verbs.emplace_back(*word, *id);
      } else {
        const std::vector<std::string> names = profile_.VerbNames();
        reader_.Error(entry, "no verb " + Quoted(*verb) + " in this profile" +
                                 DidYouMean(*verb, names) + "; verbs are " + QuotedList(names));
      }
    }
  }
}

}  // namespace carriersim
