// Data sessions (NET-5), whose usage is accounted with the counters (counting.cc); and the
// commands (SMS) the platform sends a device on its schedule (DEV-3).
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
  Account(sim, now);
  subs_.online[sim] = 0;
  recorder_.SessionClosed(subs_.session_record[sim], now, why);
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
