#include "reports/summary_json.h"

#include <string>
#include <vector>

#include "reports/csv_reports.h"
#include "reports/network_json.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/network/emm_cause.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

// SIM counts by status name, statuses in profile order (first carrier first), zeros included so
// that every run of a scenario has the same keys.
class StatusCounter {
 public:
  explicit StatusCounter(const Scenario& scenario) {
    for (const CarrierSpec& c : scenario.carriers) {
      for (const StatusDef& s : c.profile.statuses) Slot(s.name);
    }
  }
  void Add(const std::string& status) { ++counts_[Slot(status)].second; }
  Json ToJson() const {
    Json j = Json::object();
    for (const auto& [name, count] : counts_) j[name] = count;
    return j;
  }

 private:
  size_t Slot(const std::string& name) {
    for (size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i].first == name) return i;
    }
    counts_.emplace_back(name, 0);
    return counts_.size() - 1;
  }
  std::vector<std::pair<std::string, uint64_t>> counts_;
};

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

Json TotalsJson(const FeeTotals& t) {
  Json by_category = Json::object();
  for (int c = 0; c < kFeeCategoryCount; ++c) {
    by_category[std::string(FeeCategoryName(static_cast<FeeCategory>(c)))] =
        FormatAmount(t.by_category[c]);
  }
  return Json{{"total", FormatAmount(t.total)}, {"by_category", by_category}};
}

Json FeesJson(const World& world, const FeeSummary& fees) {
  Json invoices = Json::array();
  for (const auto& [month, totals] : fees.by_month) {
    Json invoice = {{"month", FormatDate(StartOfMonthIndex(month)).substr(0, 7)}};
    invoice.update(TotalsJson(totals));
    invoices.push_back(invoice);
  }
  Json plans = Json::array();
  for (const auto& [key, totals] : fees.by_plan) {
    const CarrierSpec& carrier = world.scenario.carriers[key.first];
    Json plan = {{"carrier", carrier.name}, {"plan", carrier.profile.plans[key.second].name}};
    plan.update(TotalsJson(totals));
    plans.push_back(plan);
  }
  Json j = {{"currency", std::string(world.scenario.currency.str())},
            {"lines", world.ledger.lines.size()}};
  j.update(TotalsJson(fees.all));
  j["invoices"] = invoices;
  j["by_plan"] = plans;
  return j;
}

}  // namespace

Json ExpectationsJson(const World& world, const std::vector<ExpectationResult>& results) {
  Json list = Json::array();
  for (size_t i = 0; i < results.size(); ++i) {
    const Expectation& e = world.scenario.expectations[i];
    const ExpectationResult& r = results[i];
    list.push_back({{"expectation", e.text},
                    {"line", e.line},
                    {"at", e.at < 0 ? Json("end") : Json(FormatDuration(e.at))},
                    {"expected", e.expected},
                    {"actual", r.actual_text},
                    {"passed", r.passed}});
  }
  return list;
}

