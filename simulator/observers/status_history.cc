#include "simulator/observers/status_history.h"

#include <iterator>

#include "simulator/scenario/metrics.h"

namespace carriersim {

// The names live with the metrics (scenario/metrics.h), which the loader checks
// status_changes.CAUSE against, below this layer: one list for both.
static_assert(std::size(kChangeCauseNames) == kChangeCauseCount);

std::string_view ChangeCauseName(ChangeCause cause) {
  const auto i = static_cast<size_t>(cause);
  return i < std::size(kChangeCauseNames) ? kChangeCauseNames[i] : "unknown";
}

ChangeCause ChangeCauseOf(RuleDef::Cause cause) {
  switch (cause) {
    case RuleDef::Cause::kTimer:
      return ChangeCause::kTimer;
    case RuleDef::Cause::kNetwork:
      return ChangeCause::kNetwork;
    case RuleDef::Cause::kDeviceAttach:
      return ChangeCause::kDeviceAttach;
    case RuleDef::Cause::kStorm:
      return ChangeCause::kStorm;
    case RuleDef::Cause::kApi:
      return ChangeCause::kApi;
  }
  return ChangeCause::kNetwork;
}

}  // namespace carriersim
