// The core network's view of every SIM: subscriber status, registration and data session, one
// array per field, indexed by SimId. Private to the network (simulator/network/network.h).
#ifndef CARRIERSIM_NETWORK_SUBSCRIBERS_H_
#define CARRIERSIM_NETWORK_SUBSCRIBERS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/carrier/ids.h"
#include "simulator/nas/messages.h"

namespace carriersim {

enum SimFlag : uint8_t {
  kTestMode = 1,               // test mode enabled in advance (SOR-2, SOR-12)
  kTerminationProtection = 2,  // terminating is refused (SOR-8)
  kPendingReturn = 4,          // the change in progress goes back to the previous status
  kAttached = 8,               // its device is registered (the network's EMM context)
  kPdnWanted = 16,             // ... and asked for a data session it has not released
};

struct Subscribers {
  // The status the carrier shows, which may be transient (a change in progress), and the
  // stable status whose attach rule, data, SMS and fees apply meanwhile.
  std::vector<StatusId> status;
  std::vector<SimTime> entered;  // when `status` was entered
  std::vector<StatusId> stable;
  std::vector<SimTime> stable_since;
  std::vector<StatusId> previous;  // the stable status before `stable` (verbs `to: previous`)
  std::vector<StatusId> pending;   // the status a change in progress will end in
  std::vector<uint8_t> flags;      // SimFlag bits
  // The profile's counters (their values are in the network's CounterTable) are accounted up
  // to `counted_to`; those that reset each month count calendar month `counters_month`.
  std::vector<SimTime> counted_to;
  std::vector<uint16_t> counting;  // bit c: counter c counts in the SIM's status and stable one
  std::vector<int32_t> counters_month;
  // 1 + the rule that moved the SIM for as long as its counter stays at the threshold (HOL-5),
  // or 0; cleared once anything else moves it. `placed_from`: the status it goes back to.
  std::vector<uint8_t> placed_by;
  std::vector<StatusId> placed_from;
  std::vector<int64_t> usage_limit;  // the SIM's data usage limit; 0: none
  // Session status (NET-5): a SIM is online while its device has an accepted data session.
  std::vector<uint8_t> online;
  std::vector<SimTime> session_start;
  std::vector<int64_t> uplink_bytes;
  std::vector<int64_t> downlink_bytes;
  std::vector<SimTime> online_ms;  // total time with a data session
  std::vector<uint64_t> session_record;  // while online: the index of its SessionLog record
  std::vector<int64_t> sms_sent;         // by the device, in its data sessions (DEV-3)
  std::vector<int64_t> commands_received;  // SMS commands, sent by timeline or schedule

  explicit Subscribers(size_t n)
      : status(n),
        entered(n),
        stable(n),
        stable_since(n),
        previous(n),
        pending(n),
        flags(n),
        counted_to(n),
        counting(n),
        counters_month(n),
        placed_by(n),
        placed_from(n),
        usage_limit(n),
        online(n),
        session_start(n),
        uplink_bytes(n),
        downlink_bytes(n),
        online_ms(n),
        session_record(n),
        sms_sent(n),
        commands_received(n) {}
  size_t size() const { return status.size(); }
  bool Has(SimId sim, SimFlag flag) const { return flags[sim] & flag; }
  void Set(SimId sim, SimFlag flag, bool on) {
    flags[sim] = static_cast<uint8_t>(on ? flags[sim] | flag : flags[sim] & ~flag);
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_SUBSCRIBERS_H_
