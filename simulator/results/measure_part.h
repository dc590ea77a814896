// Measuring an expectation over the SIMs of one world (a whole run's, or one shard's): the
// passes over SIMs, devices and records that must run where the world is. LocalShardView
// (results/local_shard_view.h) answers a ShardView's questions with these; results/measure.cc
// adds up what every part answered. SIMs are the world's unless said otherwise. Internal to
// results/.
#ifndef CARRIERSIM_RESULTS_MEASURE_PART_H_
#define CARRIERSIM_RESULTS_MEASURE_PART_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/results/census.h"
#include "simulator/results/expectations.h"
#include "simulator/results/shard_view.h"
#include "simulator/world/world.h"

namespace carriersim {

// measure.cc: the metric's value from a scope's sums, for the metrics Totals keep.
int64_t FromTotals(const Scenario& scenario, const SimTotals& t, const Expectation& e);

// SIMs of `scope` whose status (as the census shows it) is named `status`.
int64_t CountInStatusOf(const World& world, const StatusCensus& census, const ExpectScope& scope,
                        const std::string& status);

// measure_records.cc: fees or status changes of the scope's SIMs that pass the expectation's
// keys, summed; and per SIM of the world.
int64_t NarrowedRecordsOf(const World& world, const Expectation& e);
std::vector<int64_t> RecordsPerSimOf(const World& world, const Expectation& e);

// measure_per_sim.cc: each SIM's value of the metric, for the SIMs of the scope, by ascending
// id, SIMs by their ids in the whole fleet (no `action:`).
std::vector<SimValue> ValuesOf(const World& world, const StatusCensus& census,
                               const Expectation& e);

// measure_events.cc: what each device of the scope hit by the expectation's action spent
// recovering (event by event, devices by their ids in the whole fleet); and per mass event, the
// scope's devices it hit and when they were back.
std::vector<SimValue> EventEnergyOf(const World& world, const Expectation& e);
std::vector<RecoveryPart> RecoveryOf(const World& world, const Expectation& e);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_MEASURE_PART_H_
