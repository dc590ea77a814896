// Delivers the emulator's outgoing HTTP requests (event handlers' webhooks, status callbacks)
// over plain HTTP/1.1, on the server's io_context: no thread of its own, no locks. Each attempt
// resolves, connects, writes the request and reads the status line under one timeout; a failed
// connection, a timeout or a 5xx is tried again after a back-off that doubles, up to a bounded
// number of attempts. Only http://HOST[:PORT]/PATH URLs: https and malformed URLs fail at once
// with an error in the Delivery, never an exception.
#ifndef CARRIERSIM_LIVE_WEBHOOK_CLIENT_H_
#define CARRIERSIM_LIVE_WEBHOOK_CLIENT_H_

#include <asio.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/live/live.h"

namespace carriersim {

struct WebhookPolicy {
  int64_t timeout_ms = 5000;  // per attempt: resolve, connect, write and status line together
  int attempts = 3;           // in all, the first included
  int64_t backoff_ms = 1000;  // before the second attempt; doubles after each
};

struct HttpUrl {
  std::string host;
  std::string port;  // "80" when the URL names none
  std::string target;  // path and query, "/" at least
};
// The parts of an http:// URL, or nullopt (https, no host, a bad port, spaces...).
std::optional<HttpUrl> ParseHttpUrl(std::string_view url);

// Starts delivering `request`; `done` is called exactly once, from `io`, with what became of it
// (the caller records it: LiveService::RecordDelivery). `io` must run until then.
void Deliver(asio::io_context& io, OutgoingRequest request, WebhookPolicy policy,
             std::function<void(Delivery)> done);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_WEBHOOK_CLIENT_H_
