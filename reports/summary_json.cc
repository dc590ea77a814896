#include "reports/summary_json.h"

#include <string>
#include <vector>

#include "reports/devices_json.h"
#include "reports/network_json.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

// SIM counts by status name, the census's columns (every carrier's statuses in profile order,
// each name once), zeros included so that every run of a scenario has the same keys.
Json StatusJson(const StatusCensus& census, const std::vector<int64_t>& counts) {
  Json j = Json::object();
  for (size_t c = 0; c < counts.size(); ++c) j[census.columns()[c]] = counts[c];
  return j;
}

// [{cause, name, count}] for every cause with a non-zero count, by cause number.
Json ByCause(const std::array<uint64_t, 256>& counts) {
  Json list = Json::array();
  for (size_t cause = 0; cause < counts.size(); ++cause) {
    if (counts[cause] == 0) continue;
    list.push_back({{"cause", cause},
                    {"name", std::string(EmmCauseName(static_cast<EmmCause>(cause)))},
                    {"count", counts[cause]}});
  }
  return list;
}

Json SignalingJson(const SignalingCounters& c) {
  return Json{
      {"attach_attempts", c.attach_attempts},   {"attach_accepts", c.attach_accepts},
      {"attach_rejects", c.AttachRejects()},    {"rejects_by_cause", ByCause(c.rejects_by_cause)},
      {"network_detaches", c.network_detaches}, {"detaches_by_cause", ByCause(c.detaches_by_cause)},
      {"sessions_opened", c.sessions_opened},
      {"pdn_rejects", c.pdn_rejects},
      {"attempts_without_cell", c.attempts_without_cell}, {"unanswered", c.unanswered},
      {"collateral_congestion_rejects", c.collateral_congestion}};
}

Json TotalsJson(const FeeTotals& t, const std::vector<std::string>& categories) {
  Json by_category = Json::object();
  for (size_t c = 0; c < categories.size(); ++c) {
    by_category[categories[c]] = FormatAmount(t.by_category[c]);
  }
  return Json{{"total", FormatAmount(t.total)}, {"by_category", by_category}};
}

Json FeesJson(const RunResult& run) {
  const Totals& t = run.totals();
  Json invoices = Json::array();
  for (const auto& [month, totals] : t.invoices) {
    Json invoice = {{"month", FormatDate(StartOfMonthIndex(month)).substr(0, 7)}};
    invoice.update(TotalsJson(totals, run.scenario().fee_categories));
    invoices.push_back(invoice);
  }
  Json plans = Json::array();
  for (const auto& [key, totals] : t.fees_by_plan) {
    const CarrierSpec& carrier = run.scenario().carriers[key.first];
    Json plan = {{"carrier", carrier.name}, {"plan", carrier.profile.plans[key.second].name}};
    plan.update(TotalsJson(totals, run.scenario().fee_categories));
    plans.push_back(plan);
  }
  Json j = {{"currency", std::string(run.scenario().currency.str())},
            {"lines", run.ledger().size()}};
  j.update(TotalsJson(t.all.fees, run.scenario().fee_categories));
  j["invoices"] = invoices;
  j["by_plan"] = plans;
  return j;
}

Json UsageJson(const SimTotals& t) {
  return Json{{"uplink_bytes", t.uplink_bytes},
              {"downlink_bytes", t.downlink_bytes},
              {"total_bytes", t.uplink_bytes + t.downlink_bytes},
              {"online_ms", t.online_ms}};
}

Json TimelineJson(const RunResult& run) {
  const Scenario& scenario = run.scenario();
  Json timeline = Json::array();
  for (size_t i = 0; i < scenario.timeline.size(); ++i) {
    const TimelineAction& a = scenario.timeline[i];
    const ActionOutcome& o = run.actions()[i];
    Json refusals = Json::object();
    for (const auto& [reason, count] : o.refusals) refusals[reason] = count;
    timeline.push_back({{"at", FormatDuration(a.at)},
                        {"time", FormatTimestamp(scenario.start + a.at)},
                        {"action", a.text},
                        {"line", a.line},
                        {"applied", o.applied},
                        {"unchanged", o.unchanged},
                        {"refused", o.refused},
                        {"refusals", refusals}});
  }
  return timeline;
}

