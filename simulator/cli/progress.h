// The progress line of `carriersim run` on a terminal: simulated date, percent done, events per
// second and the time left, rewritten in place on stderr at most five times a second. Off when
// stderr is not a terminal, in CI (the CI variable is set), or with --no-progress.
#ifndef CARRIERSIM_CLI_PROGRESS_H_
#define CARRIERSIM_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"

namespace carriersim {

// The time left, extrapolated from `elapsed_s` of wall time for `done` (0..1) of the simulated
// span; none until both are large enough to mean something. Early on, a run spends its time on
// what is not spread evenly over simulated time (the boot storm, say): the first update of a
// 2-second run once extrapolated to 41,236 s.
std::optional<double> EstimatedSecondsLeft(double elapsed_s, double done);

// The progress line's text: simulated date, percent done, events per second and, once it is
// meaningful, the time left.
std::string ProgressText(UnixMillis start, SimTime duration, SimTime now, uint64_t events,
                         double elapsed_s);

// Whether a progress line makes sense here: stderr is a terminal and CI is not set.
bool ProgressWanted();

class ProgressLine {
 public:
  ProgressLine(UnixMillis start, SimTime duration, std::FILE* out);
  ~ProgressLine() { Finish(); }  // a run that stops with an error leaves no half line behind
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  // The run has reached `now` after `events` events; prints if the last print is old enough.
  void Update(SimTime now, uint64_t events);
  // Erases the line.
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  UnixMillis start_;
  SimTime duration_;
  std::FILE* out_;
  Clock::time_point began_ = Clock::now();
  Clock::time_point last_ = began_;
  bool shown_ = false;
};

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_PROGRESS_H_
