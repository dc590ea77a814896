#include "simulator/network/core_network.h"

#include "devices/modem.h"
#include "devices/traffic.h"

namespace carriersim {

AttachAnswer HandleAttach(World& world, SimId sim, SimTime now) {
  SignalingCounters& group = world.metrics.by_group[world.subscribers.group[sim]];
  ++world.metrics.total.attach_attempts;
  ++group.attach_attempts;

  const CarrierProfile& profile = world.ProfileOf(sim);
  const AttachRule* rule = &profile.statuses[world.subscribers.status[sim]].attach;
  if (rule->kind == AttachRule::Kind::kBecomeThenAccept) {
    // The loader guarantees that the target status answers attaches itself (no chains).
    SetStatus(world, sim, rule->become, now, ChangeCause::kDeviceAttach);
    rule = &profile.statuses[rule->become].attach;
  }
  AttachAnswer answer;
  if (rule->kind == AttachRule::Kind::kReject) {
    answer.cause = rule->cause;
    ++world.metrics.total.rejects_by_cause[rule->cause];
    ++group.rejects_by_cause[rule->cause];
    return answer;
  }
  ++world.metrics.total.attach_accepts;
  ++group.attach_accepts;
  answer.accepted = true;
  answer.data_allowed = profile.statuses[world.subscribers.status[sim]].data;
  return answer;
}

VerbResult ApplyVerb(World& world, SimId sim, VerbId verb_id, SimTime now) {
  const VerbDef& verb = world.ProfileOf(sim).verbs[verb_id];
  const StatusId status = world.subscribers.status[sim];
  if (status == verb.to) return VerbResult::kUnchanged;
  if (!verb.AllowedFrom(status)) return VerbResult::kRefused;
  SetStatus(world, sim, verb.to, now, ChangeCause::kApi);
  return VerbResult::kApplied;
}

void SetStatus(World& world, SimId sim, StatusId to, SimTime now, ChangeCause cause) {
  Subscribers& subs = world.subscribers;
  const StatusId from = subs.status[sim];
  if (from == to) return;
  subs.status[sim] = to;
  world.history.changes.push_back(StatusChange{now, sim, from, to, cause});

  // What the new status means for a device that is attached right now.
  if (world.fleet.modem[sim] != ModemState::kRegistered) return;
  const CarrierProfile& profile = world.ProfileOf(sim);
  const StatusDef& status = profile.statuses[to];
  if (status.attach.kind == AttachRule::Kind::kReject) {
    const bool reattach = profile.blocked_detach == BlockedDetach::kReattachRequired;
    for (SignalingCounters* c : {&world.metrics.total, &world.metrics.by_group[subs.group[sim]]}) {
      ++c->network_detaches;
      if (!reattach) ++c->detaches_by_cause[status.attach.cause];
    }
    CloseSession(world, sim, now);
    OnNetworkDetach(world, sim, now, status.attach.cause, reattach);
  } else if (!status.data && subs.online[sim]) {
    CloseSession(world, sim, now);
  } else if (status.data && !subs.online[sim]) {
    OpenSession(world, sim, now);
  }
}

void OpenSession(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (subs.online[sim]) return;
  subs.online[sim] = 1;
  subs.session_start[sim] = now;
  ++world.metrics.total.sessions_opened;
  ++world.metrics.by_group[subs.group[sim]].sessions_opened;
}

void CloseSession(World& world, SimId sim, SimTime now) {
  if (!world.subscribers.online[sim]) return;
  AccrueUsage(world, sim, now);
  world.subscribers.online[sim] = 0;
}

void AccrueUsage(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (!subs.online[sim]) return;
  const TrafficSpec& traffic = world.DeviceSpecOf(sim).traffic;
  const int64_t sends =
      CountSends(world.fleet.traffic_anchor[sim], traffic.every, subs.session_start[sim], now);
  subs.uplink_bytes[sim] += sends * traffic.uplink_bytes;
  subs.downlink_bytes[sim] += sends * traffic.downlink_bytes;
  subs.online_ms[sim] += now - subs.session_start[sim];
  subs.session_start[sim] = now;
}

}  // namespace carriersim