Json GroupsJson(const RunResult& run) {
  const Scenario& scenario = run.scenario();
  Json groups = Json::array();
  for (size_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& group = scenario.groups[g];
    const CarrierSpec& carrier = scenario.carriers[group.carrier];
    const SimTotals& t = run.totals().by_group[g];
    groups.push_back({{"group", group.name},
                      {"carrier", carrier.name},
                      {"plan", carrier.profile.plans[group.plan].name},
                      {"device", scenario.devices[group.device].name},
                      {"sims", group.count},
                      {"by_status", StatusJson(run.census(),
                                               run.census().ByColumnOfGroup(uint32_t(g)))},
                      {"online_at_end", t.online},
                      {"signaling", SignalingJson(run.signaling().by_group[g])},
                      {"energy", EnergyJson(t)},
                      {"usage", UsageJson(t)},
                      {"fees", TotalsJson(t.fees, scenario.fee_categories)}});
  }
  return groups;
}

}  // namespace

Json ExpectationsJson(const RunResult& run) {
  Json list = Json::array();
  for (size_t i = 0; i < run.expectations().size(); ++i) {
    const Expectation& e = run.scenario().expectations[i];
    const ExpectationResult& r = run.expectations()[i];
    list.push_back({{"expectation", e.text},
                    {"line", e.line},
                    {"at", e.at < 0 ? Json("end") : Json(FormatDuration(e.at))},
                    {"expected", e.expected},
                    {"actual", r.actual_text},
                    {"passed", r.passed}});
  }
  return list;
}

Json BuildSummary(const RunResult& run) {
  const Scenario& scenario = run.scenario();
  const Totals& t = run.totals();
  Json causes = Json::object();
  for (int i = 0; i < kChangeCauseCount; ++i) {
    causes[std::string(ChangeCauseName(static_cast<ChangeCause>(i)))] =
        static_cast<uint64_t>(t.changes_by_cause[static_cast<size_t>(i)]);
  }
  Json forced = Json::array();
  for (const ForcedReactivation& f : run.forced_reactivations()) {
    forced.push_back({{"time", FormatTimestamp(scenario.start + f.time)},
                      {"sim", run.directory().SimName(f.sim)}});
  }
  Json accounts = Json::array();
  for (size_t c = 0; c < scenario.carriers.size(); ++c) {
    const SimTime ended = run.account_terminated(static_cast<uint32_t>(c));
    accounts.push_back(
        {{"carrier", scenario.carriers[c].name},
         {"terminated",
          ended == kNever ? Json(nullptr) : Json(FormatTimestamp(scenario.start + ended))}});
  }
  return Json{
      {"schema_version", kSummarySchemaVersion},
      {"tool", {{"name", "carriersim"}, {"version", CARRIERSIM_VERSION}}},
      {"scenario",
       {{"name", scenario.name},
        {"file_sha256", scenario.file_sha256},
        {"seed", run.seed()},
        {"currency", std::string(scenario.currency.str())},
        {"start", FormatTimestamp(scenario.start)},
        {"end", FormatTimestamp(scenario.start + scenario.duration)},
        {"duration", FormatDuration(scenario.duration)},
        {"duration_ms", scenario.duration}}},
      {"sims",
       {{"total", scenario.sim_count},
        {"online_at_end", static_cast<uint64_t>(t.all.online)},
        {"listed_at_end", static_cast<uint64_t>(t.all.listed)},
        {"by_status", StatusJson(run.census(), run.census().ByColumn())}}},
      {"signaling", SignalingJson(run.signaling().total)},
      {"network", CellsJson(run)},
      {"recovery", RecoveryJson(run)},
      {"energy", EnergyJson(t.all)},
      {"usage", UsageJson(t.all)},
      {"status_changes", {{"total", run.history().size()}, {"by_cause", causes}}},
      {"forced_reactivations", forced},
      {"fees", FeesJson(run)},
      {"accounts", accounts},
      {"timeline", TimelineJson(run)},
      {"groups", GroupsJson(run)},
      {"devices", DevicesJson(scenario)},
      {"expectations", ExpectationsJson(run)},
      {"engine", {{"events", run.events()}}},
  };
}

}  // namespace carriersim
