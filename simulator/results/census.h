// SIMs per status over time, from the one source of it: each group's initial status and the
// status history. summary.json's counts, timeseries.csv's columns, report.html's chart and the
// `sims.<status>` expectations all read this, at the end or at any time of the run, so they
// cannot disagree.
#ifndef CARRIERSIM_RESULTS_CENSUS_H_
#define CARRIERSIM_RESULTS_CENSUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/observers/status_history.h"
#include "simulator/results/run_records.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

class StatusCensus {
 public:
  // `changes` may still grow (a run in progress, on one world): AdvanceTo reads what is there by
  // then, once each, in order. SIMs are the directory's.
  StatusCensus(const SimDirectory& directory, const HistoryRecords& changes);
  // The whole fleet's census of a run cut into shards (`run --threads`), from its SIMs per
  // group and status at one instant: counts only, for the reports. It reads no history
  // (AdvanceTo changes nothing) and keeps no SIM's status: status() is not to be called.
  StatusCensus(const SimDirectory& whole, std::vector<std::vector<int64_t>> by_group);

  // Applies every change at or before `t`. REQUIRES: t is not earlier than at the last call.
  void AdvanceTo(SimTime t);

  // As of the last AdvanceTo:
  StatusId status(uint32_t sim) const { return status_[sim]; }  // not of a counts-only census
  // SIMs of `group` in `status` (a status of the group's carrier).
  int64_t InGroup(uint32_t group, StatusId status) const { return by_group_[group][status]; }
  // Status names of every carrier in profile order, each once (a status several carriers share
  // is one column), and the SIMs in each.
  const std::vector<std::string>& columns() const { return columns_; }
  std::vector<int64_t> ByColumn() const;
  std::vector<int64_t> ByColumnOfGroup(uint32_t group) const;

 private:
  void NameColumns();

  const SimDirectory& directory_;
  HistoryRecords::Reader changes_;
  bool held_ = false;  // `next_` was read, and is later than the time reached
  StatusChange next_{};
  std::vector<StatusId> status_;                // per SIM
  std::vector<std::vector<int64_t>> by_group_;  // [group][status]
  std::vector<std::string> columns_;
  std::vector<std::vector<size_t>> column_;  // [carrier][status] -> column
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_CENSUS_H_
