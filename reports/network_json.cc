#include "reports/network_json.h"

#include <algorithm>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

Json Peak(const Scenario& s, const RateMeter& meter) {
  return Json{{"attempts", meter.peak},
              {"at", meter.peak == 0 ? Json(nullptr)
                                     : Json(FormatTimestamp(s.start + meter.peak_at))}};
}

Json Quantile(const MassEvent& e, uint64_t percent) {
  const std::optional<SimTime> t = e.BackBy(percent);
  if (!t) return nullptr;
  return Json{{"ms", *t}, {"after", FormatDuration(std::max<SimTime>(*t, 0))}};
}

}  // namespace

Json CellsJson(const RunResult& run) {
  const Scenario& scenario = run.scenario();
  const SignalingMetrics& signaling = run.signaling();
  Json cells = Json::array();
  for (size_t c = 0; c < signaling.by_cell.size(); ++c) {
    const CellStats& s = signaling.by_cell[c];
    if (s.attempts == 0) continue;
    Json rejects = Json::array();
    uint64_t rejected = 0;
    for (const auto& [cause, count] : s.rejects_by_cause) {
      rejects.push_back({{"cause", cause},
                         {"name", std::string(EmmCauseName(cause))},
                         {"count", count}});
      rejected += count;
    }
    const CellSpec& spec = scenario.cells[c];
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
                     {"peak_per_second", Peak(scenario, s.per_second)},
                     {"peak_per_minute", Peak(scenario, s.per_minute)}});
  }
  return Json{{"cells_defined", scenario.cells.size()},
              {"peak_per_second", Peak(scenario, signaling.per_second)},
              {"peak_per_minute", Peak(scenario, signaling.per_minute)},
              {"cells", cells}};
}

Json RecoveryJson(const RunResult& run) {
  const Scenario& scenario = run.scenario();
  Json list = Json::array();
  for (const MassEvent& e : run.mass_events()) {
    list.push_back({{"event", e.what},
                    {"time", FormatTimestamp(scenario.start + e.start)},
                    {"counted_from", FormatTimestamp(scenario.start + e.from)},
                    {"affected", e.affected},
                    {"back", e.back.size()},
                    {"p50", Quantile(e, 50)},
                    {"p95", Quantile(e, 95)},
                    {"p100", Quantile(e, 100)}});
  }
  return list;
}

Json EnergyJson(const SimTotals& devices) {
  return Json{{"devices", devices.sims},
              {"radio_on_ms", devices.radio_ms},
              {"radio_on_ms_max", devices.radio_ms_max},
              {"attach_attempts", devices.attach_attempts},
              {"modem_reboots", devices.modem_reboots}};
}

}  // namespace carriersim
