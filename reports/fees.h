// A fee line in words, for ledger.csv: "plan01s basic fee, 2026-03-01..2026-03-14, 14 days
// active".
#ifndef CARRIERSIM_REPORTS_FEES_H_
#define CARRIERSIM_REPORTS_FEES_H_

#include <string>

#include "simulator/base/calendar.h"
#include "simulator/billing/ledger.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

void AppendFeeDescription(std::string& out, const SimDirectory& directory, const DateText& dates,
                          const FeeLine& line);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_FEES_H_
