// Every subscriber status change of a run (SOR-9): time, SIM, from, to, and what caused it.
#ifndef CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_
#define CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/sim_time.h"
#include "simulator/carrier/profile.h"

namespace carriersim {

enum class ChangeCause : uint8_t {
  kApi,           // a verb, from the scenario timeline
  kDeviceAttach,  // the device's attach moved it (ready -> active)
  kTimer,         // a rule on a counter of time, or a month restarting a count
  kNetwork,       // the network decided (data volumes, commands, usage limits, ...)
  kStorm,         // forced reactivation after a signaling storm
};
inline constexpr int kChangeCauseCount = 5;

std::string_view ChangeCauseName(ChangeCause cause);
// The cause a profile's rule gives the changes it makes.
ChangeCause ChangeCauseOf(RuleDef::Cause cause);

struct StatusChange {
  SimTime time;
  uint32_t sim;
  StatusId from;
  StatusId to;
  ChangeCause cause;
};

struct StatusHistory {
  ChunkedVector<StatusChange> changes;  // in the order they happened
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_
