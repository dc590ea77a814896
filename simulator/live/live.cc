#include "simulator/live/live.h"

#include <algorithm>

#include "simulator/base/calendar.h"
#include "simulator/live/journal.h"

namespace carriersim {
namespace {

RunOptions LiveRunOptions() {
  RunOptions options;
  options.fast_forward = false;  // requests may come at any time (Session)
  // The APIs read records at random (a SIM's history, its sessions) while the session runs; a
  // live fleet is small enough to keep them all in memory.
  options.spill.memory = kNoSpill;
  return options;
}

}  // namespace

LiveService::LiveService(const Scenario& scenario, LiveClock::Mode mode, double speed)
    : original_(scenario),
      scenario_(scenario),
      ids_(static_cast<size_t>(scenario.sim_count), scenario.seed),
      access_(scenario),
      clock_(mode, speed, scenario.duration, std::chrono::steady_clock::now()),
      session_(std::make_unique<Session>(scenario_, LiveRunOptions())) {
  session_->world().CollectModemReports();
}

std::string LiveService::NowText() const { return FormatTimestamp(scenario_.start + now()); }

SimTime LiveService::Sync(Wall wall) {
  const SimTime target = clock_.Now(wall);
  // Scheduled control actions act at their own time, in order, on the way.
  RunDueScheduled();
  if (target > session_->now()) {
    while (!scheduled_.empty() && scheduled_.front().at <= target) {
      session_->AdvanceTo(std::max(session_->now(), scheduled_.front().at));
      RunDueScheduled();
    }
    session_->AdvanceTo(target);
  }
  Notify();
  return session_->now();
}

void LiveService::RunDueScheduled() {
  while (!scheduled_.empty() && scheduled_.front().at <= session_->now()) {
    Scheduled s = std::move(scheduled_.front());
    scheduled_.erase(scheduled_.begin());
    Act(s.action, "control", s.who);
  }
}

Outcome LiveService::Act(const TimelineAction& action, std::string_view api, std::string_view who) {
  Request request{session_->now(), action, std::string(api), std::string(who)};
  request.action.at = request.at;
  request.action.text = RequestText(action.kind, api);
  const Outcome outcome = session_->Perform(request.action);
  request.unchanged = outcome.result == VerbResult::kUnchanged;
  if (outcome.result != VerbResult::kRefused) requests_.push_back(std::move(request));
  Notify();
  return outcome;
}

void LiveService::Schedule(SimTime at, const TimelineAction& action, std::string who) {
  const Scheduled s{std::min(at, scenario_.duration), action, std::move(who)};
  const auto after = std::upper_bound(scheduled_.begin(), scheduled_.end(), s.at,
                                      [](SimTime t, const Scheduled& x) { return t < x.at; });
  scheduled_.insert(after, s);
}

SimTime LiveService::NextWake() {
  const SimTime event = session_->NextEventTime();
  return scheduled_.empty() ? event : std::min(event, scheduled_.front().at);
}

void LiveService::Notify() {
  if (notifying_) return;  // an observer acting: its changes are seen on the next round
  notifying_ = true;
  // A few rounds, so that what an observer's action changed reaches the others now; bounded, as
  // handlers that keep acting on one another must not hang the server.
  for (int round = 0; round < 4; ++round) {
    const size_t before = requests_.size();
    for (const LiveObserver& o : observers_) {
      if (o.after_step) o.after_step();
    }
    if (requests_.size() == before) break;
  }
  notifying_ = false;
}

std::string LiveService::JournalText() const {
  std::string text;
  for (const Request& r : requests_) text += JournalLine(scenario_, r) + "\n";
  return text + JournalEndLine(scenario_, now()) + "\n";
}

RunResult LiveService::Snapshot(Scenario* scenario_copy) const {
  *scenario_copy = original_;
  return Replay(*scenario_copy, std::vector<Request>(requests_.begin(), requests_.end()), now(),
                LiveRunOptions());
}

RunResult LiveService::Stop() { return EndAt(scenario_, *session_, session_->now()); }

void LiveService::Reset() {
  session_.reset();  // its world refers to scenario_
  scenario_ = original_;
  session_ = std::make_unique<Session>(scenario_, LiveRunOptions());
  session_->world().CollectModemReports();
  requests_.clear();
  scheduled_.clear();
  clock_ = LiveClock(clock_.mode(), clock_.speed(), scenario_.duration,
                     std::chrono::steady_clock::now());
  for (const LiveObserver& o : observers_) {
    if (o.reset) o.reset();
  }
}

}  // namespace carriersim