Json BuildSummary(const World& world, const FeeSummary& fees,
                  const std::vector<ExpectationResult>& expectations) {
  const Scenario& scenario = world.scenario;
  const Subscribers& subs = world.subscribers;

  StatusCounter all(scenario);
  std::vector<StatusCounter> per_group(scenario.groups.size(), StatusCounter(scenario));
  std::vector<uint64_t> online(scenario.groups.size(), 0);
  std::vector<int64_t> up(scenario.groups.size(), 0), down(scenario.groups.size(), 0);
  std::vector<int64_t> online_ms(scenario.groups.size(), 0);
  for (SimId sim = 0; sim < subs.size(); ++sim) {
    const uint32_t g = subs.group[sim];
    const std::string& status = world.ProfileOf(sim).statuses[subs.status[sim]].name;
    all.Add(status);
    per_group[g].Add(status);
    online[g] += subs.online[sim];
    up[g] += subs.uplink_bytes[sim];
    down[g] += subs.downlink_bytes[sim];
    online_ms[g] += subs.online_ms[sim];
  }
  uint64_t online_total = 0;
  int64_t up_total = 0, down_total = 0, online_ms_total = 0;
  for (size_t g = 0; g < scenario.groups.size(); ++g) {
    online_total += online[g];
    online_ms_total += online_ms[g];
    up_total += up[g];
    down_total += down[g];
  }

  uint64_t by_cause[kChangeCauseCount] = {};
  for (const StatusChange& c : world.history.changes) ++by_cause[static_cast<int>(c.cause)];
  Json causes = Json::object();
  for (int i = 0; i < kChangeCauseCount; ++i) {
    causes[std::string(ChangeCauseName(static_cast<ChangeCause>(i)))] = by_cause[i];
  }

  uint64_t listed = 0;
  for (SimId sim = 0; sim < subs.size(); ++sim) listed += ListedAtEnd(world, sim);
  Json forced = Json::array();
  for (const ForcedReactivation& f : world.forced_reactivations) {
    forced.push_back(
        {{"time", FormatTimestamp(scenario.start + f.time)}, {"sim", SimName(world, f.sim)}});
  }
  Json accounts = Json::array();
  for (size_t c = 0; c < scenario.carriers.size(); ++c) {
    const SimTime ended = world.account_terminated[c];
    accounts.push_back(
        {{"carrier", scenario.carriers[c].name},
         {"terminated",
          ended == kNever ? Json(nullptr) : Json(FormatTimestamp(scenario.start + ended))}});
  }

  Json timeline = Json::array();
  for (size_t i = 0; i < scenario.timeline.size(); ++i) {
    const TimelineAction& a = scenario.timeline[i];
    const ActionOutcome& o = world.metrics.actions[i];
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

  Json groups = Json::array();
  for (size_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& group = scenario.groups[g];
    const CarrierSpec& carrier = scenario.carriers[group.carrier];
    groups.push_back({{"group", group.name},
                      {"carrier", carrier.name},
                      {"plan", carrier.profile.plans[group.plan].name},
                      {"device", scenario.devices[group.device].name},
                      {"sims", group.count},
                      {"by_status", per_group[g].ToJson()},
                      {"online_at_end", online[g]},
                      {"signaling", SignalingJson(world.metrics.by_group[g])},
                      {"energy", EnergyJson(world, static_cast<uint32_t>(group.first_sim),
                                            static_cast<uint32_t>(group.count))},
                      {"usage",
                       {{"uplink_bytes", up[g]},
                        {"downlink_bytes", down[g]},
                        {"total_bytes", up[g] + down[g]},
                        {"online_ms", online_ms[g]}}},
                      {"fees", TotalsJson(fees.by_group[g])}});
  }

  return Json{
      {"schema_version", kSummarySchemaVersion},
      {"tool", {{"name", "carriersim"}, {"version", CARRIERSIM_VERSION}}},
      {"scenario",
       {{"name", scenario.name},
        {"file_sha256", scenario.file_sha256},
        {"seed", world.seed},
        {"currency", std::string(scenario.currency.str())},
        {"start", FormatTimestamp(scenario.start)},
        {"end", FormatTimestamp(scenario.start + scenario.duration)},
        {"duration", FormatDuration(scenario.duration)},
        {"duration_ms", scenario.duration}}},
      {"sims",
       {{"total", scenario.sim_count},
        {"online_at_end", online_total},
        {"listed_at_end", listed},
        {"by_status", all.ToJson()}}},
      {"signaling", SignalingJson(world.metrics.total)},
      {"network", CellsJson(world)},
      {"recovery", RecoveryJson(world)},
      {"energy", EnergyJson(world, 0, static_cast<uint32_t>(world.fleet.size()))},
      {"usage",
       {{"uplink_bytes", up_total},
        {"downlink_bytes", down_total},
        {"total_bytes", up_total + down_total},
        {"online_ms", online_ms_total}}},
      {"status_changes", {{"total", world.history.changes.size()}, {"by_cause", causes}}},
      {"forced_reactivations", forced},
      {"fees", FeesJson(world, fees)},
      {"accounts", accounts},
      {"timeline", timeline},
      {"groups", groups},
      {"expectations", ExpectationsJson(world, expectations)},
      {"engine", {{"events", world.events}}},
  };
}

}  // namespace carriersim
