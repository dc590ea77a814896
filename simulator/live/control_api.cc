// The control API under /_carriersim/, with its own key (Authorization: Bearer KEY, or the
// X-Carriersim-Key header): what a test or an operator does to the emulated world itself, as
// opposed to what a carrier's customer does through the carrier's API.
//
//   GET  health                        the session: time, clock, requests journaled
//   GET  clock                         the simulated time and the clock's mode and speed
//   POST clock {"advance": "1h"} | {"to": "5d" | "2026-01-06T00:00:00Z"} | {"speed": 60}
//   POST devices/power {"sim": "GROUP#I" | ICCID, "action": "on" | "off" | "cycle"}
//   POST outages {"cells": "CELL" | "SET", "for": "2h"} | {"core": true, "for": "30m"}
//   POST snapshot                      every report for the time reached, into the output folder
//   POST reset                         back to the scenario's start (a new journal)
//   POST shutdown                      ends the session as SIGTERM does
//   GET  metrics                       Prometheus text (metrics.cc)
//   GET  modems                        the virtual modems: their lines, identities, status
//
// Every action on the world (power, outages) is journaled, so a replay does it too.
#include <nlohmann/json.hpp>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/live/apis.h"
#include "simulator/live/carrier_sims.h"
#include "simulator/live/metrics.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

HttpResponse Error(int status, std::string_view code, std::string_view message) {
  return ApiError("control", status, code, message);
}

HttpResponse Ok(const Json& j) {
  HttpResponse r;
  r.body = j.dump();
  return r;
}

Json ClockJson(LiveService& live) {
  const LiveClock& clock = live.clock();
  return Json{{"t", live.now()},
              {"time", live.NowText()},
              {"end", FormatTimestamp(live.scenario().start + clock.end())},
              {"mode", clock.mode() == LiveClock::Mode::kManual ? "manual" : "real"},
              {"speed", clock.speed()}};
}

// A time in the scenario: a duration from its start ("5d 2h"), or a timestamp.
bool ParseSimTime(const LiveService& live, const std::string& text, SimTime* t,
                  std::string* error) {
  if (ParseDuration(text, t, error)) return true;
  std::string ignored;
  const std::optional<UnixMillis> at = ParseTimestamp(text, &ignored);
  if (!at) return false;
  *t = *at - live.scenario().start;
  error->clear();
  return true;
}

// The duration a JSON value gives: "90s", "1h 30m", or milliseconds.
bool DurationOf(const Json& v, SimTime* out, std::string* error) {
  if (v.is_number_integer()) {
    *out = v.get<SimTime>();
    return *out >= 0 || (*error = "a negative duration", false);
  }
  if (!v.is_string()) return (*error = "a duration such as \"1h\" or milliseconds", false);
  return ParseDuration(v.get<std::string>(), out, error);
}

HttpResponse SetClock(LiveService& live, const Json& body) {
  const auto wall = std::chrono::steady_clock::now();
  live.Sync(wall);
  std::string error;
  if (body.contains("speed")) {
    if (!body["speed"].is_number() || body["speed"].get<double>() < 0 ||
        body["speed"].get<double>() > 1e9) {
      return Error(400, "bad-speed", "speed is a number from 0 (paused) to 1e9");
    }
    live.clock().SetSpeed(body["speed"].get<double>(), wall);
  }
  SimTime to = live.now();
  if (body.contains("advance")) {
    SimTime by = 0;
    if (!DurationOf(body["advance"], &by, &error)) return Error(400, "bad-duration", error);
    to = live.now() + std::min(by, live.clock().end() - live.now());
  } else if (body.contains("to")) {
    if (!body["to"].is_string() || !ParseSimTime(live, body["to"].get<std::string>(), &to, &error)) {
      return Error(400, "bad-time", "\"to\" is a duration from the start (\"5d\") or a timestamp" +
                                        (error.empty() ? "" : ": " + error));
    }
    if (to < live.now()) return Error(409, "clock-backwards", "the clock never goes back");
  } else if (!body.contains("speed")) {
    return Error(400, "bad-request", "give \"advance\", \"to\" or \"speed\"");
  }
  live.clock().Set(std::min(to, live.clock().end()), wall);
  live.Sync(wall);
  return Ok(ClockJson(live));
}

// The SIM a control request names: GROUP#INDEX as the reports write it, or its ICCID.
std::optional<SimId> ControlSim(const LiveService& live, const std::string& text) {
  if (std::optional<SimId> sim = SimNamed(live.scenario(), text)) return sim;
  return live.ids().FromIccid(text);
}

HttpResponse Power(LiveService& live, const Json& body, const std::string& who) {
  if (!body.contains("sim") || !body["sim"].is_string()) {
    return Error(400, "bad-request", "\"sim\" names a SIM: GROUP#INDEX or its ICCID");
  }
  const std::optional<SimId> sim = ControlSim(live, body["sim"].get<std::string>());
  if (!sim) return Error(404, "no-such-sim", "no SIM " + body["sim"].dump());
  const std::string what = body.value("action", "");
  const ActionKind kind = what == "on"    ? ActionKind::kPowerOn
                          : what == "off" ? ActionKind::kPowerOff
                                          : ActionKind::kPowerCycle;
  if (what != "on" && what != "off" && what != "cycle") {
    return Error(400, "bad-request", "\"action\" is on, off or cycle");
  }
  live.Sync();
  const Outcome outcome = live.Act(SimAction(live.world(), *sim, kind, "owner"), "control", who);
  return Ok(Json{{"sim", body["sim"]},
                 {"action", what},
                 {"changed", outcome.result == VerbResult::kApplied},
                 {"time", live.NowText()}});
}

