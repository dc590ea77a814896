// What the live APIs share about the SIMs a request names: the SIMs of a carrier in order, a SIM
// by its scenario name, and the action one request makes on one SIM (the journal names it by
// group and index, so a live request replays as a timeline action would).
#ifndef CARRIERSIM_LIVE_CARRIER_SIMS_H_
#define CARRIERSIM_LIVE_CARRIER_SIMS_H_

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/live/http_types.h"
#include "simulator/live/live.h"

namespace carriersim {

// Whether `sim` belongs to `carrier`: an API never shows another carrier's SIMs.
inline bool SimOfCarrier(const World& world, SimId sim, uint32_t carrier) {
  return sim < world.directory().size() && world.directory().GroupOf(sim).carrier == carrier;
}

// Calls fn(sim) for the SIMs of `carrier` numbered `first` or more, in order, while fn returns
// true. Groups hold consecutive SIMs in the order they are declared.
template <typename Fn>
void ForEachSimOf(const Scenario& scenario, uint32_t carrier, int64_t first, Fn fn) {
  for (const GroupSpec& g : scenario.groups) {
    if (g.carrier != carrier) continue;
    for (int64_t s = std::max(g.first_sim, first); s < g.first_sim + g.count; ++s) {
      if (!fn(static_cast<SimId>(s))) return;
    }
  }
}

// The base URL the caller reached us at ("http://host:port"), so that the URLs an answer holds
// lead back here (clients follow next-page links as given). A Host header that is not a plain
// host[:port] is not echoed.
inline std::string BaseUrlOf(const HttpRequest& request) {
  const std::string* host = request.Header("host");
  if (host == nullptr || host->empty() || host->size() > 255) return "http://127.0.0.1";
  for (const char c : *host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ':' && c != '-' &&
        c != '[' && c != ']') {
      return "http://127.0.0.1";
    }
  }
  return "http://" + *host;
}

// A request on one SIM by someone with `role`, through the API; the caller sets what the kind
// needs (verb, plan, amount). LiveService::Act names it for the reports.
inline TimelineAction SimAction(const World& world, SimId sim, ActionKind kind,
                                const std::string& role) {
  const uint32_t group = world.directory().group(sim);
  TimelineAction action;
  action.kind = kind;
  action.target.kind = Target::Kind::kSim;
  action.target.group = group;
  action.target.index = static_cast<int64_t>(sim) - world.scenario().groups[group].first_sim;
  action.role = role;
  action.channel = "api";
  return action;
}

// The SIM a scenario name gives, GROUP<sep>INDEX as the reports write it (trackers#3), with one
// of `separators` between the two; nullopt for no such SIM.
inline std::optional<SimId> SimNamed(const Scenario& scenario, std::string_view name,
                                     std::string_view separators = "#") {
  const size_t cut = name.find_last_of(separators);
  if (cut == std::string_view::npos || cut + 1 == name.size() || name.size() - cut > 13) {
    return std::nullopt;
  }
  int64_t index = 0;
  for (const char c : name.substr(cut + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + (c - '0');
  }
  for (const GroupSpec& g : scenario.groups) {
    if (g.name == name.substr(0, cut) && index < g.count) {
      return static_cast<SimId>(g.first_sim + index);
    }
  }
  return std::nullopt;
}

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_CARRIER_SIMS_H_
