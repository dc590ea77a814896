// EMM causes (3GPP TS 24.301, 9.9.3.9): what the network says when it rejects an attach or
// detaches a device, and how a standards-following modem reacts to each.
#ifndef CARRIERSIM_NAS_EMM_CAUSE_H_
#define CARRIERSIM_NAS_EMM_CAUSE_H_

#include <cstdint>
#include <string_view>

namespace carriersim {

using EmmCause = uint8_t;

inline constexpr EmmCause kCauseIllegalUe = 3;
inline constexpr EmmCause kCauseIllegalMe = 6;
inline constexpr EmmCause kCauseEpsNotAllowed = 7;
inline constexpr EmmCause kCauseEpsAndNonEpsNotAllowed = 8;
inline constexpr EmmCause kCauseCongestion = 22;

// The standard name ("EPS services not allowed"), or "" for a cause carriersim does not know.
std::string_view EmmCauseName(EmmCause cause);
bool IsKnownEmmCause(EmmCause cause);

// #3, #6, #7 and #8 make the modem hold its SIM invalid until power-cycled or re-inserted
// (TS 24.301 5.5.1.2.5; NET-1). Every other cause is temporary (NET-2).
inline bool IsPermanentReject(EmmCause cause) {
  return cause == kCauseIllegalUe || cause == kCauseIllegalMe || cause == kCauseEpsNotAllowed ||
         cause == kCauseEpsAndNonEpsNotAllowed;
}

}  // namespace carriersim

#endif  // CARRIERSIM_NAS_EMM_CAUSE_H_
