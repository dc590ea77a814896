// An upper bound, worked out from the scenario alone, on what one SIM of a group can be charged
// in a run. Prices are never negative, so when every group's bound times its count adds up to
// no more than 2^63 - 1 micro-units, every ledger line and every sum the reports make of them
// (per SIM, group, carrier, plan, month, category, the grand total) fits in 64 bits: the loader
// refuses a scenario whose bound does not fit (fleet_loader.cc) rather than let a report wrap.
//
// What the bound covers, per subscription of the SIM (its own, on the group's plan and those
// the timeline's change-plan actions may move it to; each additional one, on its plan):
//  - basic fees: each UTC day (month) of the run is charged at most once, at the highest rate
//    of the plans it may be on (Billing's invariant 2);
//  - usage fees: the most the device can send (as the loader bounds bytes), rounded up to the
//    billing unit once per usage line (a month, or a part of one between plan changes);
//  - renewal fees: one per `every` of counted time, plus one per count that reaches `after`,
//    per plan segment;
//  - one-off fees on provisioning, and on each verb the timeline may apply to the SIM;
//  - transition fees of the status changes the timeline's verbs make.
// Transition fees of status changes that rules make by themselves (an attach that reactivates a
// SIM, a storm) have no useful bound at load: the ledger checks its running total as it charges
// them instead (billing/ledger.h).
#ifndef CARRIERSIM_SCENARIO_FEE_BOUND_H_
#define CARRIERSIM_SCENARIO_FEE_BOUND_H_

#include <cstdint>
#include <string>

#include "simulator/base/int128.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// Every amount is in micro-units of the scenario's currency, and saturates at kFeeBoundCap: a
// bound that large is refused whatever it would have been exactly.
inline constexpr Int128 kFeeBoundCap = Int128{1'000'000'000'000'000} * 1'000'000'000'000'000;

struct FeeBound {
  Int128 basic = 0;
  Int128 usage = 0;
  Int128 renewal = 0;
  Int128 one_off = 0;
  Int128 transitions = 0;  // of the timeline's verbs only (see above)
  Int128 Total() const;
};

// The bound on one SIM of group `group`, from the scenario's duration, the group's device and
// plans, and the timeline's actions on the group.
FeeBound SimFeeBound(const Scenario& scenario, uint32_t group);

// The most data one device of the group can send and receive in the run: every send at its
// largest size.
Int128 MostBytesOfSim(const Scenario& scenario, const GroupSpec& group);

// A bound as FormatAmount writes an amount ("12.50"), past 64 bits too. REQUIRES: micros >= 0.
std::string FormatWideAmount(Int128 micros);

// a + b and a * b, for non-negative values, saturating at kFeeBoundCap.
Int128 BoundAdd(Int128 a, Int128 b);
Int128 BoundMul(Int128 a, Int128 b);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_FEE_BOUND_H_
