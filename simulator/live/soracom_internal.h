// What the files of the Soracom-shaped API share (soracom_api.cc: routing and auth;
// soracom_sims.cc: SIMs and subscribers; event_handlers_api.cc: /v1/event_handlers;
// event_handlers.cc: the handlers that fire). Not part of the live layer's surface: apis.h is.
//
// Error codes: AUM0001 (no token) is Soracom's own; where the public definition names no code,
// the emulator answers with its own COM04xx codes in the same {code, message} shape, so that a
// client never mistakes one for a documented Soracom code.
#ifndef CARRIERSIM_LIVE_SORACOM_INTERNAL_H_
#define CARRIERSIM_LIVE_SORACOM_INTERNAL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulator/live/apis.h"

namespace carriersim {

using Json = nlohmann::ordered_json;

inline constexpr std::string_view kNoToken = "AUM0001";     // Soracom: token header missing
inline constexpr std::string_view kBadToken = "COM0401";    // unknown, expired or mismatched
inline constexpr std::string_view kBadRequest = "COM0400";  // malformed input, refused verb
inline constexpr std::string_view kForbidden = "COM0403";   // the caller's role may not
inline constexpr std::string_view kNotFound = "COM0404";
inline constexpr std::string_view kBadMethod = "COM0405";

// Pages of lists: the public definition gives /sims no default or maximum; these follow the
// 1-100 range it gives the status history.
inline constexpr int64_t kDefaultPageSize = 100;
inline constexpr int64_t kMaxPageSize = 100;

// An event handler as the emulator runs it: the scenario's or one created over the API.
struct LiveHandler {
  std::string id;    // handlerId
  uint64_t uid = 0;  // unique in the session, for what is kept per handler
  EventHandlerSpec spec;
  std::string description;
  bool active = true;
  std::optional<StatusId> from;  // SimStatusAttributeRule's sourceStatus
  std::optional<SimId> sim;      // targetSimId / targetImsi: that SIM only
  std::optional<uint32_t> group; // targetGroupId: that group of the scenario only
  bool from_scenario = false;
};

// Per SIM, what its traffic was at the start of the day and month being watched.
struct TrafficBase {
  int64_t day = 0;
  int64_t month = 0;
  int64_t day_bytes = 0;    // uplink + downlink when the day began (or watching began)
  int64_t month_bytes = 0;
  int64_t last_bytes = 0;   // at the last look
};

struct SoracomState {
  bool installed = false;  // the event handlers' observer is installed (InstallEventHandlers)
  // Per SIM, the indexes of its status changes and session records, caught up on demand.
  std::unordered_map<SimId, std::vector<uint64_t>> changes_by_sim;
  std::unordered_map<SimId, std::vector<uint64_t>> sessions_by_sim;
  uint64_t indexed_changes = 0;
  uint64_t indexed_sessions = 0;

  std::vector<LiveHandler> handlers;
  uint64_t next_handler = 1;
  // What the handlers have seen of the recorder.
  uint64_t seen_changes = 0;
  uint64_t seen_sessions = 0;
  std::vector<uint64_t> open_sessions;  // session records seen open, watched for their close
  std::unordered_map<SimId, TrafficBase> traffic;
  // handler uid << 32 | SIM -> the day or month it last fired for that SIM (traffic rules).
  std::unordered_map<uint64_t, int64_t> fired;
};

// Sets the traffic baselines a new traffic handler counts from (event_handlers.cc).
void WatchTraffic(LiveService& live, SoracomState& state, const LiveHandler& handler);

// The state of `live`, installing the event handlers first if nothing has (event_handlers.h).
SoracomState& SoracomOf(LiveService& live);

HttpResponse SoracomError(int status, std::string_view code, std::string_view message);
HttpResponse JsonAnswer(int status, const Json& body);
// The caller of a request with both X-Soracom-API-Key and X-Soracom-Token, or nullptr with the
// 401 in `error`.
const ApiUser* Authenticate(LiveService& live, const HttpRequest& request, HttpResponse* error);
// The body as a JSON object, or nullopt with the 400 in `error`. An empty body is {}.
std::optional<Json> ParseBody(const HttpRequest& request, HttpResponse* error);
// An integer query parameter within [min, max]: `fallback` when absent, nullopt (and the 400 in
// `error`) when malformed or out of range.
std::optional<int64_t> QueryInt(const HttpRequest& request, std::string_view name, int64_t min,
                                int64_t max, int64_t fallback, HttpResponse* error);
std::string OperatorId(uint32_t carrier);

// soracom_sims.cc: /v1/sims... and /v1/subscribers... (segments[1] says which).
HttpResponse SoracomSims(LiveService& live, const ApiUser& user, const HttpRequest& request);
// The SIM object a request names: `text` an ICCID (simId) or an IMSI; nullopt for an unknown
// SIM or one of another carrier.
std::optional<SimId> CallerSim(const LiveService& live, const ApiUser& user, std::string_view text,
                               bool by_imsi);
Json SimObject(const LiveService& live, SimId sim);

// event_handlers_api.cc: /v1/event_handlers...
HttpResponse SoracomEventHandlers(LiveService& live, const ApiUser& user,
                                  const HttpRequest& request);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_SORACOM_INTERNAL_H_
