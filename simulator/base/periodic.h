// Things that happen at anchor + k * every, k = 0, 1, ...: a device's sends, the commands a
// platform sends it. Counted by arithmetic, never one by one.
#ifndef CARRIERSIM_BASE_PERIODIC_H_
#define CARRIERSIM_BASE_PERIODIC_H_

#include <cstdint>

#include "simulator/base/sim_time.h"

namespace carriersim {

// How many occurrences fall strictly before t: the index of the first at or after t. 0 when
// every <= 0 (nothing recurs).
inline int64_t OccurrencesBefore(SimTime anchor, SimTime every, SimTime t) {
  if (every <= 0 || t <= anchor) return 0;
  return (t - anchor + every - 1) / every;
}

// How many occurrences fall in [from, to).
inline int64_t OccurrencesIn(SimTime anchor, SimTime every, SimTime from, SimTime to) {
  if (to <= from) return 0;
  return OccurrencesBefore(anchor, every, to) - OccurrencesBefore(anchor, every, from);
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_PERIODIC_H_
