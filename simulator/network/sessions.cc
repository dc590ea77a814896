// Data sessions (NET-5) and the usage they carry, accounted by arithmetic over the device's
// sends and split by calendar month for billing and usage limits; and the commands (SMS) the
// platform sends a device on its schedule (DEV-3).
#include <algorithm>

#include "simulator/base/periodic.h"
#include "simulator/network/network.h"

namespace carriersim {

void Network::OpenSession(SimId sim, SimTime now) {
  if (subs_.online[sim]) return;
  subs_.online[sim] = 1;
  subs_.session_start[sim] = now;
  subs_.session_record[sim] = recorder_.SessionOpened(sim, now);
  ArmSubscriptionTimer(sim, now);  // data now flows towards volume thresholds
  devices_.PdnEstablished(sim, now);
}

void Network::CloseSession(SimId sim, SimTime now, SessionEnd why) {
  if (!subs_.online[sim]) return;
  AccrueUsage(sim, now);
  subs_.online[sim] = 0;
  recorder_.SessionClosed(subs_.session_record[sim], now, why);
}

void Network::AccrueUsage(SimId sim, SimTime now) {
  if (!subs_.online[sim] || now <= subs_.session_start[sim]) return;
  const Tariff& tariff = directory_.ProfileOf(sim).plans[billing_.plan(sim)].tariff;
  const UnixMillis start = scenario_.start;
  // Month by month: fees and usage limits count calendar months.
  for (SimTime a = subs_.session_start[sim]; a < now;) {
    const SimTime b = std::min(now, months_.NextStart(start + a) - start);
    const TrafficTally sent = devices_.Traffic(sim, a, b);
    if (sent.sends > 0) {
      const int64_t bytes = sent.uplink + sent.downlink;
      subs_.uplink_bytes[sim] += sent.uplink;
      subs_.downlink_bytes[sim] += sent.downlink;
      subs_.sms_sent[sim] += sent.sms;
      subs_.status_bytes[sim] += bytes;
      const int32_t month = static_cast<int32_t>(months_.Index(start + a));
      if (subs_.usage_month[sim] != month) {
        subs_.usage_month[sim] = month;
        subs_.month_bytes[sim] = 0;
      }
      subs_.month_bytes[sim] += bytes;
      billing_.AddUsage(sim, tariff, subs_.stable[sim], month, bytes);
    }
    a = b;
  }
  subs_.online_ms[sim] += now - subs_.session_start[sim];
  subs_.session_start[sim] = now;
}

SimTime Network::CommandAnchor(SimId sim) const {
  const SimTime every = directory_.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0) return 0;
  RandomStream rng =
      MakeStream(directory_.seed(), directory_.DeviceKey(sim), StreamPurpose::kCommandPhase);
  return static_cast<SimTime>(UniformBelow(rng, static_cast<uint64_t>(every)));
}

int64_t Network::ScheduledCommands(SimId sim, SimTime now) const {
  const SimTime every = directory_.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0 || !StableStatusOf(sim).sms) return 0;
  return OccurrencesIn(CommandAnchor(sim), every, subs_.stable_since[sim], now);
}

}  // namespace carriersim
