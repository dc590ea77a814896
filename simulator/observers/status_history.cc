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

}  // namespace carriersim
