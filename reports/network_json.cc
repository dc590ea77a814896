#include "reports/network_json.h"

#include <algorithm>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/network/emm_cause.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

Json Peak(const World& world, const RateMeter& meter) {
  return Json{{"attempts", meter.peak},
              {"at", meter.peak == 0 ? Json(nullptr)
                                     : Json(FormatTimestamp(world.scenario.start + meter.peak_at))}};
}

Json Quantile(const MassEvent& e, uint64_t percent) {
  const std::optional<SimTime> t = e.BackBy(percent);
  if (!t) return nullptr;
  return Json{{"ms", *t}, {"after", FormatDuration(std::max<SimTime>(*t, 0))}};
}

}  // namespace

const char* ModemStateName(ModemState state) {
  switch (state) {
    case ModemState::kOff:
      return "off";
    case ModemState::kWaiting:
      return "waiting";
    case ModemState::kAttaching:
      return "attaching";
    case ModemState::kRebooting:
      return "rebooting";
    case ModemState::kRegistered:
      return "registered";
    case ModemState::kSimInvalid:
      return "sim-invalid";
    case ModemState::kGaveUp:
      return "gave-up";
  }
  return "?";
}

Json CellsJson(const World& world) {
  Json cells = Json::array();
  for (size_t c = 0; c < world.cells.stats.size(); ++c) {
    const CellStats& s = world.cells.stats[c];
    if (s.attempts == 0) continue;
    Json rejects = Json::array();
    uint64_t rejected = 0;
    for (const auto& [cause, count] : s.rejects_by_cause) {
      rejects.push_back({{"cause", cause},
                         {"name", std::string(EmmCauseName(cause))},
                         {"count", count}});
      rejected += count;
    }
    const CellSpec& spec = world.scenario.cells[c];
    cells.push_back({{"cell", spec.name},
                     {"capacity", spec.capacity == 0 ? Json("unlimited")
                                                     : Json(std::to_string(spec.capacity) + "/" +
                                                            FormatDuration(spec.window))},
                     {"attach_attempts", s.attempts},
                     {"attach_accepts", s.accepts},
                     {"attach_rejects", rejected},
                     {"rejects_by_cause", rejects},
                     {"unanswered", s.unanswered},
                     {"collateral_congestion_rejects", s.collateral},
                     {"peak_per_second", Peak(world, s.per_second)},
                     {"peak_per_minute", Peak(world, s.per_minute)}});
  }
  return Json{{"cells_defined", world.scenario.cells.size()},
              {"peak_per_second", Peak(world, world.cells.per_second)},
              {"peak_per_minute", Peak(world, world.cells.per_minute)},
              {"cells", cells}};
}

Json RecoveryJson(const World& world) {
  Json list = Json::array();
  for (const MassEvent& e : world.recovery.events) {
    list.push_back({{"event", e.what},
                    {"time", FormatTimestamp(world.scenario.start + e.start)},
                    {"counted_from", FormatTimestamp(world.scenario.start + e.from)},
                    {"affected", e.affected},
                    {"back", e.back.size()},
                    {"p50", Quantile(e, 50)},
                    {"p95", Quantile(e, 95)},
                    {"p100", Quantile(e, 100)}});
  }
  return list;
}

Json EnergyJson(const World& world, uint32_t first, uint32_t count) {
  const Fleet& fleet = world.fleet;
  uint64_t attempts = 0, reboots = 0;
  int64_t radio = 0, radio_max = 0;
  for (uint32_t d = first; d < first + count; ++d) {
    attempts += fleet.attach_attempts[d];
    reboots += fleet.reboots[d];
    radio += fleet.radio_ms[d];
    radio_max = std::max(radio_max, fleet.radio_ms[d]);
  }
  return Json{{"devices", count},
              {"radio_on_ms", radio},
              {"radio_on_ms_max", radio_max},
              {"attach_attempts", attempts},
              {"modem_reboots", reboots}};
}

}  // namespace carriersim
