// The event loop of one run.
#ifndef CARRIERSIM_WORLD_SIMULATION_H_
#define CARRIERSIM_WORLD_SIMULATION_H_

#include <functional>
#include <vector>

#include "simulator/world/world.h"

namespace carriersim {

// Handles every event before the scenario's end, then closes what is still open at the end
// (sessions accrue their usage up to it). Deterministic: the same world and seed give the same
// final state, whatever the machine.
void RunSimulation(World& world);

// The same, pausing after each instant of `pauses` (sorted) to call `at_pause` with it: the
// world then shows everything that happened up to and at that instant.
void RunSimulation(World& world, const std::vector<SimTime>& pauses,
                   const std::function<void(SimTime)>& at_pause);

// Handles the events before `until` (and before the scenario's end), leaving the rest queued:
// a run can be observed between steps. RunSimulation is RunUntil(end) plus the end of the run.
void RunUntil(World& world, SimTime until);

}  // namespace carriersim

#endif  // CARRIERSIM_WORLD_SIMULATION_H_
