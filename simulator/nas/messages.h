// The messages a device and the core network exchange, shaped like NAS signalling between a UE
// and the core (3GPP TS 24.301): plain values, no behaviour. ports.h says who sends which.
#ifndef CARRIERSIM_NAS_MESSAGES_H_
#define CARRIERSIM_NAS_MESSAGES_H_

#include <cstdint>

#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {

// A SIM, and the device it sits in: SIM i is in device i (one SIM per device), so one id names
// both. Ids are dense from 0, so that per-SIM and per-device state lives in plain arrays.
using SimId = uint32_t;
using DeviceId = uint32_t;

// What an attach request met (TS 24.301 5.5.1.2).
enum class AttachOutcome : uint8_t {
  kAccepted,
  kRejected,  // with an EMM cause
  kNoCell,    // the device's cell is down: the request reached nobody
  kNoAnswer,  // the core is down: the request times out (T3410)
};

// The network's answer to an attach request. With #22 (congestion) the reject carries T3346 as
// the range the cell assigns it from: the modem draws the value from its own random stream, so
// that what one device gets never depends on the order in which the network served the others.
struct AttachAnswer {
  AttachOutcome outcome = AttachOutcome::kRejected;
  EmmCause cause = 0;   // kRejected
  DurationRange t3346;  // kRejected with kCauseCongestion
};

// A detach the network starts (TS 24.301 5.5.2.3).
struct NetworkDetachRequest {
  bool reattach = false;  // detach type "re-attach required": the device attaches again at once
  EmmCause cause = 0;     // otherwise this cause, which applies as an attach reject's would
  DurationRange t3346;    // with #22, as in AttachAnswer
};

// Why a device's data session ended, and why a device left the network.
enum class SessionEnd : uint8_t {
  kOpen,         // still open when the run ended
  kPowerOff,     // the device was switched off or its power schedule turned it off
  kLostService,  // its cell or the core went down (NET-4)
  kDetached,     // the network detached it (a status that rejects attaches)
  kDataBarred,   // the SIM entered a status without data (SOR-4 inactive, a usage limit)
  kSimRemoved,   // the SIM was taken out (reinsert-sim)
  kReleased,     // the device released it and stayed registered (a PDN disconnect)
  kDeviceDetach,  // the device detached and stayed on (an external firmware's AT+COPS=2)
};
const char* SessionEndName(SessionEnd end);

// What a device's sends carried over an interval of its data session: how many transmissions it
// made, their uplink and downlink bytes, and the SMS it sent (mobile-originated). Bytes and SMS
// come with transmissions: a tally with `sends` 0 carries nothing.
struct TrafficTally {
  int64_t sends = 0;
  int64_t uplink = 0;
  int64_t downlink = 0;
  int64_t sms = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_NAS_MESSAGES_H_
