#include "simulator/observers/status_history.h"

namespace carriersim {

std::string_view ChangeCauseName(ChangeCause cause) {
  switch (cause) {
    case ChangeCause::kApi:
      return "api";
    case ChangeCause::kDeviceAttach:
      return "device-attach";
    case ChangeCause::kTimer:
      return "timer";
    case ChangeCause::kNetwork:
      return "network";
    case ChangeCause::kStorm:
      return "storm";
  }
  return "unknown";
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
