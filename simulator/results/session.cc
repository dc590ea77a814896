#include "simulator/results/session.h"

#include <algorithm>
#include <stdexcept>

#include "simulator/results/measure.h"
#include "simulator/results/sampler.h"
#include "simulator/world/world.h"
#include "simulator/results/snapshot.h"

namespace carriersim {
namespace {

// The instants the run pauses at, sorted, each once: expectations' `at:` and timeseries rows.
std::vector<SimTime> PauseTimes(const Scenario& scenario, const TimeseriesSampler* sampler) {
  std::vector<SimTime> pauses;
  for (const Expectation& e : scenario.expectations) {
    if (e.at >= 0) pauses.push_back(e.at);
  }
  if (sampler != nullptr)
    pauses.insert(pauses.end(), sampler->times().begin(), sampler->times().end());
  std::sort(pauses.begin(), pauses.end());
  pauses.erase(std::unique(pauses.begin(), pauses.end()), pauses.end());
  return pauses;
}

void InstallTrace(World& world, const std::function<void(const TraceRecord&)>& trace) {
  world.set_trace([&world, trace](const Event& e) {
    TraceRecord r;
    r.directory = &world.directory();
    r.time = e.time;
    r.event = EventName(e);
    if (e.entity != kTimelineEntity) {
      const DeviceId d = DeviceOfEntity(e.entity);
      r.device = true;
      r.sim = d;
      r.modem = ModemStateName(world.devices().modem(d));
      r.status = &world.directory().ProfileOf(d).statuses[world.network().status(d)].name;
    }
    trace(r);
  });
}

}  // namespace

Session::Session(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario),
      world_(std::make_unique<World>(scenario, options.seed.value_or(scenario.seed),
                                     options.spill)),
      expectations_(scenario.expectations.size()),
      spill_when_finished_(options.spill_when_finished) {
  world_->set_fast_forward(options.fast_forward);
  if (options.progress) world_->set_progress(options.progress);
  if (options.trace) InstallTrace(*world_, options.trace);
  census_ = std::make_unique<StatusCensus>(world_->directory(),
                                           HistoryRecords(world_->recorder().history().changes));
  if (options.timeseries) sampler_ = std::make_unique<TimeseriesSampler>(scenario);
  pauses_ = PauseTimes(scenario, sampler_.get());
}

Session::~Session() = default;

Outcome Session::Perform(const TimelineAction& action) { return world_->Perform(action, now_); }

SimTime Session::NextEventTime() { return world_->NextEventTime(); }

void Session::AdvanceTo(SimTime t) {
  if (t < now_ || t > scenario_.duration) {
    throw std::logic_error("a session advanced to " + std::to_string(t) + " from " +
                           std::to_string(now_));
  }
  // A pause at t itself waits: a request at t comes before t's events.
  while (next_pause_ < pauses_.size() && pauses_[next_pause_] < t) Pause(pauses_[next_pause_++]);
  world_->RunUntil(t);
  now_ = t;
}

// Pausing after instant p: the world then shows everything that happened up to and at it.
void Session::Pause(SimTime p) {
  world_->RunUntil(p + 1);
  census_->AdvanceTo(p);
  if (sampler_ && std::binary_search(sampler_->times().begin(), sampler_->times().end(), p)) {
    sampler_->Sample(*world_, *census_, p);
  }
  std::optional<Snapshot> snapshot;
  for (size_t i = 0; i < expectations_.size(); ++i) {
    if (scenario_.expectations[i].at != p) continue;
    if (!snapshot) snapshot.emplace(*world_, *census_);
    expectations_[i] = CheckExpectation(*snapshot, scenario_.expectations[i]);
  }
}

RunResult Session::Finish() {
  const SimTime end = scenario_.duration;
  if (sampler_ && sampler_->times().back() != end) {
    sampler_->EndAt(end);
    pauses_ = PauseTimes(scenario_, sampler_.get());
    next_pause_ = static_cast<size_t>(
        std::lower_bound(pauses_.begin(), pauses_.end(), now_) - pauses_.begin());
  }
  AdvanceTo(end);
  // The end's own pause (the last timeseries row) sees the run before it closes.
  while (next_pause_ < pauses_.size() && pauses_[next_pause_] == end) Pause(pauses_[next_pause_++]);
  world_->RunToEnd();
  if (spill_when_finished_) world_->SpillRecordsOver(kFinishedRecordMemory);
  census_->AdvanceTo(end);
  auto snapshot = std::make_unique<Snapshot>(*world_, *census_);
  for (size_t i = 0; i < expectations_.size(); ++i) {
    if (scenario_.expectations[i].at < 0) {
      expectations_[i] = CheckExpectation(*snapshot, scenario_.expectations[i]);
    }
  }
  TimeseriesTable table = sampler_ ? sampler_->Finish(*world_) : TimeseriesTable{};
  return RunResult(std::move(world_), std::move(census_), std::move(snapshot), std::move(table),
                   std::move(expectations_));
}

RunResult EndAt(Scenario& scenario, Session& session, SimTime end) {
  session.AdvanceTo(end);
  scenario.duration = end;
  return session.Finish();
}

RunResult Replay(Scenario& scenario, const std::vector<Request>& requests, SimTime end,
                 const RunOptions& options) {
  RunOptions replay = options;
  replay.fast_forward = false;
  Session session(scenario, replay);
  for (const Request& r : requests) {
    session.AdvanceTo(r.at);
    session.Perform(r.action);
  }
  return EndAt(scenario, session, end);
}

}  // namespace carriersim
