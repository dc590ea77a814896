// The two doors between the devices and the core network, shaped like the NAS signalling between
// a UE and the core (3GPP TS 24.301). A device model reaches the network only through a
// NetworkPort and the network reaches a device only through a DevicePort: neither includes the
// other's code, and neither writes the other's state. The world wires them together; an external
// modem (AT commands) sits behind the DevicePort side's modem and uses the same NetworkPort, and
// a carrier API request enters the network beside them, so neither side changes for those.
//
// A port is a plain table of function pointers (no virtual call): NetworkPortFor and
// DevicePortFor fill one from any type with the member functions named in it.
//
// Re-entrancy: a call through one port may come back through the other before it returns (an
// attach completes, and the network detaches the device at once because its SIM was suspended
// meanwhile). Each side re-reads its own state after a call instead of assuming it unchanged.
#ifndef CARRIERSIM_NAS_PORTS_H_
#define CARRIERSIM_NAS_PORTS_H_

#include <cstdint>

#include "simulator/base/sim_time.h"
#include "simulator/nas/emm_cause.h"
#include "simulator/nas/messages.h"

namespace carriersim {

// Device -> network.
struct NetworkPort {
  void* network = nullptr;

  // Attach request (TS 24.301 5.5.1.2.2) from `sim`'s device through `cell`. The answer is
  // decided now; the modem receives it after its attach time.
  AttachAnswer (*attach_request)(void* network, SimId sim, uint32_t cell, SimTime now) = nullptr;
  // Attach complete: the accept reached the device, which is now registered. The network applies
  // the SIM's status to it: it may detach the device at once (DevicePort::network_detach).
  void (*attach_complete)(void* network, SimId sim, SimTime now) = nullptr;
  // PDN connectivity request (the default data session) by a registered device: answered with
  // DevicePort::pdn_established or DevicePort::pdn_reject; not answered when the device is not
  // attached, nor again while its session is up.
  void (*pdn_request)(void* network, SimId sim, SimTime now) = nullptr;
  // PDN disconnect: the device ends its data session and stays registered.
  void (*pdn_release)(void* network, SimId sim, SimTime now) = nullptr;
  // The device sent data (or an SMS) in its data session just now: only a device whose sends
  // cannot be foreseen (an external firmware's) says so, so that the network checks its volume
  // thresholds again. Its sends are asked for, as any device's, by DevicePort::traffic.
  void (*data_sent)(void* network, SimId sim, SimTime now) = nullptr;
  // The device leaves the network: a detach when powered off or the SIM is taken out, or a
  // radio link the network notices lost when the cell or the core goes away.
  void (*detach)(void* network, SimId sim, SimTime now, SessionEnd why) = nullptr;
  // Radio: whether `cell` is on the air, and when the outage in progress on it ends. What a
  // modem learns by searching, not a NAS message.
  bool (*cell_up)(const void* network, uint32_t cell) = nullptr;
  SimTime (*cell_back_at)(const void* network, uint32_t cell) = nullptr;

  AttachAnswer AttachRequest(SimId sim, uint32_t cell, SimTime now) const {
    return attach_request(network, sim, cell, now);
  }
  void AttachComplete(SimId sim, SimTime now) const { attach_complete(network, sim, now); }
  void PdnRequest(SimId sim, SimTime now) const { pdn_request(network, sim, now); }
  void PdnRelease(SimId sim, SimTime now) const { pdn_release(network, sim, now); }
  void DataSent(SimId sim, SimTime now) const { data_sent(network, sim, now); }
  void Detach(SimId sim, SimTime now, SessionEnd why) const { detach(network, sim, now, why); }
  bool CellUp(uint32_t cell) const { return cell_up(network, cell); }
  SimTime CellBackAt(uint32_t cell) const { return cell_back_at(network, cell); }
};

// Network -> device.
struct DevicePort {
  void* devices = nullptr;

  // Detach request by the network.
  void (*network_detach)(void* devices, SimId sim, SimTime now,
                         const NetworkDetachRequest& request) = nullptr;
  // The data session was refused, or taken away because the SIM's status bars data (SOR-4): the
  // device stays registered and asks again by its firmware's PDN retry policy.
  void (*pdn_reject)(void* devices, SimId sim, SimTime now) = nullptr;
  // The data session is up.
  void (*pdn_established)(void* devices, SimId sim, SimTime now) = nullptr;
  // SMS the platform sent to the SIM (commands sent through the API) arrived. Commands on the
  // device profile's schedule (`commands-every`) are accounted by arithmetic and not sent.
  void (*downlink_sms)(void* devices, SimId sim, SimTime now, int64_t count) = nullptr;
  // Uplink and downlink data and mobile-originated SMS are accounted by arithmetic rather than
  // a message per transmission: the network asks what the device's sends in [from, to) carried
  // when it accounts for them (a session closes, a status or a month changes).
  TrafficTally (*traffic)(const void* devices, SimId sim, SimTime from, SimTime to) = nullptr;
  // When the device's sends from `from` on take a count now at `counted` bytes to `threshold`:
  // the time just after the send that reaches it (`from` when counted >= threshold; it may be
  // after `bound`); or a time strictly after `from` and before the crossing at which to ask
  // again (the device looks only so far ahead); or kNever when its sends before `bound` cannot
  // reach it.
  SimTime (*data_crossing)(void* devices, SimId sim, SimTime from, int64_t counted,
                           int64_t threshold, SimTime bound) = nullptr;
  // The same for the SMS the device sends (mobile-originated): the time just after the send
  // that takes `counted` to `threshold`, or kNever when it sends none.
  SimTime (*sms_crossing)(const void* devices, SimId sim, SimTime from, int64_t counted,
                          int64_t threshold) = nullptr;

