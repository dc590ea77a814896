// The scenario's `live:` section, read by every command and used by `carriersim serve`:
//
//   live:
//     control-key: ctl-secret            # of /_carriersim/ (default: derived from the seed)
//     users:                             # credentials of the carriers' APIs
//       - { carrier: soracom, name: keyId-ops, secret: secret-ops, role: owner }
//     event-handlers: [...]              # Soracom-style; see scenarios/README.md
#include <string>

#include "simulator/scenario/loader_internal.h"

namespace carriersim {

void ScenarioLoader::ReadLive(const Field& live) {
  MapFields fields(reader_, live);
  const Field control_key = fields.Optional("control-key");
  const Field users = fields.Optional("users");
  const Field handlers = fields.Optional("event-handlers");
  fields.Finish();
  if (control_key.present()) scenario_.live.control_key = reader_.Text(control_key).value_or("");
  if (users.present()) ReadApiUsers(users);
  if (handlers.present()) ReadEventHandlers(handlers);
}

void ScenarioLoader::ReadApiUsers(const Field& users) {
  for (const Field& element : reader_.Elements(users)) {
    MapFields fields(reader_, element);
    const Field carrier = fields.Required("carrier", "the carrier whose API the user calls");
    const Field name = fields.Required("name", "the user, key id, account SID or client id");
    const Field secret = fields.Required("secret", "the password, key, auth token or API key");
    const Field role = fields.Optional("role");
    fields.Finish();
    ApiUser user;
    user.line = reader_.Where(element).line;
    std::optional<uint32_t> c;
    if (carrier.present()) c = Reference(carrier, scenario_.carriers, carrier_ids_, "carrier");
    if (name.present()) user.name = reader_.Text(name).value_or("");
    if (secret.present()) user.secret = reader_.Text(secret).value_or("");
    if (role.present()) user.role = reader_.Name(role).value_or("");
    if (!c || user.name.empty() || user.secret.empty() || user.role.empty()) continue;
    user.carrier = *c;
    if (scenario_.carriers[*c].profile.api.style.empty()) {
      reader_.Error(carrier, "carrier '" + scenario_.carriers[*c].name +
                                 "' has no HTTP API: its profile sets no api.style");
      continue;
    }
    for (const ApiUser& other : scenario_.live.users) {
      if (other.name == user.name && other.carrier == user.carrier) {
        reader_.Error(name, "user '" + user.name + "' is already defined for this carrier (line " +
                                std::to_string(other.line) + ")");
      }
    }
    scenario_.live.users.push_back(std::move(user));
  }
}


void ScenarioLoader::ReadEventHandlers(const Field& handlers) {
  reader_.Error(handlers, "event-handlers: not yet supported");  // TODO(issue 13): in progress
}

}  // namespace carriersim
