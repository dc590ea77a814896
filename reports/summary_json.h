// summary.json: the totals of a run, in a stable key order (byte-identical for the same
// scenario and seed). Its fields are documented in scenarios/README.md ("Reports").
#ifndef CARRIERSIM_REPORTS_SUMMARY_JSON_H_
#define CARRIERSIM_REPORTS_SUMMARY_JSON_H_

#include <nlohmann/json.hpp>

#include "reports/expectations.h"
#include "reports/fees.h"
#include "simulator/world/world.h"

namespace carriersim {

inline constexpr int kSummarySchemaVersion = 1;

// `expectations`: the results of the scenario's expectations, indexed like them (empty when it
// has none).
nlohmann::ordered_json BuildSummary(const World& world, const FeeSummary& fees,
                                    const std::vector<ExpectationResult>& expectations = {});

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_SUMMARY_JSON_H_
