// summary.json: the totals of a run, in a stable key order (byte-identical for the same
// scenario and seed). Its fields are documented in scenarios/README.md ("Reports").
#ifndef CARRIERSIM_REPORTS_SUMMARY_JSON_H_
#define CARRIERSIM_REPORTS_SUMMARY_JSON_H_

#include <nlohmann/json.hpp>

#include "simulator/results/run_result.h"

namespace carriersim {

inline constexpr int kSummarySchemaVersion = 1;

nlohmann::ordered_json BuildSummary(const RunResult& run);
// The expectations' outcomes, as summary.json lists them.
nlohmann::ordered_json ExpectationsJson(const RunResult& run);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_SUMMARY_JSON_H_
