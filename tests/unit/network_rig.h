// The core network on its own, behind a scripted device side (simulator/nas/ports.h): the rig
// the network seam tests share. The tests send NAS messages and carrier API calls straight into
// a Network, run the engine for the network's own subscription timers, and check both the
// answers and every message the network sent back through its DevicePort. No Devices and no
// World take part.
#ifndef CARRIERSIM_TESTS_UNIT_NETWORK_RIG_H_
#define CARRIERSIM_TESTS_UNIT_NETWORK_RIG_H_

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/billing/billing.h"
#include "simulator/billing/ledger.h"
#include "simulator/engine/engine.h"
#include "simulator/nas/ports.h"
#include "simulator/network/network.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/sim_directory.h"
#include "tests/test_util.h"

namespace carriersim::test::network_seam {

// Entities as world.cc numbers them: SIM i is entity i + 1; the network owns timer slot 1.
constexpr EntityId kFirstSimEntity = 1;
constexpr EventTag kSubscriptionSlot = 1;

constexpr int64_t kKB = 1024;
constexpr int64_t kMB = 1024 * kKB;

// Cells, in the order of kScenario: `open` has no capacity limit, `metro` one attach a second.
constexpr uint32_t kOpen = 0;
constexpr uint32_t kMetro = 1;

// SIMs, in fleet order.
constexpr SimId kFresh = 0;  // fresh#0, fresh#1: new Soracom SIMs, in ready
constexpr SimId kIdle = 2;   // idle#0: inactive (SOR-4)
constexpr SimId kTrial = 3;  // trial#0: ready, test mode enabled in advance (SOR-2, SOR-12)
constexpr SimId kKore = 4;   // kore#0: KORE ready, a command a day on the platform's schedule
constexpr SimId kBusy = 5;   // busy#0: a profile whose suspended rejects with #22

constexpr const char* kScenario = R"(name: network-seam
start: 2026-01-01T00:00:00Z
duration: 60d
carriers:
  soracom: { profile: soracom }
  kore: { profile: kore }
  busy:
    profile: soracom
    overrides:
      statuses:
        suspended: { attach: { reject: 22 } }
      network: { blocked-detach: with-cause }
devices:
  tracker: { boot: 10s }
  commanded: { boot: 10s, traffic: { every: 1d, commands-every: 1d } }
network:
  cells:
    - { name: open }
    - { name: metro, capacity: 1/s, t3346: 10m..20m }
fleet:
  - { group: fresh, count: 2, carrier: soracom, plan: plan01s, device: tracker }
  - { group: idle, count: 1, carrier: soracom, plan: plan01s, device: tracker, status: inactive }
  - { group: trial, count: 1, carrier: soracom, plan: plan01s, device: tracker, test-mode: true }
  - { group: kore, count: 1, carrier: kore, plan: standard, device: commanded, status: ready }
  - { group: busy, count: 1, carrier: busy, plan: plan01s, device: tracker }
)";

// A message the network sent to the device side.
struct Received {
  enum class Kind { kNetworkDetach, kPdnReject, kPdnEstablished, kDownlinkSms };
  Kind kind;
  SimTime time;
  SimId sim;
  NetworkDetachRequest detach{};  // kNetworkDetach
  int64_t count = 0;              // kDownlinkSms
};

struct TrafficQuery {
  SimId sim;
  SimTime from;
  SimTime to;
};

struct CrossingQuery {
  SimId sim;
  SimTime from;
  int64_t counted;
  int64_t threshold;
  SimTime bound;
};

// The device side, scripted. Every device sends `uplink` and `downlink` bytes at k * every
// (k = 0, 1, ...; phase 0) and answers the network's questions from that schedule alone, by
// arithmetic of its own; it records everything the network says or asks.
class ScriptedDevices {
 public:
  SimTime every = kHour;
  int64_t uplink = 2 * kKB;
  int64_t downlink = 512;
  // How far DataCrossing looks ahead: a crossing further from `from` is answered with "ask
  // again" at from + look_ahead, as the device model does for drawn sizes.
  SimTime look_ahead = kNever;

  std::vector<Received> received;
  mutable std::vector<TrafficQuery> traffic_queries;
  std::vector<CrossingQuery> crossing_queries;

