// The pieces of the KORE-shaped API (Twilio Wireless v1) that its files share: kore_api.cc
// (auth, routing, the Sim resource and lists), kore_update.cc (POST /v1/Sims/{Sid}, status
// callbacks) and kore_usage.cc (UsageRecords, DataSessions).
#ifndef CARRIERSIM_LIVE_KORE_INTERNAL_H_
#define CARRIERSIM_LIVE_KORE_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulator/live/apis.h"

namespace carriersim {

using Json = nlohmann::ordered_json;

// What the API remembers between requests (LiveService::ApiState).
struct KoreState {
  // Names and the time of their last change, set through POST /v1/Sims/{Sid}.
  struct Edits {
    std::string unique_name;
    std::string friendly_name;
    SimTime at = 0;
  };
  // A CallbackUrl waiting for its SIM's change to complete.
  struct Pending {
    SimId sim = 0;
    std::string url;
    std::string method;
    std::string base;  // the URL the caller reached us at, for the resource's url
  };
  std::unordered_map<SimId, Edits> edits;
  std::vector<Pending> pending;
  bool observing = false;  // the callback observer is registered
};

// One authenticated request.
struct KoreCall {
  LiveService& live;
  const ApiUser& user;
  const HttpRequest& request;
  std::string base;  // "http://host:port", from the Host header
  KoreState& state;
};

// Twilio's error body with its numeric code.
HttpResponse KoreError(int status, int code, std::string_view message);
HttpResponse KoreJson(const Json& body, int status = 200);

// PageSize (1..1000, default 50), Page (>= 0) and PageToken ("PA" + where the page starts).
struct KorePage {
  int64_t page = 0;
  int64_t size = 50;
  std::optional<int64_t> token;
};
// False, with the 400 in *error, when a paging parameter is malformed.
bool ReadKorePage(const HttpRequest& request, KorePage* page, HttpResponse* error);
// The `meta` block of a list at `path` (filters repeated in every URL); `next`: where the next
// page starts, if there is one.
Json KoreMeta(const KoreCall& call, std::string_view key, const HttpFields& filters,
              const KorePage& page, std::optional<int64_t> next);

// Identifiers and times as Twilio writes them: a SID is a prefix and 32 hex digits.
std::string KoreSid(std::string_view prefix, uint64_t a, uint64_t b);
std::string KoreAccountSid(const Scenario& scenario, uint32_t carrier);
std::string KoreRatePlanSid(const Scenario& scenario, uint32_t carrier, PlanId plan);
std::string KoreTime(const LiveService& live, SimTime t);  // "2026-01-01T00:00:00Z"

// The Sim resource as it is now.
Json KoreSimJson(const LiveService& live, const KoreState& state, const std::string& base,
                 SimId sim);

HttpResponse KoreUpdateSim(KoreCall& call, SimId sim);     // kore_update.cc
// POST /v1/Commands (kore_commands.cc); `find_sim` resolves its Sim parameter.
HttpResponse KoreSendCommand(KoreCall& call,
                             const std::function<std::optional<SimId>(const std::string&)>& find_sim);
HttpResponse KoreUsageRecords(KoreCall& call, SimId sim);  // kore_usage.cc
HttpResponse KoreDataSessions(KoreCall& call, SimId sim);  // kore_usage.cc

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_KORE_INTERNAL_H_
