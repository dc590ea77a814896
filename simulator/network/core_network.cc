#include "simulator/network/core_network.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "devices/firmware.h"
#include "devices/modem.h"
#include "devices/traffic.h"
#include "simulator/base/calendar.h"
#include "simulator/network/lifecycle.h"

namespace carriersim {
namespace {

// SOR-7: counts the attempt when the SIM is in a storm status; past the threshold the network
// forces it into the profile's storm status, without notice. True when it did.
bool CheckStorm(World& world, SimId sim, SimTime now) {
  const StormRule& storm = world.ProfileOf(sim).storm;
  if (!storm.enabled || !InSet(storm.statuses, world.subscribers.stable[sim])) return false;
  if (world.storms.Count(sim, now, storm.window) <= storm.attempts) return false;
  world.storms.Reset(sim);
  world.forced_reactivations.push_back({now, sim});
  SetStatus(world, sim, storm.to, now, ChangeCause::kStorm);
  return true;
}

}  // namespace

void CountAttemptWithoutCell(World& world, SimId sim) {
  ++world.metrics.total.attempts_without_cell;
  ++world.metrics.by_group[world.subscribers.group[sim]].attempts_without_cell;
}

AttachAnswer HandleAttach(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  const uint32_t cell = world.fleet.cell[sim];
  if (world.cells.down(cell)) {
    CountAttemptWithoutCell(world, sim);
    return {AttachOutcome::kNoCell, 0};
  }
  SignalingCounters& group = world.metrics.by_group[subs.group[sim]];
  CellStats& at_cell = world.cells.stats[cell];
  ++world.metrics.total.attach_attempts;
  ++group.attach_attempts;
  if (!world.cells.Admit(world.scenario.cells[cell], cell, now)) {
    for (SignalingCounters* c : {&world.metrics.total, &group}) ++c->rejects_by_cause[kCauseCongestion];
    ++at_cell.rejects_by_cause[kCauseCongestion];
    if (world.fleet.recovering[sim] == 0) {
      ++at_cell.collateral;
      ++world.metrics.total.collateral_congestion;
      ++group.collateral_congestion;
    }
    return {AttachOutcome::kRejected, kCauseCongestion};
  }
  if (world.core_outages > 0) {
    ++at_cell.unanswered;
    ++world.metrics.total.unanswered;
    ++group.unanswered;
    return {AttachOutcome::kNoAnswer, 0};
  }
  CheckStorm(world, sim, now);

  const CarrierProfile& profile = world.ProfileOf(sim);
  const AttachRule* rule = &world.StableStatusOf(sim).attach;
  if (rule->kind == AttachRule::Kind::kBecomeThenAccept) {
    // The loader guarantees that the target status answers attaches itself (no chains).
    const StatusId target = subs.Has(sim, kTestMode) && rule->become_in_test_mode
                                ? *rule->become_in_test_mode
                                : rule->become;
    SetStatus(world, sim, target, now, ChangeCause::kDeviceAttach);
    rule = &profile.statuses[target].attach;
  }
  if (rule->kind == AttachRule::Kind::kReject) {
    ++world.metrics.total.rejects_by_cause[rule->cause];
    ++group.rejects_by_cause[rule->cause];
    ++at_cell.rejects_by_cause[rule->cause];
    return {AttachOutcome::kRejected, rule->cause};
  }
  ++world.metrics.total.attach_accepts;
  ++group.attach_accepts;
  ++at_cell.accepts;
  return {AttachOutcome::kAccepted, 0};
}

void ApplyStatusToDevice(World& world, SimId sim, SimTime now) {
  if (world.fleet.modem[sim] != ModemState::kRegistered) return;
  const CarrierProfile& profile = world.ProfileOf(sim);
  const StatusDef& status = world.StableStatusOf(sim);
  Subscribers& subs = world.subscribers;
  if (status.attach.kind != AttachRule::Kind::kAccept) {
    // A status that rejects attaches detaches the device as the profile says. One that changes
    // on attach (standby) detaches it with "re-attach required": a device left on attaches
    // again and reactivates the SIM, which is why Soracom says to power devices off first.
    const bool reattach = status.attach.kind == AttachRule::Kind::kBecomeThenAccept ||
                          profile.blocked_detach == BlockedDetach::kReattachRequired;
    for (SignalingCounters* c : {&world.metrics.total, &world.metrics.by_group[subs.group[sim]]}) {
      ++c->network_detaches;
      if (!reattach) ++c->detaches_by_cause[status.attach.cause];
    }
    CloseSession(world, sim, now, SessionEnd::kDetached);
    OnNetworkDetach(world, sim, now, status.attach.cause, reattach);
  } else if (!status.data) {
    // SOR-4: attached, but each data session request is refused; the device keeps asking.
    if (subs.online[sim]) CloseSession(world, sim, now, SessionEnd::kDataBarred);
    StartPdnRefusal(world, sim, now);
  } else if (!subs.online[sim]) {
    OpenSession(world, sim, now);
  }
}

void SetStatus(World& world, SimId sim, StatusId to, SimTime now, ChangeCause cause) {
  Subscribers& subs = world.subscribers;
  const StatusId from = subs.status[sim];
  if (from == to) return;
  if (world.ProfileOf(sim).statuses[from].final) {
    // The loader rules out every way out of a final status; getting here is a bug of ours.
    throw std::logic_error("SIM " + std::to_string(sim) + " would leave the final status '" +
                           world.ProfileOf(sim).statuses[from].name + "'");
  }
  world.history.changes.push_back(StatusChange{now, sim, from, to, cause});
  subs.status[sim] = to;
  subs.entered[sim] = now;
  const CarrierProfile& profile = world.ProfileOf(sim);
  // Only the network's own pause for a usage limit ends with the month (HOL-5): once anything
  // else moves the SIM (resume, deactivate), the month end no longer concerns it.
  if (subs.Has(sim, kLimitPaused) && to != profile.usage_limit.to) {
    subs.Set(sim, kLimitPaused, false);
  }
  const StatusDef& status = profile.statuses[to];
  if (!status.transient && to != subs.stable[sim]) {
    AccrueUsage(world, sim, now);  // the usage so far belongs to the old status
    subs.commands_received[sim] += ScheduledCommands(world, sim, now);
    const StatusId old = subs.stable[sim];
    const SimTime since = subs.stable_since[sim];
    world.ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      world.billing.ChangeStatus(sub, tariff, old, since, to, now);
    });
    subs.previous[sim] = old;
    subs.stable[sim] = to;
    subs.stable_since[sim] = now;
    subs.status_bytes[sim] = 0;
    subs.commands[sim] = 0;
    ApplyStatusToDevice(world, sim, now);
  }
  ArmSubscriptionTimer(world, sim, now);
}

