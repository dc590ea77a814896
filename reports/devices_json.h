// The device profiles part of summary.json: each profile's modem timers and firmware settings as
// the run used them, after presets and defaults (DEV-2), so that a report says what ran, not only
// what the scenario wrote.
#ifndef CARRIERSIM_REPORTS_DEVICES_JSON_H_
#define CARRIERSIM_REPORTS_DEVICES_JSON_H_

#include <nlohmann/json.hpp>

#include "simulator/scenario/model.h"

namespace carriersim {

// One entry per device profile of the scenario, in its order (a profile that groups with
// `firmware: external` use appears a second time, with the preset "external": the modem alone).
nlohmann::ordered_json DevicesJson(const Scenario& scenario);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_DEVICES_JSON_H_
