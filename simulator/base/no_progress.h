// The error of a run that stopped advancing: one SIM's events looped at one simulated instant
// (the engine's backstop, kMaxEventsPerInstant in simulator/engine/engine.h). The world throws
// it with a message naming the SIM, the time and what repeats; `carriersim run` exits with 5.
// It lives here, at the bottom, because the world throws it and the command line, which sees
// neither the world nor the engine, catches it.
#ifndef CARRIERSIM_BASE_NO_PROGRESS_H_
#define CARRIERSIM_BASE_NO_PROGRESS_H_

#include <stdexcept>

namespace carriersim {

class NoProgressError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_NO_PROGRESS_H_
