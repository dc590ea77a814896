// Cells and the core going down and coming back (NET-4). Devices that had service lose it,
// notice after a while and reconnect by their modem and firmware rules; each outage is a mass
// event whose recovery times are reported.
#ifndef CARRIERSIM_NETWORK_OUTAGES_H_
#define CARRIERSIM_NETWORK_OUTAGES_H_

#include "simulator/world/world.h"

namespace carriersim {

// A cell-outage or core-outage action starts: returns how many devices lost service.
uint64_t StartOutage(World& world, const TimelineAction& action, SimTime now);
// Its restore action: returns how many cells came back (1 for the core).
uint64_t EndOutage(World& world, const TimelineAction& action);

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_OUTAGES_H_
