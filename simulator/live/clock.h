// Simulated time for a live session. In `real` mode it runs at `speed` times the wall clock
// from where it was last set; in `manual` mode it moves only when told (the control API), so that
// a test decides exactly when things happen. Either way it never goes back and stops at `end`.
#ifndef CARRIERSIM_LIVE_CLOCK_H_
#define CARRIERSIM_LIVE_CLOCK_H_

#include <chrono>
#include <cstdint>

#include "simulator/base/sim_time.h"

namespace carriersim {

class LiveClock {
 public:
  using Wall = std::chrono::steady_clock::time_point;
  enum class Mode { kReal, kManual };

  LiveClock(Mode mode, double speed, SimTime end, Wall wall);

  Mode mode() const { return mode_; }
  double speed() const { return speed_; }
  SimTime end() const { return end_; }

  // The simulated time at wall time `wall`.
  SimTime Now(Wall wall) const;
  // Moves simulated time on to `t` (not back, not past the end); real mode runs on from there.
  void Set(SimTime t, Wall wall);
  // Real mode: runs at `speed` from now on (0 pauses it). REQUIRES: speed >= 0.
  void SetSpeed(double speed, Wall wall);
  // When (on the wall clock) simulated time reaches `t`; Wall::max() if it never does by itself
  // (manual mode, a paused clock, or past the end).
  Wall WallAt(SimTime t) const;

 private:
  Mode mode_;
  double speed_;
  SimTime end_;
  SimTime anchor_sim_ = 0;  // simulated time at anchor_wall_
  Wall anchor_wall_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_CLOCK_H_
