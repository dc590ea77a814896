#include <nlohmann/json.hpp>

#include "simulator/live/apis.h"

namespace carriersim {
namespace {

// The API style a path belongs to, or "" for none.
std::string_view StyleOfPath(const HttpRequest& r) {
  const std::vector<std::string>& s = r.segments;
  if (s.empty()) return "";
  if (s[0] == "_carriersim") return "control";
  if (s[0] == "api" && s.size() >= 2 && s[1] == "1") return "hologram";
  if (s[0] != "v1" || s.size() < 2) return "";
  if (s[1] == "Sims" || s[1] == "Commands" || (s[1] == "auth" && s.size() >= 3 && s[2] == "token")) {
    return "kore";
  }
  if (s[1] == "auth" || s[1] == "sims" || s[1] == "subscribers" || s[1] == "event_handlers") {
    return "soracom";
  }
  return "";
}

}  // namespace

HttpResponse ApiError(std::string_view style, int status, std::string_view code,
                      std::string_view message) {
  nlohmann::ordered_json j;
  if (style == "soracom") {
    j["code"] = code;
    j["message"] = message;
  } else if (style == "kore") {
    // Twilio's shape: a numeric code where there is one, a link to read about it.
    int number = 0;
    for (const char c : code) {
      if (c < '0' || c > '9') break;
      number = number * 10 + (c - '0');
    }
    j["code"] = number != 0 ? nlohmann::ordered_json(number) : nlohmann::ordered_json(code);
    j["message"] = message;
    j["more_info"] = "https://www.twilio.com/docs/errors/" + std::string(code);
    j["status"] = status;
  } else if (style == "hologram") {
    j["success"] = false;
    j["error"] = message;
  } else {
    j["error"] = message;
    j["code"] = code;
  }
  HttpResponse response;
  response.status = status;
  response.body = j.dump();
  return response;
}

HttpResponse Route(LiveService& live, const ControlHooks& hooks, const HttpRequest& request) {
  const std::string_view style = StyleOfPath(request);
  if (style.empty()) {
    // Under /v1 a client expects Soracom's or Twilio's shape; Soracom's is the one with a code
    // and a message that both kinds of client read.
    const bool v1 = !request.segments.empty() && request.segments[0] == "v1";
    return ApiError(v1 ? "soracom" : "", 404, v1 ? "COM0404" : "not-found",
                    "no API at " + request.path);
  }
  if (request.body.size() > kMaxRequestBody) {
    return ApiError(style, 413, style == "kore" ? "20001" : "COM0413",
                    "the request body is over " + std::to_string(kMaxRequestBody) + " bytes");
  }
  try {
    if (style == "control") return ControlApi(live, hooks, request);
    if (style == "soracom") return SoracomApi(live, request);
    if (style == "kore") return KoreApi(live, request);
    return HologramApi(live, request);
  } catch (const std::exception& e) {
    return ApiError(style, 500, style == "kore" ? "20500" : "COM0500",
                    std::string("internal error: ") + e.what());
  }
}

}  // namespace carriersim