HttpResponse StartOutage(LiveService& live, const Json& body, const std::string& who) {
  SimTime length = 0;
  std::string error;
  if (!body.contains("for") || !DurationOf(body["for"], &length, &error) || length <= 0) {
    return Error(400, "bad-duration", "\"for\": how long the outage lasts, such as \"2h\"");
  }
  live.Sync();
  TimelineAction down, up;
  if (body.value("core", false)) {
    down.kind = ActionKind::kCoreOutage;
    up.kind = ActionKind::kCoreRestore;
  } else {
    const std::string name = body.contains("cells") && body["cells"].is_string()
                                 ? body["cells"].get<std::string>() : "";
    const Scenario& s = live.scenario();
    bool found = false;
    for (uint32_t c = 0; c < s.cells.size() && !found; ++c) {
      if (s.cells[c].name == name) {
        down.first_cell = c;
        down.cell_count = 1;
        found = true;
      }
    }
    for (const CellSet& set : s.cell_sets) {
      if (!found && set.name == name) {
        down.first_cell = set.first;
        down.cell_count = set.count;
        found = true;
      }
    }
    if (!found) return Error(404, "no-such-cell", "no cell or cell set '" + name + "'");
    down.kind = ActionKind::kCellOutage;
    up = down;
    up.kind = ActionKind::kCellRestore;
  }
  down.until = up.at = std::min(live.now() + length, live.clock().end());
  live.Act(down, "control", who);
  live.Schedule(down.until, up, who);
  return Ok(Json{{"from", live.NowText()},
                 {"until", FormatTimestamp(live.scenario().start + down.until)}});
}

bool Authorized(LiveService& live, const HttpRequest& r) {
  const std::string bearer = BearerToken(r.Header("authorization"));
  if (!bearer.empty()) return live.access().IsControlKey(bearer);
  const std::string* key = r.Header("x-carriersim-key");
  return key != nullptr && live.access().IsControlKey(*key);
}

}  // namespace

HttpResponse ControlApi(LiveService& live, const ControlHooks& hooks, const HttpRequest& r) {
  if (!Authorized(live, r)) {
    HttpResponse denied = Error(401, "unauthorized",
                                "the control API needs its key: Authorization: Bearer KEY");
    denied.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"carriersim\"");
    return denied;
  }
  const std::string what = r.segments.size() >= 2 ? r.segments[1] : "";
  const std::string sub = r.segments.size() >= 3 ? r.segments[2] : "";
  const bool get = r.method == "GET", post = r.method == "POST";
  if (get && what == "health" && sub.empty()) {
    live.Sync();
    return Ok(Json{{"status", "ok"}, {"clock", ClockJson(live)}, {"journaled", live.journaled()}});
  }
  if (get && what == "clock" && sub.empty()) {
    live.Sync();
    return Ok(ClockJson(live));
  }
  if (get && what == "metrics" && sub.empty()) {
    live.Sync();
    HttpResponse metrics;
    metrics.content_type = "text/plain; version=0.0.4";
    metrics.body = PrometheusMetrics(live);
    return metrics;
  }
  if (get && what == "modems" && sub.empty()) {
    live.Sync();
    HttpResponse modems;
    modems.body = hooks.modems ? hooks.modems() : "[]";
    return modems;
  }
  if (!post) return Error(get ? 404 : 405, "no-such-endpoint", r.method + " " + r.path);
  Json body = Json::object();
  if (!r.body.empty()) {
    body = Json::parse(r.body, nullptr, false);
    if (!body.is_object()) return Error(400, "bad-json", "the body is not a JSON object");
  }
  const std::string who = "control";
  if (what == "clock" && sub.empty()) return SetClock(live, body);
  if (what == "devices" && sub == "power") return Power(live, body, who);
  if (what == "outages" && sub.empty()) return StartOutage(live, body, who);
  if (what == "snapshot" && sub.empty()) {
    live.Sync();
    if (std::string error = hooks.snapshot ? hooks.snapshot() : "no output folder"; !error.empty()) {
      return Error(500, "snapshot-failed", error);
    }
    return Ok(Json{{"written", true}, {"time", live.NowText()}});
  }
  if (what == "reset" && sub.empty()) {
    live.Reset();
    return Ok(ClockJson(live));
  }
  if (what == "shutdown" && sub.empty()) {
    live.Sync();  // the answer says the time the reports will be for
    if (hooks.shutdown) hooks.shutdown();
    return Ok(Json{{"stopping", true}, {"time", live.NowText()}});
  }
  return Error(404, "no-such-endpoint", r.method + " " + r.path);
}

}  // namespace carriersim
