#include "simulator/results/run_result.h"

#include <algorithm>

#include "simulator/results/sharded_run.h"
#include "simulator/results/snapshot.h"

namespace carriersim {

RunResult::RunResult(std::unique_ptr<World> world, std::unique_ptr<StatusCensus> census,
                     std::unique_ptr<Snapshot> end, TimeseriesTable timeseries,
                     std::vector<ExpectationResult> expectations)
    : world_(std::move(world)),
      census_(std::move(census)),
      end_(std::move(end)),
      timeseries_(std::move(timeseries)),
      expectations_(std::move(expectations)),
      ledger_({{&world_->ledger().lines, nullptr}}, {}),
      history_(world_->recorder().history().changes),
      sessions_(world_->recorder().sessions().records) {}

RunResult::RunResult(std::unique_ptr<ShardedParts> shards, std::unique_ptr<Snapshot> end,
                     TimeseriesTable timeseries, std::vector<ExpectationResult> expectations)
    : shards_(std::move(shards)),
      end_(std::move(end)),
      timeseries_(std::move(timeseries)),
      expectations_(std::move(expectations)) {
  std::vector<FeeRecords::Part> fees;
  std::vector<HistoryRecords::Part> history;
  std::vector<SessionRecordsOfRun::Part> sessions;
  for (const std::unique_ptr<ShardView>& view : shards_->views) {
    const PartRecords r = view->Records();
    const SimDirectory* directory = &view->directory();
    fees.push_back({r.ledger, directory});
    history.push_back({r.history, r.history_order, directory});
    sessions.push_back({r.sessions, r.session_order, directory});
  }
  ledger_ = FeeRecords(std::move(fees), shards_->spill);
  history_ = HistoryRecords(std::move(history));
  sessions_ = SessionRecordsOfRun(std::move(sessions));
  // SIMs per group and status, added up over the shards.
  const Scenario& whole = shards_->directory->scenario();
  std::vector<std::vector<int64_t>> by_group;
  for (uint32_t g = 0; g < whole.groups.size(); ++g) {
    const size_t statuses = whole.carriers[whole.groups[g].carrier].profile.statuses.size();
    std::vector<int64_t>& counts = by_group.emplace_back(statuses, 0);
    for (size_t st = 0; st < statuses; ++st) {
      for (const std::unique_ptr<ShardView>& view : shards_->views) {
        counts[st] += view->InGroup(g, static_cast<StatusId>(st));
      }
    }
  }
  census_ = std::make_unique<StatusCensus>(*shards_->directory, std::move(by_group));
}

RunResult::RunResult(RunResult&&) noexcept = default;
RunResult& RunResult::operator=(RunResult&&) noexcept = default;
RunResult::~RunResult() = default;

const Scenario& RunResult::scenario() const { return directory().scenario(); }
const SimDirectory& RunResult::directory() const {
  return shards_ ? *shards_->directory : world_->directory();
}
uint64_t RunResult::seed() const { return directory().seed(); }
uint64_t RunResult::events() const { return shards_ ? shards_->merged->events : world_->events(); }

const SignalingMetrics& RunResult::signaling() const { return end_->signaling(); }
const std::vector<MassEvent>& RunResult::mass_events() const { return end_->mass_events(); }
const std::vector<ForcedReactivation>& RunResult::forced_reactivations() const {
  return shards_ ? shards_->merged->forced : world_->recorder().forced_reactivations();
}
const std::vector<ActionOutcome>& RunResult::actions() const { return end_->actions(); }
const EventWindows& RunResult::event_windows() const {
  return shards_ ? shards_->merged->windows : world_->recorder().event_windows();
}
SimTime RunResult::account_terminated(uint32_t carrier) const {
  return shards_ ? shards_->merged->account_terminated[carrier]
                 : world_->network().account_terminated(carrier);
}

const Totals& RunResult::totals() const { return end_->totals(); }

size_t RunResult::expectation_failures() const {
  return static_cast<size_t>(std::count_if(expectations_.begin(), expectations_.end(),
                                           [](const ExpectationResult& r) { return !r.passed; }));
}

SimRow RunResult::Sim(SimId sim) const {
  const auto [part, local] = end_->Find(sim);
  SimRow row = part->Row(local, true, totals().all.fees);
  row.group = directory().group(sim);
  return row;
}

SimRow RunResult::SimWithoutCategories(SimId sim) const {
  const auto [part, local] = end_->Find(sim);
  SimRow row = part->Row(local, false, totals().all.fees);
  row.group = directory().group(sim);
  return row;
}

TrafficTally RunResult::UsageOf(const SessionRecord& session) const {
  const auto [part, local] = end_->Find(session.sim);
  return part->Usage(local, session.opened, std::min(session.closed, scenario().duration));
}

}  // namespace carriersim