  void NetworkDetach(SimId sim, SimTime now, const NetworkDetachRequest& request) const {
    network_detach(devices, sim, now, request);
  }
  void PdnReject(SimId sim, SimTime now) const { pdn_reject(devices, sim, now); }
  void PdnEstablished(SimId sim, SimTime now) const { pdn_established(devices, sim, now); }
  void DownlinkSms(SimId sim, SimTime now, int64_t count) const {
    downlink_sms(devices, sim, now, count);
  }
  TrafficTally Traffic(SimId sim, SimTime from, SimTime to) const {
    return traffic(devices, sim, from, to);
  }
  SimTime DataCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold,
                       SimTime bound) const {
    return data_crossing(devices, sim, from, counted, threshold, bound);
  }
  SimTime SmsCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold) const {
    return sms_crossing(devices, sim, from, counted, threshold);
  }
};

// A NetworkPort onto `network`, an object with member functions named like the port's.
template <typename Network>
NetworkPort NetworkPortFor(Network* network) {
  NetworkPort p;
  p.network = network;
  p.attach_request = [](void* n, SimId sim, uint32_t cell, SimTime now) {
    return static_cast<Network*>(n)->AttachRequest(sim, cell, now);
  };
  p.attach_complete = [](void* n, SimId sim, SimTime now) {
    static_cast<Network*>(n)->AttachComplete(sim, now);
  };
  p.pdn_request = [](void* n, SimId sim, SimTime now) {
    static_cast<Network*>(n)->PdnRequest(sim, now);
  };
  p.pdn_release = [](void* n, SimId sim, SimTime now) {
    static_cast<Network*>(n)->PdnRelease(sim, now);
  };
  p.data_sent = [](void* n, SimId sim, SimTime now) {
    static_cast<Network*>(n)->DataSent(sim, now);
  };
  p.detach = [](void* n, SimId sim, SimTime now, SessionEnd why) {
    static_cast<Network*>(n)->Detach(sim, now, why);
  };
  p.cell_up = [](const void* n, uint32_t cell) {
    return static_cast<const Network*>(n)->CellUp(cell);
  };
  p.cell_back_at = [](const void* n, uint32_t cell) {
    return static_cast<const Network*>(n)->CellBackAt(cell);
  };
  return p;
}

// A DevicePort onto `devices`, an object with member functions named like the port's.
template <typename Devices>
DevicePort DevicePortFor(Devices* devices) {
  DevicePort p;
  p.devices = devices;
  p.network_detach = [](void* d, SimId sim, SimTime now, const NetworkDetachRequest& request) {
    static_cast<Devices*>(d)->NetworkDetach(sim, now, request);
  };
  p.pdn_reject = [](void* d, SimId sim, SimTime now) {
    static_cast<Devices*>(d)->PdnReject(sim, now);
  };
  p.pdn_established = [](void* d, SimId sim, SimTime now) {
    static_cast<Devices*>(d)->PdnEstablished(sim, now);
  };
  p.downlink_sms = [](void* d, SimId sim, SimTime now, int64_t count) {
    static_cast<Devices*>(d)->DownlinkSms(sim, now, count);
  };
  p.traffic = [](const void* d, SimId sim, SimTime from, SimTime to) {
    return static_cast<const Devices*>(d)->Traffic(sim, from, to);
  };
  p.data_crossing = [](void* d, SimId sim, SimTime from, int64_t counted, int64_t threshold,
                       SimTime bound) {
    return static_cast<Devices*>(d)->DataCrossing(sim, from, counted, threshold, bound);
  };
  p.sms_crossing = [](const void* d, SimId sim, SimTime from, int64_t counted,
                      int64_t threshold) {
    return static_cast<const Devices*>(d)->SmsCrossing(sim, from, counted, threshold);
  };
  return p;
}

}  // namespace carriersim

#endif  // CARRIERSIM_NAS_PORTS_H_
