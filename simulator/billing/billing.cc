#include "simulator/billing/billing.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/base/int128.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

CalendarSpan Times(const CalendarSpan& span, int32_t k) {
  return CalendarSpan{span.months * k, span.ms * k};
}

}  // namespace

Billing::Billing(UnixMillis start, size_t subscriptions, Ledger* ledger)
    : start_(start),
      ledger_(ledger),
      month_table_(MonthTableFor(start)),
      sim_(subscriptions),
      plan_(subscriptions),
      period_start_(subscriptions),
      days_(subscriptions),
      months_(subscriptions),
      renewal_since_(subscriptions, kNever),
      renewals_charged_(subscriptions),
      usage_month_(subscriptions, -1),
      usage_bytes_(subscriptions),
      usage_status_(subscriptions) {}

void Billing::Open(SubscriptionId sub, uint32_t sim, PlanId plan, const Tariff& tariff,
                   SimTime entered, SimTime renewal_since) {
  sim_[sub] = sim;
  plan_[sub] = plan;
  period_start_[sub] = std::max<SimTime>(entered, 0);
  renewal_since_[sub] = tariff.renewal.enabled ? renewal_since : kNever;
  renewals_charged_[sub] = 0;
}

void Billing::ChangeStatus(SubscriptionId sub, const Tariff& tariff, StatusId from,
                           SimTime free_since, StatusId to, SimTime now, SimTime renewal_since) {
  CloseBasic(sub, tariff, from, free_since, period_start_[sub], now,
             {PeriodEnd::Kind::kStatusChange, to});
  period_start_[sub] = now;
  for (const TransitionFee& fee : tariff.transitions) {
    if (InSet(fee.from, from) && InSet(fee.to, to) && fee.price.micros > 0) {
      ledger_->lines.push_back(MakeFeeLine(sim_[sub], plan_[sub], fee.category, FeeUnit::kOnce, to,
                                           now, fee.price.micros, 1));
    }
  }
  if (!tariff.renewal.enabled) return;
  ChargeRenewalsBefore(sub, tariff, now);
  // A count that starts now is a new one; one that goes on (or resumes where it paused: a
  // restore) keeps the fees it has charged.
  if (renewal_since == now && renewal_since_[sub] != now) renewals_charged_[sub] = 0;
  renewal_since_[sub] = renewal_since;
}

void Billing::ChangePlan(SubscriptionId sub, const Tariff& old_tariff, PlanId plan,
                         const Tariff& new_tariff, StatusId status, SimTime free_since,
                         SimTime now, SimTime renewal_since) {
  CloseBasic(sub, old_tariff, status, free_since, period_start_[sub], now,
             {PeriodEnd::Kind::kPlanChange});
  ChargeRenewalsBefore(sub, old_tariff, now);
  WriteUsage(sub, old_tariff);
  plan_[sub] = plan;
  period_start_[sub] = now;
  // The tracking date belongs to the SIM's counter, not to its plan (SOR-10); dues before the
  // change were the old plan's business.
  renewal_since_[sub] = new_tariff.renewal.enabled ? renewal_since : kNever;
  renewals_charged_[sub] = 0;
  if (renewal_since_[sub] == kNever) return;
  while (RenewalDue(sub, new_tariff, renewals_charged_[sub]) < now) ++renewals_charged_[sub];
}

void Billing::ChargeOneOff(SubscriptionId sub, const OneOffFee& fee, StatusId status,
                           SimTime now) {
  if (fee.price.micros <= 0) return;
  ledger_->lines.push_back(
      MakeFeeLine(sim_[sub], plan_[sub], fee.category, FeeUnit::kOnce, status, now,
                  fee.price.micros, 1));
}

void Billing::AddUsage(SubscriptionId sub, const Tariff& tariff, StatusId status, int64_t month,
                       int64_t bytes) {
  if (!tariff.usage.enabled) return;
  if (usage_month_[sub] != month) {
    WriteUsage(sub, tariff);
    usage_month_[sub] = static_cast<int32_t>(month);
    usage_bytes_[sub] = 0;
  }
  usage_status_[sub] = status;
  if (!InSet(tariff.usage.free_statuses, status)) usage_bytes_[sub] += bytes;
}

