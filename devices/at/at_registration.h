// What +CREG, +CGREG and +CEREG show of a modem status (27.007 7.2, 10.1.19, 10.1.22), for
// their read forms and their unsolicited result codes alike, and the RRC mode of +CSCON.
#ifndef CARRIERSIM_DEVICES_AT_AT_REGISTRATION_H_
#define CARRIERSIM_DEVICES_AT_AT_REGISTRATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "devices/at/modem_link.h"

namespace carriersim {

enum class RegistrationKind : uint8_t { kCreg, kCgreg, kCereg };

// "+CREG", "+CGREG", "+CEREG".
std::string_view RegistrationPrefix(RegistrationKind kind);

// <stat>: 0 not registered and not searching (radio off, deregistered, gave up), 1 registered
// home, 2 searching (waiting, attaching, rebooting), 3 registration denied (the SIM is held
// invalid after a permanent reject), 5 registered roaming.
int RegistrationStat(const ModemStatus& status);

// What the URC shows for n (1..5), without the "+CEREG: " prefix: "<stat>", then for n >= 2
// the cell (<tac>,<ci>,<AcT>) when the modem has one (registered or denied), for n = 3 and 5
// the EMM cause of the last reject (<cause_type> 0, <reject_cause>) while not registered, and
// for n = 4 and 5 <Active-Time> and <Periodic-TAU>, left empty: PSM is not modelled. For
// n = 0 (the read form) it is "<stat>" alone.
std::string RegistrationFields(int n, const ModemStatus& status);

// <tac> and <ci> of a cell, as 4 and 8 hex digits.
std::string TrackingAreaCode(uint32_t cell);
std::string CellIdentity(uint32_t cell);

// +CSCON <mode>: 1 (RRC connected) while the data session is up, else 0 (idle). RRC idle
// within a data session (inactivity release, PSM, eDRX) is not modelled.
int SignallingMode(const ModemStatus& status);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_REGISTRATION_H_
