// What the AT interpreter (at_modem.h) knows of the emulated modem behind its serial line, and
// what the firmware on the other end may ask of it. The modem itself (TS 24.301 attach, T3411,
// T3402, T3346, the invalid SIM after a permanent reject), its power and the accounting of its
// traffic stay carriersim's (devices/): the interpreter only reads its status and asks for the
// actions a module's firmware can take. The live server implements ModemLink over the world
// (simulator/live/modems.cc), where each action is a journaled request at the simulated time;
// tests implement it by hand.
#ifndef CARRIERSIM_DEVICES_AT_MODEM_LINK_H_
#define CARRIERSIM_DEVICES_AT_MODEM_LINK_H_

#include <cstdint>
#include <string>

#include "devices/device_state.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {

// What the module says it is, and the SIM it holds: fixed for the session.
struct ModemIdentity {
  std::string manufacturer;      // AT+CGMI, ATI
  std::string model;             // AT+CGMM
  std::string revision;          // AT+CGMR
  std::string imei;              // AT+CGSN: 15 digits, Luhn-checked
  std::string imsi;              // AT+CIMI: the same IMSI the carrier API shows
  std::string iccid;             // AT+CCID (and AT+QCCID): the same ICCID the carrier API shows
  std::string operator_long;     // AT+COPS format 0
  std::string operator_short;    // AT+COPS format 1
  std::string operator_numeric;  // AT+COPS format 2: MCC and MNC, "00101"
};

// The modem's status at one instant.
struct ModemStatus {
  bool powered = true;  // false: the device has no power; a powered-off module answers nothing
  int fun = 1;          // AT+CFUN: 1 full, 0 minimum, 4 radio off
  bool automatic = true;  // AT+COPS mode: true 0 (automatic), false 2 (deregistered)
  // The EPS mobility state: kOff with the radio off or deregistered, kWaiting and kAttaching
  // while it searches or tries (CEREG stat 2), kRegistered, kSimInvalid after a permanent reject
  // (stat 3, "registration denied") until the radio is switched off and on again or reset.
  ModemState modem = ModemState::kOff;
  // The cause of the last attach reject or network detach since the radio came on (0: none):
  // <reject_cause> of +CEREG n=3/5 (cause_type 0, an EMM cause) and the words of AT+CEER.
  EmmCause last_cause = 0;
  bool pdn_up = false;   // the default EPS bearer (the data session the network opened)
  bool cell_up = true;   // the cell it camps on is on the air (signal for AT+CSQ, AT+CESQ)
  uint32_t cell = 0;     // <ci>; <tac> is derived from it
  uint8_t act = 7;       // <AcT>: 7 E-UTRAN (LTE-M), 9 E-UTRAN NB-S1 (NB-IoT)
  bool roaming = false;  // registered roaming: stat 5 instead of 1
};

// The firmware's side of the modem: actions, each taken at the current simulated time. None
// blocks; each returns once the world has taken it (an attach then follows on the modem's own
// timers, and its outcome arrives later through AtModem::OnStatus).
class ModemLink {
 public:
  virtual ~ModemLink() = default;
  virtual const ModemIdentity& Identity() const = 0;
  virtual ModemStatus Status() = 0;
  // AT+CFUN=0|1|4. Switching the radio off detaches (a switch-off detach) and, for 0, powers the
  // SIM down, which clears an invalid SIM; on again, the modem searches and attaches by itself.
  virtual void SetFunctionality(int fun) = 0;
  // AT+CFUN=1,1: the module restarts. For NET-1 it counts as a power cycle.
  virtual void Reset() = 0;
  // AT+COPS=0 (true) or =2 (false), AT+CGATT=1|0: register automatically, or detach and stay
  // deregistered with the radio on.
  virtual void SetAutomatic(bool automatic) = 0;
  // AT+CGACT=1, AT+QIACT: asks for the data session when it is not up. True when it is up
  // after the request (the network answers at once); false when refused or not registered.
  virtual bool ActivatePdn() = 0;
  // AT+CGACT=0, AT+QIDEACT: releases the data session; the modem stays registered.
  virtual void DeactivatePdn() = 0;
  // Bytes sent through the data session to carriersim's echo service, which sends them back:
  // counted as the SIM's uplink and downlink usage. False, and nothing counted, when there is no
  // data session (not registered, or the subscriber status forbids data).
  virtual bool SendData(int64_t bytes) = 0;
  // A mobile-originated SMS (AT+CMGS), counted and billed. False when it cannot be sent (not
  // registered, or the subscriber status forbids it).
  virtual bool SendSms() = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_MODEM_LINK_H_
