#include "simulator/nas/messages.h"

namespace carriersim {

const char* SessionEndName(SessionEnd end) {
  switch (end) {
    case SessionEnd::kOpen:
      return "open";
    case SessionEnd::kPowerOff:
      return "power-off";
    case SessionEnd::kLostService:
      return "lost-service";
    case SessionEnd::kDetached:
      return "detached";
    case SessionEnd::kDataBarred:
      return "data-barred";
    case SessionEnd::kSimRemoved:
      return "sim-removed";
    case SessionEnd::kReleased:
      return "released";
    case SessionEnd::kDeviceDetach:
      return "device-detach";
  }
  return "?";
}

}  // namespace carriersim
