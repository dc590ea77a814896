// What a run adds up to, per scope: all SIMs, each group, carrier, plan and cell, each calendar
// month and fee category. Computed once from the components (results/aggregate.h), after the
// run or at a pause, and read by every report and by the expectations: a per-scope sum is
// written in one place.
#ifndef CARRIERSIM_RESULTS_TOTALS_H_
#define CARRIERSIM_RESULTS_TOTALS_H_

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "simulator/billing/fee_sums.h"
#include "simulator/carrier/ids.h"
#include "simulator/carrier/tariff.h"
#include "simulator/observers/status_history.h"

namespace carriersim {

// What the SIMs of one scope, and their devices, add up to.
struct SimTotals {
  int64_t sims = 0;
  int64_t listed = 0;      // still in the carrier's listing (SOR-8)
  int64_t online = 0;      // with a data session
  int64_t registered = 0;  // devices attached
  int64_t uplink_bytes = 0;
  int64_t downlink_bytes = 0;
  int64_t online_ms = 0;
  int64_t sms_sent = 0;
  int64_t commands_received = 0;
  int64_t attach_attempts = 0;  // made by the devices, heard or not (energy proxy)
  int64_t attach_rejects = 0;   // received by the devices
  int64_t pdn_requests = 0;
  int64_t radio_ms = 0;
  int64_t radio_ms_max = 0;  // of one device
  int64_t modem_reboots = 0;
  int64_t status_changes = 0;
  int64_t forced_reactivations = 0;
  FeeTotals fees;  // the lines of these SIMs

  void Add(const SimTotals& other);
};

struct Totals {
  SimTotals all;
  std::vector<SimTotals> by_group;    // indexed like Scenario::groups
  std::vector<SimTotals> by_carrier;  // indexed like Scenario::carriers
  // Fee lines by the calendar month they are for (month index since 1970): the invoices.
  std::map<int64_t, FeeTotals> invoices;
  // Fee lines by the plan that charged them, (carrier, plan): an add-on plan shows its own.
  std::map<std::pair<uint32_t, PlanId>, FeeTotals> fees_by_plan;
  std::array<int64_t, kChangeCauseCount> changes_by_cause{};  // status changes, by cause
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_TOTALS_H_
