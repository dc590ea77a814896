// The core network's view of every SIM: subscriber status and session, one array per field,
// indexed by SimId. SIM i sits in device i (one SIM per device), so SimId is also the device id.
#ifndef CARRIERSIM_NETWORK_SUBSCRIBERS_H_
#define CARRIERSIM_NETWORK_SUBSCRIBERS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/carrier/profile.h"

namespace carriersim {

using SimId = uint32_t;

struct Subscribers {
  std::vector<uint32_t> group;  // index into Scenario::groups (which gives the carrier)
  std::vector<PlanId> plan;
  std::vector<StatusId> status;
  // Session status (NET-5): a SIM is online while its device has an accepted data session.
  std::vector<uint8_t> online;
  std::vector<SimTime> session_start;
  std::vector<int64_t> uplink_bytes;
  std::vector<int64_t> downlink_bytes;
  std::vector<SimTime> online_ms;  // total time with a data session

  explicit Subscribers(size_t count)
      : group(count),
        plan(count),
        status(count),
        online(count),
        session_start(count),
        uplink_bytes(count),
        downlink_bytes(count),
        online_ms(count) {}
  size_t size() const { return status.size(); }
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_SUBSCRIBERS_H_
