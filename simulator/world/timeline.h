// The scenario timeline: actions at given times on groups of SIMs and devices, on cells and the
// core, and on carrier accounts. It acts on the network as a carrier's API would and on the
// devices and cells as the physical world does; it is what sits between the two, so it is the
// one place that reaches both.
//
// An action with `spread` gives each of its SIMs its own time in [at, at + spread): those SIMs
// wait in one sorted run per action, read with a cursor; the runs in progress are merged by a
// small heap of runs (not of SIMs), and at one instant the actions' own order decides.
#ifndef CARRIERSIM_WORLD_TIMELINE_H_
#define CARRIERSIM_WORLD_TIMELINE_H_

#include <cstdint>
#include <vector>

#include "devices/devices.h"
#include "simulator/engine/engine.h"
#include "simulator/network/network.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

class Timeline {
 public:
  // `timer` is the timeline's own timer (its index 0).
  Timeline(const SimDirectory& directory, TimerSlot timer, Network& network, Devices& devices,
           Recorder& recorder);

  // Arms the timer for the first action, if any.
  void Start();
  // The timer fired: runs every action due at `now`, in file order, then the SIMs of spread
  // actions whose turn it is, and arms the timer for what comes next.
  void OnTimer(SimTime now);
  // When the timeline next acts (kNever when it is done).
  SimTime NextTime() const;
  // A request from outside the scenario file (an API call, a control action, a replayed one):
  // an action on one SIM (a target of kind kSim), on cells or the core, or on an account, now.
  // It is checked and acts as the same action in the timeline would, but counts in no
  // timeline action's outcome.
  Outcome Perform(const TimelineAction& action, SimTime now);

 private:
  // The SIMs of one spread action, each at its own time: sorted by (at, order in the group),
  // read from `next`.
  struct Spread {
    struct Turn {
      SimTime at;
      uint32_t order;  // in the action's selection, which is in group order
      SimId sim;       // or kOtherShard
    };
    uint32_t action;  // index into the timeline
    uint32_t event;   // the action's mass event + 1, or 0
    std::vector<Turn> turns;
    size_t next = 0;
    bool done() const { return next == turns.size(); }
  };

  static bool Later(const Spread& a, const Spread& b);
  void RunAction(uint32_t index, SimTime now);
  uint64_t StartOutage(const TimelineAction& action, int32_t index, SimTime now);
  void RunForSim(uint32_t index, SimId sim, uint32_t event, SimTime now);
  int64_t SelectedCount(const TimelineAction& action) const;
  template <typename Fn>
  void ForEachTarget(const TimelineAction& action, Fn fn) const;
  void ArmNext();

  const SimDirectory& directory_;
  const Scenario& scenario_;
  TimerSlot timer_;
  Network& network_;
  Devices& devices_;
  Recorder& recorder_;
  size_t next_action_ = 0;  // index of the next action to run
  // The spread actions with SIMs still to come: a min-heap by (next SIM's time, action).
  std::vector<Spread> spreads_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_TIMELINE_H_
