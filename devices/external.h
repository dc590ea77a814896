// A device whose firmware is a program outside carriersim that drives its modem with AT
// commands (devices/at, through the live server). The modem stays the model's (modem.cc: attach,
// T3411/T3402/T3346, the invalid SIM), and so do its power and the accounting of its traffic;
// what is kept here is what the firmware set on the modem (functionality, automatic
// registration), the status the AT side shows, reported at each change, and the data the device
// sent, which the network accounts for as it accounts for modelled traffic.
#ifndef CARRIERSIM_DEVICES_EXTERNAL_H_
#define CARRIERSIM_DEVICES_EXTERNAL_H_

#include <cstdint>
#include <vector>

#include "devices/device_state.h"
#include "simulator/base/sim_time.h"
#include "simulator/nas/messages.h"

namespace carriersim {

// What an external modem shows its firmware at one instant.
struct ExternalStatus {
  bool powered = false;                 // the device has power (the scenario's switch and schedule)
  uint8_t fun = 1;                      // AT+CFUN: 1 full, 0 minimum (SIM off), 4 radio off
  bool automatic = true;                // AT+COPS=0 (registers by itself) rather than 2
  ModemState modem = ModemState::kOff;  // kOff also while the radio is off or deregistered
  EmmCause last_cause = 0;              // the last reject or network detach since the radio came on
  bool pdn_up = false;                  // its data session is open
  bool cell_up = true;                  // its cell is on the air
  uint32_t cell = 0;
  bool operator==(const ExternalStatus&) const = default;
};

// A change an external modem reports to the AT side: its new status, or SMS that arrived.
struct ModemReport {
  DeviceId device = 0;
  SimTime at = 0;
  ExternalStatus status;
  int64_t sms = 0;  // > 0: that many SMS from the platform arrived (the status is unchanged)
};

// The device's sends so far, as running totals after each: any interval's traffic is a
// difference of two, found by binary search.
struct ExternalSend {
  SimTime at = 0;
  int64_t sends = 0;
  int64_t uplink = 0;
  int64_t downlink = 0;
  int64_t sms = 0;
};

struct ExternalModem {
  ExternalStatus shown;  // what was last reported
  bool powered = false;
  uint8_t fun = 1;
  bool automatic = true;
  bool invalid_kept = false;  // the radio went off (CFUN=4) holding an invalid SIM
  EmmCause last_cause = 0;
  bool pdn_up = false;
  std::vector<ExternalSend> sent;
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_EXTERNAL_H_
