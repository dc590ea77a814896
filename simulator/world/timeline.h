// The scenario timeline: actions at given times on groups of SIMs and devices.
#ifndef CARRIERSIM_WORLD_TIMELINE_H_
#define CARRIERSIM_WORLD_TIMELINE_H_

#include "simulator/world/world.h"

namespace carriersim {

// Arms the timeline timer for the first action, if any.
void StartTimeline(World& world);

// Runs every action due at `now`, in file order, then arms the timer for the next one.
void RunDueActions(World& world, SimTime now);

// When the timeline next acts (kNever when it is done): until then nothing outside a device
// changes its cell or touches it. While actions at an instant run, that instant.
SimTime NextTimelineTime(const World& world);

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_TIMELINE_H_
