// The webhook client against a tiny HTTP server in the test, on 127.0.0.1 and one io_context.
// Timeouts are short settings of the policy; nothing asserts on how long anything took.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <vector>

#include "simulator/live/webhook_client.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using asio::ip::tcp;

// Answers each connection with the next status of `statuses` (0: read the request, never
// answer), and counts the requests it read.
class TinyServer {
 public:
  TinyServer(asio::io_context& io, std::vector<int> statuses)
      : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        statuses_(std::move(statuses)) {
    Accept();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int requests() const { return requests_; }
  const std::string& last_request() const { return last_; }

 private:
  struct Conn {
    explicit Conn(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string in, out;
  };

  void Accept() {
    auto conn = std::make_shared<Conn>(static_cast<asio::io_context&>(acceptor_.get_executor().context()));
    acceptor_.async_accept(conn->socket, [this, conn](const asio::error_code& ec) {
      if (ec) return;
      asio::async_read_until(conn->socket, asio::dynamic_buffer(conn->in), "\r\n\r\n",
                             [this, conn](const asio::error_code& e, size_t) {
                               if (e) return;
                               Answer(conn);
                             });
      Accept();
    });
  }

  void Answer(const std::shared_ptr<Conn>& conn) {
    const int status = statuses_[std::min<size_t>(requests_, statuses_.size() - 1)];
    ++requests_;
    last_ = conn->in;
    held_.push_back(conn);  // a silent answer keeps the connection open
    if (status == 0) return;
    conn->out = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 0\r\n\r\n";
    asio::async_write(conn->socket, asio::buffer(conn->out), [conn](const asio::error_code&, size_t) {
      asio::error_code ignored;
      conn->socket.close(ignored);
    });
  }

  tcp::acceptor acceptor_;
  std::vector<int> statuses_;
  std::vector<std::shared_ptr<Conn>> held_;
  int requests_ = 0;
  std::string last_;
};

OutgoingRequest To(const std::string& url) {
  OutgoingRequest r;
  r.spec.url = url;
  r.spec.body = R"({"a":1})";
  r.spec.headers = {{"X-Test", "yes"}};
  r.reason = "test";
  return r;
}

// Delivers and runs the io_context until done() came; the deliveries done() was called with.
std::vector<Delivery> Run(asio::io_context& io, OutgoingRequest request, WebhookPolicy policy) {
  std::vector<Delivery> got;
  Deliver(io, std::move(request), policy, [&](Delivery d) {
    got.push_back(std::move(d));
    io.stop();
  });
  io.run();
  io.restart();
  io.poll();  // anything left over must not call done() again
  return got;
}

constexpr WebhookPolicy kFast{200, 3, 10};

TEST_CASE("Webhook delivered: one attempt, the status, the request's headers and body") {
  asio::io_context io;
  TinyServer server(io, {204});
  const auto got = Run(io, To("http://127.0.0.1:" + std::to_string(server.port()) + "/h?x=1"),
                       kFast);
  REQUIRE(got.size() == 1);
  CHECK(got[0].status == 204);
  CHECK(got[0].attempts == 1);
  CHECK(got[0].error.empty());
  CHECK(server.last_request().rfind("POST /h?x=1 HTTP/1.1\r\n", 0) == 0);
  CHECK(server.last_request().find("X-Test: yes\r\n") != std::string::npos);
}

TEST_CASE("Webhook answered 500 is tried again and succeeds on the second attempt") {
  asio::io_context io;
  TinyServer server(io, {500, 200});
  const auto got = Run(io, To("http://127.0.0.1:" + std::to_string(server.port()) + "/"), kFast);
  REQUIRE(got.size() == 1);
  CHECK(got[0].status == 200);
  CHECK(got[0].attempts == 2);
  CHECK(server.requests() == 2);
}

TEST_CASE("Webhook that never answers times out on every attempt, bounded") {
  asio::io_context io;
  TinyServer server(io, {0});
  const auto got = Run(io, To("http://127.0.0.1:" + std::to_string(server.port()) + "/"),
                       WebhookPolicy{50, 2, 1});
  REQUIRE(got.size() == 1);
  CHECK(got[0].status == 0);
  CHECK(got[0].attempts == 2);
  CHECK(got[0].error.find("timed out") != std::string::npos);
}

TEST_CASE("Webhook to a closed port fails with a connection error after every attempt") {
  asio::io_context io;
  uint16_t port = 0;
  {
    tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = probe.local_endpoint().port();
  }  // closed again: nothing listens there now
  const auto got = Run(io, To("http://127.0.0.1:" + std::to_string(port) + "/"), kFast);
  REQUIRE(got.size() == 1);
  CHECK(got[0].attempts == 3);
  CHECK(got[0].error.find("connect") != std::string::npos);
}

TEST_CASE("Webhook with a malformed or https URL fails at once, without an attempt") {
  for (const std::string url : {"https://example.com/x", "http://", "ftp://a/b", "http://a:99999/",
                                "http://a b/", "not a url"}) {
    asio::io_context io;
    const auto got = Run(io, To(url), kFast);
    REQUIRE(got.size() == 1);
    CHECK(got[0].attempts == 0);
    CHECK(!got[0].error.empty());
  }
  CHECK(ParseHttpUrl("http://h:8080/p")->port == "8080");
  CHECK(ParseHttpUrl("http://h")->target == "/");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("Webhook whose header holds a line break is refused at once, nothing sent") {
  asio::io_context io;
  OutgoingRequest request = To("http://127.0.0.1:9/hook");
  request.spec.headers.emplace_back("X-A", "b\r\nX-Injected: yes");
  const auto got = Run(io, request, kFast);
  REQUIRE(got.size() == 1);
  CHECK(got[0].attempts == 0);
  CHECK(got[0].error.find("line break") != std::string::npos);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
