// `carriersim serve`: one Asio io_context on one thread owns everything of a live session: the
// HTTP server (RESTinio, on that io_context), the timer that wakes the world for its next
// event, the signals that stop it, and the webhooks going out. No second event loop, no locks.
#ifndef CARRIERSIM_LIVE_SERVER_H_
#define CARRIERSIM_LIVE_SERVER_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "simulator/live/clock.h"
#include "simulator/scenario/model.h"

namespace carriersim {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  uint16_t port = 8080;            // 0: any free port (printed)
  LiveClock::Mode clock = LiveClock::Mode::kReal;
  double speed = 1;
  std::string out_dir;  // the reports, the journal and webhooks.csv go here
  // Virtual modems (groups with `firmware: external`): 0, a pseudo-terminal each, linked from
  // OUT/modems/; otherwise a TCP port each from this one up, on `host`.
  uint16_t modem_port = 0;
  bool force_speed = false;  // --speed other than 1 even with virtual modems
  // Webhooks: each attempt's timeout, attempts per delivery, and the wait between attempts.
  int64_t webhook_timeout_ms = 5000;
  int webhook_attempts = 3;
  int64_t webhook_backoff_ms = 1000;
};

// Serves until SIGINT, SIGTERM or POST /_carriersim/shutdown, then writes the reports for the
// time reached: the exit code (exit_codes.h values: 0, or 4 when the folder or the port fails).
int Serve(const Scenario& scenario, const ServeOptions& options, std::ostream& out,
          std::ostream& err);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_SERVER_H_
