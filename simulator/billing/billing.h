// Billing: turns what happens to a subscription (status periods, transitions, one-off fees, the
// renewal counter's count, data usage) into fee lines, by arithmetic over periods. The counters
// themselves are the network's: it tells billing when a free period or a renewal count began.
//
// Nothing here runs on a timer. A period is closed when something changes (a stable status, a
// plan) and once at the end of the run; daily and monthly fees, renewal fees and usage fees are
// then counted over the closed period. So the cost of billing grows with the number of changes,
// not with days times SIMs.
//
// Days and months are UTC calendar days and months. A day (month) touched by several charged
// statuses is charged once, at the highest rate: lines are kept open as runs of days at one rate
// and one status, and a shared boundary day moves to the higher rate before the run is written.
// A run never spans two calendar months, so invoices are the lines grouped by month.
//
// Invariants:
//  1. Every line is in the ledger the Billing was given, in the order charged; a line is never
//     changed once written.
//  2. A day (month) is charged at most once per subscription, at the highest rate that applied.
//  3. A subscription's open period starts at its last status or plan change: everything before
//     it is either written or held in an open run that Finish writes.
// REQUIRES of the callers: changes of one subscription come in time order, with the status
// and the time it was entered as Billing last heard them.
//
// Thread safety: none; one Billing belongs to one run.
#ifndef CARRIERSIM_BILLING_BILLING_H_
#define CARRIERSIM_BILLING_BILLING_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/base/sim_time.h"
#include "simulator/carrier/tariff.h"
#include "simulator/billing/ledger.h"

namespace carriersim {

using SubscriptionId = uint32_t;

class Billing {
 public:
  // `start` is the scenario start (simulated time 0); `ledger` receives every line.
  Billing(UnixMillis start, size_t subscriptions, Ledger* ledger);

  // Where every subscription starts: its SIM, plan, and when it entered its status.
  // `renewal_since` is when the count of the plan's renewal counter began (kNever: it does not
  // count now): the renewal tracking date (SOR-10).
  void Open(SubscriptionId sub, uint32_t sim, PlanId plan, const Tariff& tariff, SimTime entered,
            SimTime renewal_since = kNever);

  // The subscription leaves `from` for `to` at `now`: closes the basic fee period, charges
  // transition fees and the renewal fees that fell due. `free_since` is when the free period of
  // `from`'s fee began (the stay, or the fee's counter); `renewal_since` is the renewal tracking
  // date from now on: unchanged while the count goes on, `now` when a new count starts, kNever
  // when the counter stops.
  void ChangeStatus(SubscriptionId sub, const Tariff& tariff, StatusId from, SimTime free_since,
                    StatusId to, SimTime now, SimTime renewal_since = kNever);

  // The subscription moves to another plan at `now` (it stays in `status`, whose free period
  // began at `free_since`). `renewal_since` is the tracking date under the new plan's renewal
  // counter; the new plan charges the dues after `now`.
  void ChangePlan(SubscriptionId sub, const Tariff& old_tariff, PlanId plan,
                  const Tariff& new_tariff, StatusId status, SimTime free_since, SimTime now,
                  SimTime renewal_since = kNever);

  // A one-off fee falls due at `now` (the SIM provisioned, a verb applied) in `status`.
  void ChargeOneOff(SubscriptionId sub, const OneOffFee& fee, StatusId status, SimTime now);

  // `bytes` of data were used in calendar month `month` while in `status`.
  void AddUsage(SubscriptionId sub, const Tariff& tariff, StatusId status, int64_t month,
                int64_t bytes);

  // The run ends at `end` with the subscription in `status` (its free period began at
  // `free_since`): closes every period, charges what fell due and writes every open line.
  void Finish(SubscriptionId sub, const Tariff& tariff, StatusId status, SimTime free_since,
              SimTime end);

  PlanId plan(SubscriptionId sub) const { return plan_[sub]; }
  // The renewal fee tracking date (SOR-10): when the count of the renewal counter began, or
  // kNever while it does not count.
  SimTime renewal_since(SubscriptionId sub) const { return renewal_since_[sub]; }
  UnixMillis start() const { return start_; }

 private:
  // An open run of consecutive days (or months) charged at one rate in one status. A run never
  // spans two calendar months (a month run is one month), so its last day is the first plus
  // at most 30: 16 bytes, two of them a subscription.
  struct Run {
    int64_t rate = 0;
    int32_t first = -1;  // day or month index since the epoch; -1: no open run
    int8_t length = 0;   // last - first: -1 (empty, once its one day went elsewhere) .. 30
    StatusId status = 0;
    PlanId plan = 0;

    int32_t last() const { return first + length; }
    void set_last(int32_t last) {
      if (last - first < -1 || last - first > 30) [[unlikely]] {
        throw std::logic_error("a basic fee run of " + std::to_string(last - first + 1) + " days");
      }
      length = static_cast<int8_t>(last - first);
    }
  };
  static_assert(sizeof(Run) == 16);

  // Why a basic fee period ends: the run ends, the plan changes, or the SIM is set to `to`.
  struct PeriodEnd {
    enum class Kind : uint8_t { kRunEnd, kPlanChange, kStatusChange } kind;
    StatusId to = 0;  // kStatusChange
  };
  void CloseBasic(SubscriptionId sub, const Tariff& tariff, StatusId status, SimTime free_since,
                  SimTime from, SimTime to, PeriodEnd end);
  void AddToRun(SubscriptionId sub, Run& run, FeeUnit unit, int32_t first, int32_t last,
                int64_t rate, StatusId status);
  void WriteRun(SubscriptionId sub, Run& run, FeeUnit unit);
  void ChargeRenewalsBefore(SubscriptionId sub, const Tariff& tariff, SimTime t);
  void WriteUsage(SubscriptionId sub, const Tariff& tariff);
  SimTime RenewalDue(SubscriptionId sub, const Tariff& tariff, int32_t k) const;

  UnixMillis start_;
  Ledger* ledger_;
  const MonthTable month_table_;  // month lookups by table
  std::vector<uint32_t> sim_;
  std::vector<PlanId> plan_;
  std::vector<SimTime> period_start_;  // start of the open period (a status or plan change)
  std::vector<Run> days_;
  std::vector<Run> months_;
  std::vector<SimTime> renewal_since_;
  std::vector<int32_t> renewals_charged_;
  std::vector<int32_t> usage_month_;  // month whose usage is being added up; -1: none
  std::vector<int64_t> usage_bytes_;  // billable bytes of that month so far
  std::vector<StatusId> usage_status_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BILLING_BILLING_H_
