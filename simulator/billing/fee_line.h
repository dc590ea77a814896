// One fee line of the ledger, as billing charges it and the reports read it. The ledger keeps
// it packed (ledger.h).
#ifndef CARRIERSIM_BILLING_FEE_LINE_H_
#define CARRIERSIM_BILLING_FEE_LINE_H_

#include <cstdint>

#include "simulator/base/sim_time.h"
#include "simulator/carrier/ids.h"
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
static_assert(sizeof(FeeLine) == 32);

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

}  // namespace carriersim

#endif  // CARRIERSIM_BILLING_FEE_LINE_H_
