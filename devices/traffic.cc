// What a device's sends carry (DEV-3), as the network asks for it, and its data session
// requests while the network refuses them (SOR-4).
#include "devices/traffic.h"

#include <algorithm>

#include "devices/devices.h"
#include "devices/firmware.h"

namespace carriersim {
namespace {

bool Drawn(const TrafficSpec& traffic) {
  return !traffic.uplink.fixed() || !traffic.downlink.fixed();
}

}  // namespace

TrafficTally Devices::Traffic(SimId sim, SimTime from, SimTime to) const {
  if (external(sim)) return ExternalTraffic(sim, from, to);
  const TrafficSpec& traffic = SpecOf(sim).traffic;
  const SimTime anchor = traffic_anchor_[sim];
  const int64_t first = OccurrencesBefore(anchor, traffic.every, from);
  const int64_t sends = OccurrencesBefore(anchor, traffic.every, to) - first;
  if (sends <= 0) return {};
  const SizeKeys keys =
      Drawn(traffic) ? MakeSizeKeys(directory_.seed(), directory_.DeviceKey(sim)) : SizeKeys{};
  return {sends, SumSizes(traffic.uplink, keys.uplink, first, sends),
          SumSizes(traffic.downlink, keys.downlink, first, sends), sends * traffic.sms};
}

SimTime Devices::DataCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold,
                              SimTime bound) {
  if (external(sim)) return ExternalCrossing(sim, from, counted, threshold, false);
  const TrafficSpec& traffic = SpecOf(sim).traffic;
  if (!traffic.sends()) return kNever;
  if (counted >= threshold) return from;
  const SimTime anchor = traffic_anchor_[sim];
  const int64_t k = OccurrencesBefore(anchor, traffic.every, from);
  if (!Drawn(traffic)) {
    // The send that crosses it, plus 1 ms so that usage counted up to then includes that send.
    const int64_t per_send = traffic.uplink.bytes + traffic.downlink.bytes;
    const int64_t sends = (threshold - counted + per_send - 1) / per_send;
    return anchor + (k + sends - 1) * traffic.every + 1;
  }
  // Drawn sizes: send by send, up to `bound` (something else is due by then: the timer will be
  // armed again) and the end of the run, through the device's window of sends summed so far.
  if (windows_.empty()) windows_.resize(drawn_devices_);
  const GroupSpec& group = directory_.GroupOf(sim);
  SendWindow& window = windows_[window_offset_[directory_.group(sim)] + (sim - group.first_sim)];
  const SizeKeys keys = MakeSizeKeys(directory_.seed(), directory_.DeviceKey(sim));
  const int64_t stop =
      OccurrencesBefore(anchor, traffic.every, std::min(bound, directory_.scenario().duration));
  const SendWindow::Answer answer = window.Find(k, threshold - counted, stop, [&](int64_t j) {
    return SendSize(traffic.uplink, keys.uplink, j) + SendSize(traffic.downlink, keys.downlink, j);
  });
  switch (answer.kind) {
    case SendWindow::Answer::Kind::kCrossing:
      return anchor + answer.index * traffic.every + 1;
    case SendWindow::Answer::Kind::kAskAgain:
      return anchor + answer.index * traffic.every;
    case SendWindow::Answer::Kind::kNever:
      break;
  }
  return kNever;
}

SimTime Devices::SmsCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold) const {
  if (external(sim)) return ExternalCrossing(sim, from, counted, threshold, true);
  const TrafficSpec& traffic = SpecOf(sim).traffic;
  if (!traffic.sends() || traffic.sms <= 0) return kNever;
  if (counted >= threshold) return from;
  const SimTime anchor = traffic_anchor_[sim];
  const int64_t k = OccurrencesBefore(anchor, traffic.every, from);
  const int64_t sends = (threshold - counted + traffic.sms - 1) / traffic.sms;
  return anchor + (k + sends - 1) * traffic.every + 1;
}

void Devices::PdnReject(SimId sim, SimTime now) {
  if (external(sim)) {
    // Its firmware asks again when it chooses, not by a policy the network could assume: each
    // refused request is counted as it comes, and the device stops asking (a PDN disconnect)
    // until its firmware asks again.
    ExternalModem& x = Ext(sim);
    if (!x.pdn_up) {
      ++pdn_requests_[sim];
      recorder_.PdnRejects(sim, 1);
    }
    x.pdn_up = false;
    network_.PdnRelease(sim, now);
    ReportExternal(sim, now);
    return;
  }
  if (state_[sim].pdn_refused) return;
  state_[sim].pdn_refused = 1;
  pdn_refused_since_[sim] = now;
}

void Devices::PdnEstablished(SimId sim, SimTime now) {
  EndPdnRefusal(sim, now);
  if (!external(sim)) return;
  Ext(sim).pdn_up = true;
  ReportExternal(sim, now);
}

void Devices::DownlinkSms(SimId sim, SimTime now, int64_t count) {
  if (collect_reports_ && external(sim)) {
    reports_.push_back({sim, now, Ext(sim).shown, count});
  }
}

void Devices::EndPdnRefusal(DeviceId d, SimTime now) {
  if (!state_[d].pdn_refused) return;  // the common case, without touching the cold columns
  state_[d].pdn_refused = 0;
  const uint64_t requests = PdnRequests(SpecOf(d).firmware.pdn_retry, pdn_refused_since_[d], now);
  pdn_requests_[d] += static_cast<uint32_t>(requests);
  recorder_.PdnRejects(d, requests);
}

}  // namespace carriersim