  void NetworkDetach(SimId sim, SimTime now, const NetworkDetachRequest& request) {
    received.push_back({Received::Kind::kNetworkDetach, now, sim, request});
  }
  void PdnReject(SimId sim, SimTime now) {
    received.push_back({Received::Kind::kPdnReject, now, sim});
  }
  void PdnEstablished(SimId sim, SimTime now) {
    received.push_back({Received::Kind::kPdnEstablished, now, sim});
  }
  void DownlinkSms(SimId sim, SimTime now, int64_t count) {
    received.push_back({Received::Kind::kDownlinkSms, now, sim, {}, count});
  }
  TrafficTally Traffic(SimId sim, SimTime from, SimTime to) const {
    traffic_queries.push_back({sim, from, to});
    const int64_t sends = SendsBefore(to) - SendsBefore(from);
    if (sends <= 0) return {};
    return {sends, sends * uplink, sends * downlink, 0};
  }
  // The scripted devices send no SMS.
  SimTime SmsCrossing(SimId, SimTime, int64_t, int64_t) const { return kNever; }
  SimTime DataCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold, SimTime bound) {
    crossing_queries.push_back({sim, from, counted, threshold, bound});
    if (counted >= threshold) return from;
    const int64_t per_send = uplink + downlink;
    if (per_send == 0) return kNever;
    const int64_t sends = (threshold - counted + per_send - 1) / per_send;
    // Just after the send that reaches it, so that usage counted up to then includes it.
    const SimTime crossing = (SendsBefore(from) + sends - 1) * every + 1;
    return crossing - from > look_ahead ? from + look_ahead : crossing;
  }

  // Sends strictly before t: those at 0, every, 2 * every, ... below t.
  int64_t SendsBefore(SimTime t) const { return t <= 0 ? 0 : (t + every - 1) / every; }
};

// A network as world.cc builds one, with the scripted devices behind its DevicePort.
struct Rig {
  Rig()
      : scenario(test::LoadValid(kScenario)),
        directory(scenario, scenario.seed),
        engine(static_cast<EntityId>(scenario.sim_count + kFirstSimEntity)),
        recorder(directory),
        billing(scenario.start, static_cast<size_t>(scenario.subscription_count), &ledger),
        network(directory, TimerSlot(&engine.queue(), kFirstSimEntity, kSubscriptionSlot), billing,
                recorder) {
    network.Connect(DevicePortFor(&devices));
    network.Start();
  }

  // Handles the network's timer events before `end`; with no Devices, nothing else is queued.
  void RunUntil(SimTime end) {
    engine.RunUntil(end, [this](const Event& e) {
      REQUIRE(e.tag() == kSubscriptionSlot);
      network.OnSubscriptionTimer(e.entity - kFirstSimEntity, e.time);
    });
  }

  const CarrierProfile& Profile(SimId sim) const { return directory.ProfileOf(sim); }
  std::string Status(SimId sim) const { return Profile(sim).statuses[network.status(sim)].name; }
  std::string StatusName(SimId sim, StatusId status) const {
    return Profile(sim).statuses[status].name;
  }
  Outcome Verb(SimId sim, const char* verb, SimTime now) {
    const std::optional<VerbId> id = Profile(sim).FindVerb(verb);
    REQUIRE(id.has_value());
    return network.ApplyVerb(sim, *id, now, "owner");
  }
  // Attach request, attach complete and PDN request at one instant, as a modem sends them.
  void Connect(SimId sim, SimTime now) {
    REQUIRE(network.AttachRequest(sim, kOpen, now).outcome == AttachOutcome::kAccepted);
    network.AttachComplete(sim, now);
    network.PdnRequest(sim, now);
  }
  std::vector<StatusChange> History(SimId sim) const {
    std::vector<StatusChange> changes;
    for (const StatusChange& c : recorder.history().changes) {
      if (c.sim == sim) changes.push_back(c);
    }
    return changes;
  }
  std::vector<SessionRecord> Sessions(SimId sim) const {
    std::vector<SessionRecord> sessions;
    for (const SessionRecord& r : recorder.sessions().records) {
      if (r.sim == sim) sessions.push_back(r);
    }
    return sessions;
  }
  bool TimerSet(SimId sim) const {
    return engine.queue().IsTimerSet(sim + kFirstSimEntity, kSubscriptionSlot);
  }

  Scenario scenario;
  SimDirectory directory;
  Engine engine;
  Recorder recorder;
  Ledger ledger;
  Billing billing;
  ScriptedDevices devices;
  Network network;
};

inline bool Is(const Received& r, Received::Kind kind, SimTime time, SimId sim) {
  return r.kind == kind && r.time == time && r.sim == sim;
}

}  // namespace carriersim::test::network_seam

#endif  // CARRIERSIM_TESTS_UNIT_NETWORK_RIG_H_
