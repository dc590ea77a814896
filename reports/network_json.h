// The network and device parts of summary.json: per-cell signaling and peak attach rates
// (NET-3), recovery after mass events (NET-4) and the devices' energy proxy (DEV-4).
#ifndef CARRIERSIM_REPORTS_NETWORK_JSON_H_
#define CARRIERSIM_REPORTS_NETWORK_JSON_H_

#include <nlohmann/json.hpp>

#include "simulator/results/run_result.h"

namespace carriersim {

// {peak rates network-wide, cells: [...]}: every cell that saw an attach request, by id.
nlohmann::ordered_json CellsJson(const RunResult& run);
// One entry per mass event: affected devices and when 50, 95 and 100 % were back in service.
nlohmann::ordered_json RecoveryJson(const RunResult& run);
// Radio-on time, attach attempts and modem reboots of the devices of a scope.
nlohmann::ordered_json EnergyJson(const SimTotals& devices);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_NETWORK_JSON_H_