void OpenSession(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (subs.online[sim]) return;
  EndPdnRefusal(world, sim, now);
  subs.online[sim] = 1;
  subs.session_start[sim] = now;
  subs.session_record[sim] = world.sessions.records.size();
  world.sessions.records.push_back(SessionRecord{sim, SessionEnd::kOpen, now, kNever});
  ++world.metrics.total.sessions_opened;
  ++world.metrics.by_group[subs.group[sim]].sessions_opened;
  ArmSubscriptionTimer(world, sim, now);  // data now flows towards volume thresholds
}

void CloseSession(World& world, SimId sim, SimTime now, SessionEnd why) {
  Subscribers& subs = world.subscribers;
  if (!subs.online[sim]) {
    EndPdnRefusal(world, sim, now);  // online and refused exclude each other
    return;
  }
  AccrueUsage(world, sim, now);
  subs.online[sim] = 0;
  SessionRecord& record = world.sessions.records[subs.session_record[sim]];
  record.end = why;
  record.closed = now;
}

SessionUsage UsageOf(const World& world, const SessionRecord& record) {
  const TrafficSpec& traffic = world.DeviceSpecOf(record.sim).traffic;
  const SimTime anchor = world.fleet.traffic_anchor[record.sim];
  const int64_t first = SendsBefore(anchor, traffic.every, record.opened);
  const int64_t sends =
      SendsBefore(anchor, traffic.every, std::min(record.closed, world.scenario.duration)) - first;
  if (sends <= 0) return {};
  const bool drawn = !traffic.uplink.fixed() || !traffic.downlink.fixed();
  const SizeKeys keys = drawn ? MakeSizeKeys(world.seed, world.DeviceKey(record.sim)) : SizeKeys{};
  return {SumSizes(traffic.uplink, keys.uplink, first, sends),
          SumSizes(traffic.downlink, keys.downlink, first, sends), sends * traffic.sms};
}

