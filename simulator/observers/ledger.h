// The fee ledger: every charge of a run, as compact records. Descriptions a person can read
// ("plan01s basic fee, 2026-03-01..2026-03-14, 14 days active") are made when reports are
// written, not stored: a year of a million SIMs makes tens of millions of lines.
#ifndef CARRIERSIM_OBSERVERS_LEDGER_H_
#define CARRIERSIM_OBSERVERS_LEDGER_H_

#include <cstdint>
#include <vector>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/sim_time.h"
#include "simulator/carrier/tariff.h"

namespace carriersim {

enum class FeeUnit : uint8_t { kDay, kMonth, kOnce, kByte };

struct FeeLine {
  uint32_t sim;
  PlanId plan;       // in the profile of the SIM's carrier
  uint8_t kind;      // category | unit << 4
  StatusId status;   // the status charged (basic fees) or entered (transition fees)
  SimTime time;      // start of the first day or month charged, or when the fee was due
  int64_t micros;    // amount, in the scenario's currency
  int64_t quantity;  // days, months, 1, or billable bytes

  FeeCategory category() const { return static_cast<FeeCategory>(kind & 0xf); }
  FeeUnit unit() const { return static_cast<FeeUnit>(kind >> 4); }
};
static_assert(sizeof(FeeLine) == 32, "a year of a large fleet keeps tens of millions of these");

inline FeeLine MakeFeeLine(uint32_t sim, PlanId plan, FeeCategory category, FeeUnit unit,
                           StatusId status, SimTime time, int64_t micros, int64_t quantity) {
  return FeeLine{
      sim,
      plan,
      static_cast<uint8_t>(static_cast<uint8_t>(category) | (static_cast<uint8_t>(unit) << 4)),
      status,
      time,
      micros,
      quantity};
}

struct Ledger {
  ChunkedVector<FeeLine> lines;  // in the order they were charged
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_LEDGER_H_
