// Requests for the carrier-shaped HTTP APIs, built as the server would hand them over, so that a
// test calls KoreApi / HologramApi directly, without a socket; and a live session on a manual
// clock that a test moves.
#ifndef CARRIERSIM_TESTS_UNIT_CARRIER_HTTP_RIG_H_
#define CARRIERSIM_TESTS_UNIT_CARRIER_HTTP_RIG_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "simulator/live/apis.h"
#include "tests/test_util.h"

namespace carriersim::test {

inline std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

inline std::string BasicAuth(std::string_view user, std::string_view password) {
  return "Basic " + Base64(std::string(user) + ":" + std::string(password));
}

// `target` is a path with an optional query ("/v1/Sims?PageSize=2"), or an absolute URL.
inline HttpRequest MakeRequest(std::string method, std::string target, std::string body = "",
                               HttpFields headers = {}) {
  HttpRequest r;
  r.method = std::move(method);
  if (target.rfind("http://", 0) == 0) target = target.substr(target.find('/', 7));
  const size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) ParseForm(target.substr(q + 1), &r.query);
  size_t start = 1;
  while (start <= r.path.size()) {
    const size_t slash = std::min(r.path.find('/', start), r.path.size());
    std::string segment;
    PercentDecode(r.path.substr(start, slash - start), false, &segment);
    r.segments.push_back(segment);
    start = slash + 1;
  }
  r.headers = std::move(headers);
  r.headers.emplace_back("host", "127.0.0.1:8080");
  r.body = std::move(body);
  return r;
}

inline nlohmann::json BodyOf(const HttpResponse& r) {
  return nlohmann::json::parse(r.body, nullptr, false);
}

// A scenario and its live session on a manual clock.
struct LiveRig {
  explicit LiveRig(const std::string& text)
      : scenario(LoadValid(text)),
        live(std::make_unique<LiveService>(scenario, LiveClock::Mode::kManual, 1)) {
    live->Sync();
  }
  void AdvanceTo(SimTime t) {
    live->clock().Set(t, std::chrono::steady_clock::now());
    live->Sync();
  }
  Scenario scenario;
  std::unique_ptr<LiveService> live;
};

}  // namespace carriersim::test

#endif  // CARRIERSIM_TESTS_UNIT_CARRIER_HTTP_RIG_H_
