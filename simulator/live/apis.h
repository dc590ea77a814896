// The HTTP APIs of a live session, each a function from a request to a response on the live
// service (live.h). Route() picks the API by the path:
//
//   /v1/auth, /v1/sims..., /v1/subscribers..., /v1/event_handlers...   Soracom-shaped
//   /v1/Sims..., /v1/auth/token                                         KORE (Twilio Wireless v1)
//   /api/1/...                                                          Hologram-shaped
//   /_carriersim/...                                                    the control API
//
// A caller's credential names its carrier: an API only ever shows the SIMs of that carrier, and
// only a carrier whose profile speaks that API style (api.style) can have such credentials.
#ifndef CARRIERSIM_LIVE_APIS_H_
#define CARRIERSIM_LIVE_APIS_H_

#include <functional>
#include <string>
#include <string_view>

#include "simulator/live/http_types.h"
#include "simulator/live/live.h"

namespace carriersim {

// Bodies above this size are refused with the API's own 413.
inline constexpr size_t kMaxRequestBody = 64 * 1024;

// What the control API asks of the server that runs it (server.cc).
struct ControlHooks {
  // Writes every report for the time reached into the output folder; "" or why it failed.
  std::function<std::string()> snapshot;
  // Ends the session as SIGTERM does, once the answer is sent.
  std::function<void()> shutdown;
  // The virtual modems and their lines, as a JSON array (GET /_carriersim/modems).
  std::function<std::string()> modems;
};

HttpResponse SoracomApi(LiveService& live, const HttpRequest& request);
HttpResponse KoreApi(LiveService& live, const HttpRequest& request);
HttpResponse HologramApi(LiveService& live, const HttpRequest& request);
HttpResponse ControlApi(LiveService& live, const ControlHooks& hooks, const HttpRequest& request);

// The error body each API style answers with: Soracom {code, message}; KORE {code, message,
// more_info, status}; Hologram {success: false, error}; the control API {error}.
HttpResponse ApiError(std::string_view style, int status, std::string_view code,
                      std::string_view message);

// Dispatches a request to its API (or 404 in the shape the path suggests), refusing oversized
// bodies, and turns any exception into a 500 rather than letting it reach the server.
HttpResponse Route(LiveService& live, const ControlHooks& hooks, const HttpRequest& request);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_APIS_H_
