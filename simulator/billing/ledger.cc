#include "simulator/billing/ledger.h"

#include <limits>

#include "simulator/base/units.h"

namespace carriersim {
namespace {

std::string OverflowMessage(const std::string& detail, const std::string& where) {
  return detail + ", for " + where + ", is more than the reports can count (at most " +
         FormatAmount(std::numeric_limits<int64_t>::max()) +
         " in the scenario's currency): lower the prices or the duration";
}

// The lines kept whole are rare: an eighth of the memory is plenty for them.
SpillOptions WholeLines(SpillOptions spill) {
  if (spill.memory != kNoSpill) spill.memory /= 8;
  return spill;
}

}  // namespace

FeeLedger::FeeLedger(const SpillOptions& spill, const FeeGroups& groups)
    : spill_(spill),
      packed_(spill, ".ledger.spill", "the fee ledger"),
      whole_(WholeLines(spill), ".ledger-whole.spill", "the fee ledger's unpacked lines"),
      sums_(groups) {}

FeeOverflow::FeeOverflow(uint32_t sim, SimTime time, const std::string& detail,
                         const std::string& where)
    : std::overflow_error(OverflowMessage(detail, where)), sim_(sim), time_(time), detail_(detail) {}

FeeOverflow::FeeOverflow(uint32_t sim, SimTime time, const std::string& detail)
    : FeeOverflow(sim, time, detail,
                  "SIM " + std::to_string(sim) + " at " + FormatDuration(time) + " into the run") {}

void FeeLedger::ThrowTotalOverflow(const FeeLine& line) const {
  if (line.micros < 0) {
    // Prices are never negative and billing's products are checked: a bug of ours.
    throw std::logic_error("a negative fee line of " + FormatAmount(line.micros) + " for SIM " +
                           std::to_string(line.sim));
  }
  throw FeeOverflow(line.sim, line.time,
                    "a fee of " + FormatAmount(line.micros) + " on top of the " +
                        FormatAmount(total_) + " charged so far");
}

}  // namespace carriersim
