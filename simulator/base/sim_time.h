// Simulated time. The engine owns the only clock; nothing in the simulator reads wall time.
#ifndef CARRIERSIM_BASE_SIM_TIME_H_
#define CARRIERSIM_BASE_SIM_TIME_H_

#include <cstdint>

namespace carriersim {

// Milliseconds since the scenario start. Signed so that differences are plain subtraction.
using SimTime = int64_t;

// Milliseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds): a point on the calendar.
using UnixMillis = int64_t;

inline constexpr SimTime kMillisecond = 1;
inline constexpr SimTime kSecond = 1000;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kDay = 24 * kHour;
inline constexpr SimTime kWeek = 7 * kDay;

// Later than any event: used as "never" for timers and deadlines.
inline constexpr SimTime kNever = INT64_MAX;

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SIM_TIME_H_
