#include "simulator/live/webhook_client.h"

#include <algorithm>
#include <memory>

namespace carriersim {
namespace {

using asio::ip::tcp;

// One delivery: its attempts one after another, each guarded by the timer. Kept alive by the
// handlers that refer to it.
class Job : public std::enable_shared_from_this<Job> {
 public:
  Job(asio::io_context& io, OutgoingRequest request, WebhookPolicy policy, HttpUrl url,
      std::function<void(Delivery)> done)
      : request_(std::move(request)), policy_(policy), url_(std::move(url)),
        done_(std::move(done)), resolver_(io), socket_(io), timer_(io) {
    delivery_.at = request_.at;
    delivery_.url = request_.spec.url;
    delivery_.method = request_.spec.method;
    delivery_.reason = request_.reason;
  }

  void Attempt() {
    ++delivery_.attempts;
    const int attempt = delivery_.attempts;
    auto self = shared_from_this();
    timer_.expires_after(std::chrono::milliseconds(policy_.timeout_ms));
    timer_.async_wait([self, attempt](const asio::error_code& ec) {
      if (ec || attempt != self->delivery_.attempts || self->settled_) return;
      self->Failed("timed out after " + std::to_string(self->policy_.timeout_ms) + " ms", 0);
    });
    settled_ = false;
    // An address needs no lookup; a name does, which Asio does on a thread of its own.
    asio::error_code not_an_address;
    const asio::ip::address address = asio::ip::make_address(url_.host, not_an_address);
    if (!not_an_address) {
      const tcp::endpoint endpoint(address, static_cast<uint16_t>(std::stoi(url_.port)));
      Connect(tcp::resolver::results_type::create(endpoint, url_.host, url_.port), attempt);
      return;
    }
    resolver_.async_resolve(url_.host, url_.port,
                            [self, attempt](const asio::error_code& ec,
                                            const tcp::resolver::results_type& results) {
                              if (self->Stale(attempt)) return;
                              if (ec) return self->Failed("resolve: " + ec.message(), 0);
                              self->Connect(results, attempt);
                            });
  }

 private:
  bool Stale(int attempt) const { return settled_ || attempt != delivery_.attempts; }

  void Connect(const tcp::resolver::results_type& results, int attempt) {
    auto self = shared_from_this();
    asio::async_connect(socket_, results,
                        [self, attempt](const asio::error_code& ec, const tcp::endpoint&) {
                          if (self->Stale(attempt)) return;
                          if (ec) return self->Failed("connect: " + ec.message(), 0);
                          self->Write(attempt);
                        });
  }

  void Write(int attempt) {
    const WebhookSpec& spec = request_.spec;
    out_ = spec.method + " " + url_.target + " HTTP/1.1\r\nHost: " + url_.host + ":" + url_.port +
           "\r\nConnection: close\r\nUser-Agent: carriersim\r\n";
    for (const auto& [name, value] : spec.headers) out_ += name + ": " + value + "\r\n";
    if (!spec.body.empty() || spec.method != "GET") {
      out_ += "Content-Type: " + spec.content_type + "\r\nContent-Length: " +
              std::to_string(spec.body.size()) + "\r\n";
    }
    out_ += "\r\n" + spec.body;
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(out_),
                      [self, attempt](const asio::error_code& ec, size_t) {
                        if (self->Stale(attempt)) return;
                        if (ec) return self->Failed("write: " + ec.message(), 0);
                        self->ReadStatus(attempt);
                      });
  }

  void ReadStatus(int attempt) {
    auto self = shared_from_this();
    in_.clear();
    asio::async_read_until(socket_, asio::dynamic_buffer(in_, 8192), "\r\n",
                           [self, attempt](const asio::error_code& ec, size_t n) {
                             if (self->Stale(attempt)) return;
                             if (ec) return self->Failed("read: " + ec.message(), 0);
                             self->Answered(self->in_.substr(0, n));
                           });
  }

