// Periodic traffic, accrued by arithmetic: a device sends at anchor + k * every (k >= 0), and
// usage is counted when a session closes, without an event per transmission.
#ifndef CARRIERSIM_DEVICES_TRAFFIC_H_
#define CARRIERSIM_DEVICES_TRAFFIC_H_

#include <cstdint>

#include "simulator/base/sim_time.h"

namespace carriersim {

// Number of send times anchor + k * every (k >= 0) in [from, to). 0 when every == 0.
inline int64_t CountSends(SimTime anchor, SimTime every, SimTime from, SimTime to) {
  if (every <= 0 || to <= from) return 0;
  // Sends strictly before t: ceil((t - anchor) / every) for t > anchor, else 0.
  const auto before = [&](SimTime t) { return t <= anchor ? 0 : (t - anchor + every - 1) / every; };
  return before(to) - before(from);
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_TRAFFIC_H_
