// The registration fields of +CREG/+CGREG/+CEREG: see at_registration.h.
#include "devices/at/at_registration.h"

#include <cstdio>

namespace carriersim {

std::string_view RegistrationPrefix(RegistrationKind kind) {
  switch (kind) {
    case RegistrationKind::kCreg:
      return "+CREG";
    case RegistrationKind::kCgreg:
      return "+CGREG";
    case RegistrationKind::kCereg:
      return "+CEREG";
  }
  return "+CEREG";
}

int RegistrationStat(const ModemStatus& status) {
  if (!status.powered || status.fun != 1) return 0;
  switch (status.modem) {
    case ModemState::kOff:
    case ModemState::kGaveUp:
      return 0;
    case ModemState::kWaiting:
    case ModemState::kAttaching:
    case ModemState::kRebooting:
      return 2;
    case ModemState::kRegistered:
      return status.roaming ? 5 : 1;
    case ModemState::kSimInvalid:
      return 3;
  }
  return 0;
}

// carriersim numbers a scenario's cells 0, 1, 2, ...; a real E-UTRAN cell identity (28 bits)
// is an eNodeB id (20 bits) and a cell of that eNodeB (8 bits). Cell c is taken as cell 1 of
// eNodeB 0x10000 + c, so that <ci> is never 0, which firmware reads as "no cell"; and 16
// cells make a tracking area, numbered from 0x0100, so that <tac> is never 0 either.
std::string TrackingAreaCode(uint32_t cell) {
  char text[8];
  std::snprintf(text, sizeof text, "%04X", (0x0100u + cell / 16) & 0xFFFFu);
  return text;
}

std::string CellIdentity(uint32_t cell) {
  char text[12];
  std::snprintf(text, sizeof text, "%08X", (((0x10000u + cell) & 0xFFFFFu) << 8) | 0x01u);
  return text;
}

std::string RegistrationFields(int n, const ModemStatus& status) {
  const int stat = RegistrationStat(status);
  std::string fields = std::to_string(stat);
  if (n < 2) return fields;
  const bool has_cell = stat == 1 || stat == 3 || stat == 5;
  const bool has_cause = (n == 3 || n == 5) && status.last_cause != 0 && stat != 1 && stat != 5;
  const bool has_timers = n == 4 || n == 5;
  if (has_cell) {
    fields += ",\"" + TrackingAreaCode(status.cell) + "\",\"" + CellIdentity(status.cell) +
              "\"," + std::to_string(status.act);
  } else if (has_cause || has_timers) {
    fields += ",,,";
  }
  if (has_cause) {
    fields += ",0," + std::to_string(status.last_cause);
  } else if (has_timers) {
    fields += ",,";
  }
  if (has_timers) fields += ",,";
  return fields;
}

int SignallingMode(const ModemStatus& status) {
  return status.powered && status.modem == ModemState::kRegistered && status.pdn_up ? 1 : 0;
}

}  // namespace carriersim
