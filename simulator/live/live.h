// A live session: the world of a scenario on a live clock, with everything the HTTP APIs share.
// The server (server.cc) owns one and calls it from its one thread; each API module (soracom_api,
// kore_api, hologram_api, control_api) turns HTTP requests into calls on it:
//
//   Sync()          brings the world to the clock's time (every event before it handled)
//   Act(action)     a request at that time, through the same verbs and checks as a timeline
//                   action; journaled when the carrier accepts it
//   world(), ids()  what the APIs show
//   Send(request)   an outgoing HTTP request (a webhook, a callback) for the server to deliver
//
// Observers (event handlers, KORE callbacks) are told after every step, and read what changed
// from the recorder themselves.
//
// Thread safety: none; everything runs on the server's io_context thread.
#ifndef CARRIERSIM_LIVE_LIVE_H_
#define CARRIERSIM_LIVE_LIVE_H_

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/live/access.h"
#include "simulator/live/clock.h"
#include "simulator/live/sim_ids.h"
#include "simulator/results/session.h"
#include "simulator/world/world.h"

namespace carriersim {

// An HTTP request the emulator makes: a webhook of an event handler, a status callback.
struct OutgoingRequest {
  WebhookSpec spec;
  SimTime at = 0;      // simulated time it was made
  std::string reason;  // "event handler on-suspend", "callback of DE..."
};

// What became of one: webhooks.csv.
struct Delivery {
  SimTime at = 0;
  std::string url;
  std::string method;
  std::string reason;
  int attempts = 0;
  int status = 0;     // the last HTTP status, 0 if none came back
  std::string error;  // why it failed, or empty
};

struct LiveObserver {
  std::function<void()> after_step;  // the world moved or was acted on
  std::function<void()> reset;       // the session restarted from the scenario's start
};

class LiveService {
 public:
  using Wall = LiveClock::Wall;

  LiveService(const Scenario& scenario, LiveClock::Mode mode, double speed);
  LiveService(const LiveService&) = delete;
  LiveService& operator=(const LiveService&) = delete;

  const Scenario& scenario() const { return original_; }
  const World& world() const { return session_->world(); }
  const SimIds& ids() const { return ids_; }
  Access& access() { return access_; }
  LiveClock& clock() { return clock_; }
  const LiveClock& clock() const { return clock_; }
  SimTime now() const { return session_->now(); }
  // The simulated time as an ISO timestamp, for answers and logs.
  std::string NowText() const;

  // Brings the world to the clock's time at `wall` and tells the observers. Returns the time.
  SimTime Sync(Wall wall = std::chrono::steady_clock::now());
  // Performs `action` at now() (after a Sync); the journal keeps it when the carrier accepted it
  // (applied, or unchanged because the SIM was already there).
  Outcome Act(const TimelineAction& action, std::string_view api, std::string_view who);
  // A control action (an outage's end) to perform when the clock reaches `at`.
  void Schedule(SimTime at, const TimelineAction& action, std::string who);
  // When something next happens by itself: an event or a scheduled action (kNever: nothing).
  SimTime NextWake();

  void AddObserver(LiveObserver observer) { observers_.push_back(std::move(observer)); }
  // What the external modems did since the last call (World::TakeModemReports).
  std::vector<ModemReport> TakeModemReports() { return session_->world().TakeModemReports(); }
  // What an API keeps between requests (KORE's pending callbacks): one object per name, made on
  // first use, kept by Reset() (the API's observer clears it). One type per name.
  template <typename T>
  T& ApiState(const std::string& name) {
    std::shared_ptr<void>& slot = api_state_[name];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }
  void Send(OutgoingRequest request) { outbox_.push_back(std::move(request)); }
  std::vector<OutgoingRequest> TakeOutbox() { return std::exchange(outbox_, {}); }
  void RecordDelivery(Delivery d) { deliveries_.push_back(std::move(d)); }
  const std::vector<Delivery>& deliveries() const { return deliveries_; }

  // requests.jsonl as it would be if the session ended now.
  std::string JournalText() const;
  size_t journaled() const { return requests_.size(); }
  // The reports for the time reached, leaving the session running: the journal replayed into a
  // second world (the same reports `run --replay` gives).
  RunResult Snapshot(Scenario* scenario_copy) const;
  // Ends the session at the time reached. The result refers to the service's scenario.
  RunResult Stop();
  // Back to the scenario's start: a new world, an empty journal, the clock at 0.
  void Reset();

 private:
  void Notify();
  void RunDueScheduled();

  const Scenario& original_;
  Scenario scenario_;  // the session's copy: Stop() shortens it to the time reached
  SimIds ids_;
  Access access_;
  LiveClock clock_;
  std::unique_ptr<Session> session_;
  // The journal. A deque: it grows by the hundred thousand under load, and a vector's
  // reallocation would stall the server for as long as it takes to move them all.
  std::deque<Request> requests_;
  struct Scheduled {
    SimTime at;
    TimelineAction action;
    std::string who;
  };
  std::vector<Scheduled> scheduled_;
  std::vector<LiveObserver> observers_;
  std::map<std::string, std::shared_ptr<void>, std::less<>> api_state_;
  std::vector<OutgoingRequest> outbox_;
  std::vector<Delivery> deliveries_;
  bool notifying_ = false;
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_LIVE_H_