void StartPdnRefusal(World& world, SimId sim, SimTime now) {
  SimTime& since = world.fleet.pdn_refused_since[sim];
  if (since == kNever) since = now;
}

void EndPdnRefusal(World& world, SimId sim, SimTime now) {
  SimTime& since = world.fleet.pdn_refused_since[sim];
  if (since == kNever) return;
  const uint64_t requests = PdnRequests(world.DeviceSpecOf(sim).firmware.pdn_retry, since, now);
  world.fleet.pdn_requests[sim] += static_cast<uint32_t>(requests);
  world.metrics.total.pdn_rejects += requests;
  world.metrics.by_group[world.subscribers.group[sim]].pdn_rejects += requests;
  since = kNever;
}

void AccrueUsage(World& world, SimId sim, SimTime now) {
  Subscribers& subs = world.subscribers;
  if (!subs.online[sim] || now <= subs.session_start[sim]) return;
  const TrafficSpec& traffic = world.DeviceSpecOf(sim).traffic;
  const Tariff& tariff = world.PlanOf(sim).tariff;
  const UnixMillis start = world.scenario.start;
  const SimTime anchor = world.fleet.traffic_anchor[sim];
  const bool drawn = !traffic.uplink.fixed() || !traffic.downlink.fixed();
  const SizeKeys keys = drawn ? MakeSizeKeys(world.seed, world.DeviceKey(sim)) : SizeKeys{};
  // Month by month: fees and usage limits count calendar months.
  for (SimTime a = subs.session_start[sim]; a < now;) {
    const SimTime b = std::min(now, world.months.NextStart(start + a) - start);
    const int64_t first = SendsBefore(anchor, traffic.every, a);
    const int64_t sends = SendsBefore(anchor, traffic.every, b) - first;
    if (sends > 0) {
      const int64_t up = SumSizes(traffic.uplink, keys.uplink, first, sends);
      const int64_t down = SumSizes(traffic.downlink, keys.downlink, first, sends);
      subs.uplink_bytes[sim] += up;
      subs.downlink_bytes[sim] += down;
      subs.sms_sent[sim] += sends * traffic.sms;
      subs.status_bytes[sim] += up + down;
      const int32_t month = static_cast<int32_t>(world.months.Index(start + a));
      if (subs.usage_month[sim] != month) {
        subs.usage_month[sim] = month;
        subs.month_bytes[sim] = 0;
      }
      subs.month_bytes[sim] += up + down;
      world.billing.AddUsage(sim, tariff, subs.stable[sim], month, up + down);
    }
    a = b;
  }
  subs.online_ms[sim] += now - subs.session_start[sim];
  subs.session_start[sim] = now;
}

SimTime CommandAnchor(const World& world, SimId sim) {
  const SimTime every = world.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0) return 0;
  RandomStream rng = MakeStream(world.seed, world.DeviceKey(sim), StreamPurpose::kCommandPhase);
  return static_cast<SimTime>(UniformBelow(rng, static_cast<uint64_t>(every)));
}

int64_t ScheduledCommands(const World& world, SimId sim, SimTime now) {
  const SimTime every = world.DeviceSpecOf(sim).traffic.commands_every;
  if (every <= 0 || !world.StableStatusOf(sim).sms) return 0;
  return CountSends(CommandAnchor(world, sim), every, world.subscribers.stable_since[sim], now);
}

void FinishRun(World& world, SimId sim, SimTime end) {
  Subscribers& subs = world.subscribers;
  AccrueUsage(world, sim, end);
  EndPdnRefusal(world, sim, end);
  subs.commands_received[sim] += ScheduledCommands(world, sim, end);
}

SimTime UpstreamBackAt(const CarrierSpec& carrier, SimTime now) {
  for (const Outage& o : carrier.upstream_outages) {
    if (o.from <= now && now < o.to) return o.to;
  }
  return now;
}

}  // namespace carriersim
