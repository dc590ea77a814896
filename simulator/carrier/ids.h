// Indices into a carrier profile's statuses, verbs and plans.
#ifndef CARRIERSIM_CARRIER_IDS_H_
#define CARRIERSIM_CARRIER_IDS_H_

#include <cstdint>

namespace carriersim {

using StatusId = uint8_t;  // index into CarrierProfile::statuses
using VerbId = uint8_t;    // index into CarrierProfile::verbs
using PlanId = uint16_t;   // index into CarrierProfile::plans

inline bool InSet(uint64_t set, StatusId s) { return (set >> s) & 1; }

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_IDS_H_
