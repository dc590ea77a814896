// The Soracom-shaped API: routing under /v1, POST /v1/auth and the credentials every other call
// carries (X-Soracom-API-Key and X-Soracom-Token). The SIMs are in soracom_sims.cc, the event
// handlers in event_handlers_api.cc.
#include <charconv>
#include <string>

#include "simulator/live/event_handlers.h"
#include "simulator/live/soracom_internal.h"

namespace carriersim {
namespace {

// The real API lets a token live at most 48 hours (AuthRequest.tokenTimeoutSeconds).
constexpr int64_t kDefaultTokenSeconds = 86400;
constexpr int64_t kMaxTokenSeconds = 172800;

// A string member of `body`, "" when absent; false (and the 400) when present but not a string.
bool StringField(const Json& body, const char* name, std::string* out, HttpResponse* error) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *error = SoracomError(400, kBadRequest, std::string(name) + " must be a string");
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

HttpResponse Auth(LiveService& live, const HttpRequest& request) {
  if (request.method != "POST") return SoracomError(405, kBadMethod, "use POST for /v1/auth");
  HttpResponse error;
  const std::optional<Json> body = ParseBody(request, &error);
  if (!body) return error;
  std::string key_id, key, operator_id, user_name, password;
  for (const auto& [name, out] : {std::pair{"authKeyId", &key_id}, {"authKey", &key},
                                  {"operatorId", &operator_id}, {"userName", &user_name},
                                  {"password", &password}}) {
    if (!StringField(*body, name, out, &error)) return error;
  }
  int64_t seconds = kDefaultTokenSeconds;
  if (const auto it = body->find("tokenTimeoutSeconds"); it != body->end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 ||
        it->get<int64_t>() > kMaxTokenSeconds) {
      return SoracomError(400, kBadRequest,
                          "tokenTimeoutSeconds must be an integer from 1 to " +
                              std::to_string(kMaxTokenSeconds));
    }
    seconds = it->get<int64_t>();
  }
  const ApiUser* user = nullptr;
  if (!key_id.empty()) {
    user = live.access().Login("soracom", key_id, key);
  } else if (!user_name.empty()) {
    user = live.access().Login("soracom", user_name, password);
    // A SAM user belongs to one operator: another operator's id does not reach it.
    if (user != nullptr && !operator_id.empty() && operator_id != OperatorId(user->carrier)) {
      user = nullptr;
    }
  }
  if (user == nullptr) return SoracomError(401, kBadToken, "invalid credentials");
  Json answer;
  answer["apiKey"] = "api-" + live.access().IssueToken(user, seconds * 1000);
  answer["operatorId"] = OperatorId(user->carrier);
  answer["token"] = live.access().IssueToken(user, seconds * 1000);
  if (key_id.empty()) answer["userName"] = user->name;
  return JsonAnswer(200, answer);
}

}  // namespace

HttpResponse SoracomError(int status, std::string_view code, std::string_view message) {
  return ApiError("soracom", status, code, message);
}

HttpResponse JsonAnswer(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

std::string OperatorId(uint32_t carrier) {
  std::string digits = std::to_string(carrier + 1);
  return "OP" + std::string(digits.size() < 10 ? 10 - digits.size() : 0, '0') + digits;
}

const ApiUser* Authenticate(LiveService& live, const HttpRequest& request, HttpResponse* error) {
  const std::string* key = request.Header("x-soracom-api-key");
  const std::string* token = request.Header("x-soracom-token");
  if (key == nullptr || token == nullptr || key->empty() || token->empty()) {
    *error = SoracomError(401, kNoToken,
                          "X-Soracom-API-Key and X-Soracom-Token are required in the request "
                          "header");
    return nullptr;
  }
  const std::string_view bare_key =
      key->rfind("api-", 0) == 0 ? std::string_view(*key).substr(4) : std::string_view(*key);
  const ApiUser* by_key = live.access().FromToken("soracom", bare_key);
  const ApiUser* by_token = live.access().FromToken("soracom", *token);
  if (by_key == nullptr || by_key != by_token) {
    *error = SoracomError(401, kBadToken, "invalid or expired API key or token");
    return nullptr;
  }
  return by_key;
}

std::optional<Json> ParseBody(const HttpRequest& request, HttpResponse* error) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    *error = SoracomError(400, kBadRequest, "the request body is not a JSON object");
    return std::nullopt;
  }
  return body;
}

std::optional<int64_t> QueryInt(const HttpRequest& request, std::string_view name, int64_t min,
                                int64_t max, int64_t fallback, HttpResponse* error) {
  const std::string* text = request.Query(name);
  if (text == nullptr || text->empty()) return fallback;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    *error = SoracomError(400, kBadRequest,
                          std::string(name) + " must be an integer from " + std::to_string(min) +
                              " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

HttpResponse SoracomApi(LiveService& live, const HttpRequest& request) {
  const std::vector<std::string>& s = request.segments;  // "v1", ...
  if (s.size() == 2 && s[1] == "auth") return Auth(live, request);
  HttpResponse error;
  const ApiUser* user = Authenticate(live, request, &error);
  if (user == nullptr) return error;
  live.Sync();  // answers show the world at the clock's time
  if (s.size() >= 2 && (s[1] == "sims" || s[1] == "subscribers")) {
    return SoracomSims(live, *user, request);
  }
  if (s.size() >= 2 && s[1] == "event_handlers") return SoracomEventHandlers(live, *user, request);
  return SoracomError(404, kNotFound, "no such API: " + request.path);
}

}  // namespace carriersim
