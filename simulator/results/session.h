// A run driven from outside, step by step: the world of a scenario, advanced to a time, given
// requests at that time, and ended into a RunResult. The batch pipeline (pipeline.h), a live
// session (simulator/live/) and the replay of a live session's journal all run through it, so
// that the same requests at the same times give the same world and the same reports.
//
// Determinism: the world after AdvanceTo(a), AdvanceTo(b) is the world after AdvanceTo(b): the
// events are handled in their total order however the run is cut. A request at time t acts
// after every event before t and before any event at t.
//
// Thread safety: none; a session belongs to one thread.
#ifndef CARRIERSIM_RESULTS_SESSION_H_
#define CARRIERSIM_RESULTS_SESSION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/network/outcome.h"
#include "simulator/results/pipeline.h"
#include "simulator/results/run_result.h"
#include "simulator/scenario/model.h"

namespace carriersim {

class World;
class TimeseriesSampler;

// A request from outside the scenario file, as a live session's journal keeps it: an action on
// one SIM (or on cells, the core, an account) at a simulated time, and who asked.
struct Request {
  SimTime at = 0;
  TimelineAction action;
  std::string api;  // soracom, kore, hologram, control, event-handler
  std::string who;  // the credential or handler that asked
  // The carrier accepted it but nothing changed (the SIM was already there): a replay acts the
  // same either way; a check that every verb is in the status history skips these.
  bool unchanged = false;
};

class Session {
 public:
  // The result refers to `scenario`, which must outlive the session and its result. A session
  // that may be given requests runs without fast-forwarding retries (World::set_fast_forward):
  // that shortcut assumes nothing acts on a device before the timeline's next action.
  Session(const Scenario& scenario, const RunOptions& options);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  // The time reached: every event before it has been handled.
  SimTime now() const { return now_; }
  // Handles every event before `t`, pausing on the way where an expectation is measured or a
  // timeseries row is due. REQUIRES: now() <= t <= the scenario's duration.
  void AdvanceTo(SimTime t);
  // A request at now() (Timeline::Perform).
  Outcome Perform(const TimelineAction& action);
  // When the next event is due (kNever: none before the end).
  SimTime NextEventTime();

  const World& world() const { return *world_; }
  World& world() { return *world_; }

  // Runs to the scenario's end (its duration as it is now: a live session ended early sets it
  // to the time reached first, see EndAt) and adds the run up. Called once.
  RunResult Finish();

 private:
  void Pause(SimTime p);

  const Scenario& scenario_;
  std::unique_ptr<World> world_;
  std::unique_ptr<StatusCensus> census_;
  std::unique_ptr<TimeseriesSampler> sampler_;  // null: no timeseries
  std::vector<ExpectationResult> expectations_;
  std::vector<SimTime> pauses_;  // sorted: expectations' `at:` and timeseries rows
  size_t next_pause_ = 0;
  SimTime now_ = 0;
  bool spill_when_finished_ = false;  // RunOptions::spill_when_finished
};

// Ends a session at `end` (<= the duration), as if the scenario lasted until then: shortens
// `scenario`, which the session runs, then finishes. A live session stopped early and the replay
// of its journal both end this way, so their reports match.
RunResult EndAt(Scenario& scenario, Session& session, SimTime end);

// Runs `scenario` with `requests` (sorted by time) and ends it at `end`: the replay of a live
// session's journal.
RunResult Replay(Scenario& scenario, const std::vector<Request>& requests, SimTime end,
                 const RunOptions& options = {});

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SESSION_H_
