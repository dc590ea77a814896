// Devices driven by an external firmware (external.h): what its AT commands do to the modem
// model, the status the AT side shows, and the traffic it sent.
#include <algorithm>

#include "devices/devices.h"

namespace carriersim {

void Devices::SetUpExternal() {
  const Scenario& s = directory_.scenario();
  uint32_t count = 0;
  for (const GroupSpec& group : s.groups) {
    external_offset_.push_back(count);
    if (s.devices[group.device].external) count += static_cast<uint32_t>(group.count);
  }
  if (count == 0) external_offset_.clear();
  external_.resize(count);
}

ExternalStatus Devices::StatusOfExternal(DeviceId d) const {
  const ExternalModem& x = Ext(d);
  const DeviceState& s = state_[d];
  return {x.powered, x.fun, x.automatic, s.modem, x.last_cause, x.pdn_up, network_.CellUp(s.cell),
          s.cell};
}

void Devices::ReportExternal(DeviceId d, SimTime now) {
  ExternalModem& x = Ext(d);
  const ExternalStatus status = StatusOfExternal(d);
  if (status == x.shown) return;
  x.shown = status;
  if (collect_reports_) reports_.push_back({d, now, status, 0});
}

void Devices::NoteReject(DeviceId d, EmmCause cause) {
  if (!external_.empty() && SpecOf(d).external) Ext(d).last_cause = cause;
}

// Power comes on: the module boots as it was configured to, with full functionality and
// automatic registration (what AT+CFUN and AT+COPS set is not kept across a power cycle).
bool Devices::ExternalPowerOn(DeviceId d) {
  ExternalModem& x = Ext(d);
  if (x.powered) return false;
  x.powered = true;
  x.fun = 1;
  x.automatic = true;
  x.invalid_kept = false;
  x.last_cause = 0;
  return true;
}

bool Devices::ExternalPowerOff(DeviceId d) {
  ExternalModem& x = Ext(d);
  if (!x.powered) return false;
  x.powered = false;
  x.pdn_up = false;
  return true;
}

// The radio goes off (AT+CFUN=0|4) or the modem stops registering (AT+COPS=2): a detach if
// registered. An invalid SIM stays invalid unless the SIM is powered down too (CFUN=0).
void Devices::RadioOff(DeviceId d, SimTime now, SessionEnd why) {
  DeviceState& s = state_[d];
  ExternalModem& x = Ext(d);
  x.invalid_kept = x.invalid_kept || s.modem == ModemState::kSimInvalid;
  if (s.modem == ModemState::kRegistered) LeaveNetwork(d, now, why);
  timers_.modem.Cancel(d);
  timers_.firmware.Cancel(d);
  s.modem = ModemState::kOff;
  x.pdn_up = false;
}

// The radio comes back with automatic registration: the modem searches as after a boot.
void Devices::RadioOn(DeviceId d, SimTime now) {
  ExternalModem& x = Ext(d);
  if (x.fun != 1 || !x.automatic || state_[d].modem != ModemState::kOff) return;
  if (x.invalid_kept) {
    state_[d].modem = ModemState::kSimInvalid;
    return;
  }
  x.last_cause = 0;
  StartModem(d, now);
}

bool Devices::SetFunctionality(DeviceId d, int fun, SimTime now) {
  ExternalModem& x = Ext(d);
  if (!x.powered || fun == x.fun || (fun != 0 && fun != 1 && fun != 4)) return false;
  x.fun = static_cast<uint8_t>(fun);
  if (fun == 1) {
    RadioOn(d, now);
  } else {
    RadioOff(d, now, SessionEnd::kPowerOff);  // a switch-off detach (TS 24.301 5.5.2.2)
    if (fun == 0) x.invalid_kept = false;     // the SIM powered down forgets it (NET-1)
  }
  ReportExternal(d, now);
  return true;
}

bool Devices::ResetModem(DeviceId d, SimTime now) {
  if (!Ext(d).powered) return false;
  PowerOff(d, now, SessionEnd::kPowerOff);
  PowerOn(d, now);
  ++reboots_[d];
  ReportExternal(d, now);
  return true;
}

bool Devices::SetAutomatic(DeviceId d, bool automatic, SimTime now) {
  ExternalModem& x = Ext(d);
  if (!x.powered || automatic == x.automatic) return false;
  x.automatic = automatic;
  if (x.fun == 1) {
    if (automatic) {
      RadioOn(d, now);
    } else {
      RadioOff(d, now, SessionEnd::kDeviceDetach);
    }
  }
  ReportExternal(d, now);
  return true;
}

bool Devices::RequestPdn(DeviceId d, SimTime now) {
  if (state_[d].modem != ModemState::kRegistered || Ext(d).pdn_up) return false;
  network_.PdnRequest(d, now);  // answered at once: PdnEstablished or PdnReject
  ReportExternal(d, now);
  return true;
}

bool Devices::ReleasePdn(DeviceId d, SimTime now) {
  ExternalModem& x = Ext(d);
  if (!x.pdn_up) return false;
  x.pdn_up = false;
  network_.PdnRelease(d, now);
  ReportExternal(d, now);
  return true;
}

// A send in the data session, kept as running totals; sends in one millisecond are one entry.
bool Devices::AddSend(DeviceId d, SimTime now, int64_t bytes, int64_t sms) {
  ExternalModem& x = Ext(d);
  if (!x.pdn_up || bytes < 0 || (bytes == 0 && sms == 0)) return false;
  ExternalSend last = x.sent.empty() ? ExternalSend{} : x.sent.back();
  if (x.sent.empty() || last.at != now)
    x.sent.push_back(ExternalSend{now, last.sends, last.uplink, last.downlink, last.sms});
  ExternalSend& entry = x.sent.back();
  ++entry.sends;
  entry.uplink += bytes;
  entry.downlink += bytes;  // the echo service sends every byte back
  entry.sms += sms;
  network_.DataSent(d, now);
  return true;
}

bool Devices::SendData(DeviceId d, int64_t bytes, SimTime now) {
  return bytes > 0 && AddSend(d, now, bytes, 0);
}

bool Devices::SendSms(DeviceId d, SimTime now) { return AddSend(d, now, 0, 1); }

namespace {

// The running totals before the first send at or after `t`.
ExternalSend TotalsBefore(const std::vector<ExternalSend>& sent, SimTime t) {
  const auto it = std::lower_bound(sent.begin(), sent.end(), t,
                                   [](const ExternalSend& e, SimTime at) { return e.at < at; });
  return it == sent.begin() ? ExternalSend{} : *(it - 1);
}

}  // namespace

TrafficTally Devices::ExternalTraffic(DeviceId d, SimTime from, SimTime to) const {
  const std::vector<ExternalSend>& sent = Ext(d).sent;
  if (from >= to) return {};
  const ExternalSend a = TotalsBefore(sent, from), b = TotalsBefore(sent, to);
  return {b.sends - a.sends, b.uplink - a.uplink, b.downlink - a.downlink, b.sms - a.sms};
}

// Sends to come cannot be foreseen: only those already made can cross a threshold (the device
// tells the network of each new one, which asks again).
SimTime Devices::ExternalCrossing(DeviceId d, SimTime from, int64_t counted, int64_t threshold,
                                  bool sms) const {
  if (counted >= threshold) return from;
  const std::vector<ExternalSend>& sent = Ext(d).sent;
  const ExternalSend base = TotalsBefore(sent, from);
  const auto value = [sms](const ExternalSend& e) { return sms ? e.sms : e.uplink + e.downlink; };
  const int64_t target = value(base) + (threshold - counted);
  const auto it = std::lower_bound(sent.begin(), sent.end(), target,
                                   [&](const ExternalSend& e, int64_t v) { return value(e) < v; });
  return it == sent.end() ? kNever : it->at + 1;
}

}  // namespace carriersim
