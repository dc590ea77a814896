// Every subscriber status change of a run (SOR-9): time, SIM, from, to, and what caused it. A long
// run's changes are mostly on disk (base/spill_log.h); the counts the totals need are kept as
// the changes are recorded.
#ifndef CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_
#define CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/spill_log.h"
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

static_assert(sizeof(StatusChange) == 16);

struct StatusHistory {
  explicit StatusHistory(const SpillOptions& spill = {}, size_t groups = 1)
      : changes(spill, ".history.spill", "the status history"), by_group(groups) {}

  SpillLog<StatusChange> changes;  // in the order they happened
  std::vector<int64_t> by_group;   // changes of each group's SIMs
  std::array<int64_t, kChangeCauseCount> by_cause{};
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_STATUS_HISTORY_H_