void Billing::Finish(SubscriptionId sub, const Tariff& tariff, StatusId status,
                     SimTime free_since, SimTime end) {
  CloseBasic(sub, tariff, status, free_since, period_start_[sub], end, {PeriodEnd::Kind::kRunEnd});
  period_start_[sub] = end;
  ChargeRenewalsBefore(sub, tariff, end);
  WriteRun(sub, days_[sub], FeeUnit::kDay);
  WriteRun(sub, months_[sub], FeeUnit::kMonth);
  WriteUsage(sub, tariff);
}

void Billing::CloseBasic(SubscriptionId sub, const Tariff& tariff, StatusId status,
                         SimTime free_since, SimTime from, SimTime to, PeriodEnd end) {
  const StatusFee& fee = tariff.basic[status];
  if (!fee.charged) return;
  if (!fee.free_for.empty()) {
    from = std::max(from, AddSpan(start_ + free_since, fee.free_for) - start_);
  }
  if (from >= to) return;
  const UnixMillis a = start_ + from;
  const UnixMillis b = start_ + to;  // the period is [a, b)
  if (fee.per == FeePeriod::kDay) {
    // One run per calendar month at most, so that each invoice has its own lines.
    const int64_t last = DayIndex(b - 1);
    for (int64_t day = DayIndex(a); day <= last;) {
      const int64_t month_last = DayIndex(month_table_.NextStart(day * kDay)) - 1;
      const int64_t segment_last = std::min(last, month_last);
      AddToRun(sub, days_[sub], FeeUnit::kDay, static_cast<int32_t>(day),
               static_cast<int32_t>(segment_last), fee.price.micros, status);
      day = segment_last + 1;
    }
    return;
  }
  const int64_t last = month_table_.Index(b - 1);
  // Whether the period ends inside its last month rather than at the month's end.
  const bool ends_midmonth = b < StartOfMonthIndex(last + 1);
  for (int64_t month = month_table_.Index(a); month <= last; ++month) {
    bool due = true;
    if (tariff.month_rule == MonthRule::kAtMonthEnd) {
      // Due when the SIM is in the status as the month ends, or as the run ends within it.
      due = month < last || !ends_midmonth || end.kind == PeriodEnd::Kind::kRunEnd;
    } else if (tariff.month_rule == MonthRule::kNotSetTo) {
      // Not due for the month in which the SIM is set to one of the statuses.
      due = month < last || !ends_midmonth || end.kind != PeriodEnd::Kind::kStatusChange ||
            !InSet(tariff.month_not_set_to, end.to);
    }
    if (due) {
      AddToRun(sub, months_[sub], FeeUnit::kMonth, static_cast<int32_t>(month),
               static_cast<int32_t>(month), fee.price.micros, status);
    }
  }
}

void Billing::AddToRun(SubscriptionId sub, Run& run, FeeUnit unit, int32_t first, int32_t last,
                       int64_t rate, StatusId status) {
  if (run.first >= 0 && first == run.last()) {
    // A day (or month) the open run already charges: it goes to the higher rate.
    if (rate > run.rate) {
      --run.length;
      if (run.length >= 0) WriteRun(sub, run, unit);
      run.first = -1;
    } else if (++first > last) {
      return;
    }
  }
  if (run.first >= 0) {
    const bool same_month = unit == FeeUnit::kDay && month_table_.Index(int64_t{first} * kDay) ==
                                                         month_table_.Index(int64_t{run.first} * kDay);
    if (first == run.last() + 1 && rate == run.rate && status == run.status &&
        plan_[sub] == run.plan && same_month) {
      run.set_last(last);
      return;
    }
    WriteRun(sub, run, unit);
  }
  run = Run{rate, first, 0, status, plan_[sub]};
  run.set_last(last);
}

