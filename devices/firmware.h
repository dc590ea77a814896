// The arithmetic of the firmware's reconnect policies (DEV-2), shared by the device model and
// its tests: back-off waits, and the data session requests of a device that keeps asking.
#ifndef CARRIERSIM_DEVICES_FIRMWARE_H_
#define CARRIERSIM_DEVICES_FIRMWARE_H_

#include <cstdint>

#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// The k-th wait (k = 0, 1, ...) of `backoff`, jittered with `rng`. `previous` is the wait before
// (decorrelated jitter grows from it) and is updated.
SimTime BackoffWait(const Backoff& backoff, uint32_t k, SimTime& previous, RandomStream& rng);

// Requests for a data session by a device refused one at `from` and retrying by `retry` until
// `to`: the first at `from`, then one after each wait, before `to`. Counted, not simulated.
uint64_t PdnRequests(const Backoff& retry, SimTime from, SimTime to);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_FIRMWARE_H_
