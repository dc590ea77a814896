#include "simulator/live/clock.h"

#include <algorithm>
#include <cmath>

namespace carriersim {

LiveClock::LiveClock(Mode mode, double speed, SimTime end, Wall wall)
    : mode_(mode), speed_(speed), end_(end), anchor_wall_(wall) {}

SimTime LiveClock::Now(Wall wall) const {
  if (mode_ == Mode::kManual || wall <= anchor_wall_) return anchor_sim_;
  const double elapsed_ms =
      std::chrono::duration<double, std::milli>(wall - anchor_wall_).count() * speed_;
  const double t = static_cast<double>(anchor_sim_) + std::floor(elapsed_ms);
  return t >= static_cast<double>(end_) ? end_ : static_cast<SimTime>(t);
}

void LiveClock::Set(SimTime t, Wall wall) {
  anchor_sim_ = std::clamp(t, Now(wall), end_);
  anchor_wall_ = wall;
}

void LiveClock::SetSpeed(double speed, Wall wall) {
  anchor_sim_ = Now(wall);
  anchor_wall_ = wall;
  speed_ = speed;
}

LiveClock::Wall LiveClock::WallAt(SimTime t) const {
  if (mode_ == Mode::kManual || speed_ <= 0 || t > end_) return Wall::max();
  if (t <= anchor_sim_) return anchor_wall_;
  const double ms = static_cast<double>(t - anchor_sim_) / speed_;
  if (ms > 1e12) return Wall::max();  // centuries away
  return anchor_wall_ + std::chrono::duration_cast<Wall::duration>(
                            std::chrono::duration<double, std::milli>(std::ceil(ms)));
}

}  // namespace carriersim
