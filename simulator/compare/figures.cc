#include "simulator/compare/figures.h"

#include <algorithm>
#include <cstring>

namespace carriersim {

std::string_view FigureName(Figure figure) {
  switch (figure) {
    case Figure::kFeesTotal:
      return "fees_total";
    case Figure::kReactivations:
      return "reactivations";
    case Figure::kPowerCycleNeeded:
      return "power_cycle_needed";
    case Figure::kForcedReactivations:
      return "forced_reactivations";
    case Figure::kAttachAttempts:
      return "attach_attempts";
    case Figure::kRadioMsPerDevice:
      return "radio_hours_per_device";
    case Figure::kStatusChanges:
      return "status_changes";
    case Figure::kCount:
      break;
  }
  return "";
}

std::string_view FigureLabel(Figure figure) {
  switch (figure) {
    case Figure::kFeesTotal:
      return "total cost";
    case Figure::kReactivations:
      return "reactivations";
    case Figure::kPowerCycleNeeded:
      return "devices needing a power cycle";
    case Figure::kForcedReactivations:
      return "forced reactivations";
    case Figure::kAttachAttempts:
      return "attach attempts";
    case Figure::kRadioMsPerDevice:
      return "radio hours per device";
    case Figure::kStatusChanges:
      return "status changes";
    case Figure::kCount:
      break;
  }
  return "";
}

bool FigureIsMoney(Figure figure) { return figure == Figure::kFeesTotal; }

RunFigures MeasureRun(const RunResult& run, const std::vector<std::string>& categories) {
  const Scenario& scenario = run.scenario();
  const Totals& totals = run.totals();
  RunFigures f;
  f.events = run.events();
  f.fees_by_category.assign(categories.size(), 0);
  for (size_t c = 0; c < scenario.fee_categories.size(); ++c) {
    const auto at = std::find(categories.begin(), categories.end(), scenario.fee_categories[c]);
    f.fees_by_category[static_cast<size_t>(at - categories.begin())] +=
        totals.all.fees.by_category[c];
  }
  f.figures.assign(kFigureCount, 0);
  const auto set = [&](Figure k, int64_t v) { f.figures[static_cast<size_t>(k)] = v; };
  set(Figure::kFeesTotal, totals.all.fees.total);
  set(Figure::kForcedReactivations, totals.all.forced_reactivations);
  set(Figure::kAttachAttempts, totals.all.attach_attempts);
  set(Figure::kStatusChanges, totals.all.status_changes);
  // Milliseconds per device, rounded: a run's figure is an integer like the others.
  const int64_t sims = std::max<int64_t>(totals.all.sims, 1);
  set(Figure::kRadioMsPerDevice, (totals.all.radio_ms + sims / 2) / sims);
  // A SIM's first move into a status with data is its activation (ready -> active); each later
  // one, from a status without data, is a reactivation.
  int64_t reactivations = 0;
  std::vector<bool> activated(static_cast<size_t>(scenario.sim_count), false);
  for (SimId sim = 0; sim < static_cast<SimId>(scenario.sim_count); ++sim) {
    const GroupSpec& group = run.directory().GroupOf(sim);
    activated[sim] = run.directory().ProfileOf(sim).statuses[group.status].data;
  }
  for (const StatusChange& change : run.history()) {
    const std::vector<StatusDef>& statuses = run.directory().ProfileOf(change.sim).statuses;
    const StatusDef& from = statuses[change.from];
    if (!statuses[change.to].data || from.data || from.transient) continue;
    if (activated[change.sim]) ++reactivations;
    activated[change.sim] = true;
  }
  set(Figure::kReactivations, reactivations);
  int64_t silent = 0;
  for (SimId sim = 0; sim < static_cast<SimId>(scenario.sim_count); ++sim) {
    const char* modem = run.SimWithoutCategories(sim).modem;
    if (std::strcmp(modem, "sim-invalid") == 0 || std::strcmp(modem, "gave-up") == 0) ++silent;
  }
  set(Figure::kPowerCycleNeeded, silent);
  return f;
}

}  // namespace carriersim