  // "HTTP/1.1 200 OK\r\n" -> 200; 0 when it is not a status line.
  static int StatusOf(const std::string& line) {
    if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12 || line[8] != ' ') return 0;
    int status = 0;
    for (size_t i = 9; i < 12; ++i) {
      if (line[i] < '0' || line[i] > '9') return 0;
      status = status * 10 + (line[i] - '0');
    }
    return status;
  }

  void Answered(const std::string& line) {
    const int status = StatusOf(line);
    if (status == 0) return Failed("not an HTTP status line", 0);
    if (status >= 500) return Failed("HTTP " + std::to_string(status), status);
    Settle();
    delivery_.status = status;
    delivery_.error.clear();
    Finish();
  }

  void Settle() {
    settled_ = true;
    timer_.cancel();
    resolver_.cancel();
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // This attempt failed: try again after the back-off while attempts remain.
  void Failed(std::string why, int status) {
    Settle();
    delivery_.status = status;
    delivery_.error = std::move(why);
    if (delivery_.attempts >= policy_.attempts) return Finish();
    const int64_t wait = policy_.backoff_ms << std::min(delivery_.attempts - 1, 20);
    auto self = shared_from_this();
    timer_.expires_after(std::chrono::milliseconds(wait));
    timer_.async_wait([self](const asio::error_code& ec) {
      if (ec) return self->Finish();  // the io_context is going away
      self->Attempt();
    });
  }

  void Finish() {
    if (!done_) return;
    auto done = std::move(done_);
    done_ = nullptr;
    done(delivery_);
  }

  OutgoingRequest request_;
  WebhookPolicy policy_;
  HttpUrl url_;
  std::function<void(Delivery)> done_;
  tcp::resolver resolver_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string out_;
  std::string in_;
  Delivery delivery_;
  bool settled_ = false;
};

}  // namespace

std::optional<HttpUrl> ParseHttpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  url.remove_prefix(kScheme.size());
  const size_t slash = url.find_first_of("/?");
  std::string_view authority = url.substr(0, slash);
  HttpUrl out;
  out.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  if (out.target[0] == '?') out.target = "/" + out.target;
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no credentials
  const size_t colon = authority.rfind(':');
  out.port = "80";
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) > 65535 || std::stoi(std::string(port)) == 0) {
      return std::nullopt;
    }
    out.port = std::string(port);
    authority = authority.substr(0, colon);
  }
  out.host = std::string(authority);
  const auto bad = [](char c) { return c <= ' ' || c == '/' || c == '\x7f'; };
  if (out.host.empty() || std::any_of(out.host.begin(), out.host.end(), bad) ||
      std::any_of(out.target.begin(), out.target.end(), [](char c) { return c <= ' '; })) {
    return std::nullopt;
  }
  return out;
}

void Deliver(asio::io_context& io, OutgoingRequest request, WebhookPolicy policy,
             std::function<void(Delivery)> done) {
  std::optional<HttpUrl> url = ParseHttpUrl(request.spec.url);
  // A line break in a method, header or content type would write lines of the caller's
  // choosing into the receiver's request (handlers come from the API too).
  const auto breaks = [](std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
  };
  bool broken = breaks(request.spec.method) || breaks(request.spec.content_type);
  for (const auto& [name, value] : request.spec.headers) broken |= breaks(name) || breaks(value);
  if (!url || broken) {
    Delivery d{request.at, request.spec.url, request.spec.method, request.reason, 0, 0,
               broken ? "a header, the method or the content type holds a line break"
               : request.spec.url.rfind("https://", 0) == 0
                   ? "https is not supported: use an http:// URL"
                   : "not an http://HOST[:PORT]/PATH URL"};
    // Called from the io_context as every other outcome is, never from inside Deliver.
    asio::post(io, [d = std::move(d), done = std::move(done)] { done(d); });
    return;
  }
  policy.attempts = std::max(policy.attempts, 1);
  auto job = std::make_shared<Job>(io, std::move(request), policy, std::move(*url), std::move(done));
  job->Attempt();
}

}  // namespace carriersim
