// The event loop of one run.
#ifndef CARRIERSIM_WORLD_SIMULATION_H_
#define CARRIERSIM_WORLD_SIMULATION_H_

#include "simulator/world/world.h"

namespace carriersim {

// Handles every event before the scenario's end, then closes what is still open at the end
// (sessions accrue their usage up to it). Deterministic: the same world and seed give the same
// final state, whatever the machine.
void RunSimulation(World& world);

// Handles the events before `until` (and before the scenario's end), leaving the rest queued:
// a run can be observed between steps. RunSimulation is RunUntil(end) plus the end of the run.
void RunUntil(World& world, SimTime until);

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_SIMULATION_H_