void Billing::WriteRun(SubscriptionId sub, Run& run, FeeUnit unit) {
  if (run.first < 0) return;
  const int64_t count = int64_t{run.length} + 1;
  const UnixMillis from =
      unit == FeeUnit::kDay ? int64_t{run.first} * kDay : StartOfMonthIndex(run.first);
  const SimTime time = std::max<SimTime>(from - start_, 0);
  int64_t micros = 0;
  if (__builtin_mul_overflow(count, run.rate, &micros)) [[unlikely]] {
    throw FeeOverflow(sim_[sub], time,
                      "a basic fee of " + FormatAmount(run.rate) + " a " +
                          (unit == FeeUnit::kDay ? "day" : "month") + " for " +
                          std::to_string(count) + (unit == FeeUnit::kDay ? " days" : " months"));
  }
  if (run.rate > 0) {
    ledger_->lines.push_back(MakeFeeLine(sim_[sub], run.plan, FeeCategory::kBasic, unit,
                                         run.status, time, micros, count));
  }
  run.first = -1;
}

SimTime Billing::RenewalDue(SubscriptionId sub, const Tariff& tariff, int32_t k) const {
  // Counted from the tracking date each time, so that month clamping never accumulates.
  const RenewalFee& r = tariff.renewal;
  return AddSpan(AddSpan(start_ + renewal_since_[sub], r.after), Times(r.every, k)) - start_;
}

void Billing::ChargeRenewalsBefore(SubscriptionId sub, const Tariff& tariff, SimTime t) {
  if (!tariff.renewal.enabled || renewal_since_[sub] == kNever) return;
  // "More than a year": a fee is due once the stay is strictly longer than the span.
  for (SimTime due = RenewalDue(sub, tariff, renewals_charged_[sub]); due < t;
       due = RenewalDue(sub, tariff, renewals_charged_[sub])) {
    ledger_->lines.push_back(MakeFeeLine(sim_[sub], plan_[sub], FeeCategory::kRenewal,
                                         FeeUnit::kOnce, 0, due, tariff.renewal.price.micros, 1));
    ++renewals_charged_[sub];
  }
}

void Billing::WriteUsage(SubscriptionId sub, const Tariff& tariff) {
  if (usage_month_[sub] < 0) return;
  const UsageTariff& usage = tariff.usage;
  const int64_t unit = std::max<int64_t>(usage.billing_unit, 1);
  const int64_t bytes = usage_bytes_[sub];
  // Rounded up to the billing unit, which may pass 2^63 bytes when the unit is large.
  int64_t rounded = bytes;
  if (bytes % unit != 0 && __builtin_mul_overflow(bytes / unit + 1, unit, &rounded)) [[unlikely]] {
    throw FeeOverflow(sim_[sub], StartOfMonthIndex(usage_month_[sub]) - start_,
                      "a month's usage rounded up to the billing unit past 2^63 bytes");
  }
  const int64_t billable = std::max<int64_t>(rounded - usage.included, 0);
  if (billable > 0) {
    const SimTime time = std::max<SimTime>(StartOfMonthIndex(usage_month_[sub]) - start_, 0);
    // Exact to the micro-unit, rounding half up: the product needs 128 bits, the fee 64.
    const Int128 micros =
        (Int128{billable} * usage.per_mb.micros + kBytesPerMegabyte / 2) / kBytesPerMegabyte;
    if (micros > INT64_MAX || micros < INT64_MIN) [[unlikely]] {
      throw FeeOverflow(sim_[sub], time,
                        "a usage fee of " + FormatDataSize(billable) + " at " +
                            FormatAmount(usage.per_mb.micros) + " a MB");
    }
    ledger_->lines.push_back(MakeFeeLine(sim_[sub], plan_[sub], FeeCategory::kUsage, FeeUnit::kByte,
                                         usage_status_[sub], time, static_cast<int64_t>(micros),
                                         billable));
  }
  usage_month_[sub] = -1;
  usage_bytes_[sub] = 0;
}

}  // namespace carriersim
