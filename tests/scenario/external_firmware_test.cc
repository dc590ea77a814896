// Devices whose firmware is outside carriersim (`firmware: external`): what the actions of their
// AT commands do to the modem model, as a live session performs them (and its journal replays
// them). The modem stays the model's: NET-1's invalid SIM, SOR-7's storm rule and SOR-4's data
// refusal apply to these devices exactly as to modelled ones.
#include <catch2/catch.hpp>

#include "simulator/results/session.h"
#include "simulator/world/world.h"
#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

std::string Body(const std::string& fleet_and_timeline) {
  return R"(carriers:
  soracom:
    profile: soracom
    overrides: { rules: { storm: { reaches: 6 } } }
devices:
  unit: { boot: 2s, modem: { attach-time: 1s } }
)" + fleet_and_timeline;
}

// One external device (SIM `index` of the first group), stepped by hand as a live session does.
struct Rig {
  explicit Rig(const std::string& fleet, int64_t index = 0)
      : scenario(test::LoadBody(Body(fleet), "2d")), index(index) {
    RunOptions options;
    options.fast_forward = false;
    session = std::make_unique<Session>(*scenario, options);
    sim = static_cast<SimId>(scenario->groups[0].first_sim + index);
  }

  void At(SimTime t) { session->AdvanceTo(t); }
  TimelineAction On(ActionKind kind) const {
    TimelineAction a;
    a.kind = kind;
    a.target = Target{Target::Kind::kSim, 0, 0, 0, index};
    a.at = session->now();
    return a;
  }
  Outcome Modem(ActionKind kind, int64_t amount = 0, bool enabled = false) {
    TimelineAction a = On(kind);
    a.amount = amount;
    a.enabled = enabled;
    return session->Perform(a);
  }
  Outcome Verb(const std::string& name) {
    TimelineAction a = On(ActionKind::kVerb);
    a.verb = *scenario->carriers[0].profile.FindVerb(name);
    return session->Perform(a);
  }
  const Devices& devices() const { return session->world().devices(); }
  const Network& network() const { return session->world().network(); }
  ExternalStatus Status() const { return devices().StatusOfExternal(sim); }
  std::string SimStatus() const {
    return scenario->carriers[0].profile.statuses[network().status(sim)].name;
  }

  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<Session> session;
  int64_t index;
  SimId sim = 0;
};

const char* kOneExternal = R"(fleet:
  - { group: ext, count: 2, carrier: soracom, plan: plan01s, device: unit, status: active,
      firmware: external }
)";

TEST_CASE("External firmware: the modem boots with its radio on and registers by itself",
          "[external]") {
  Rig r(kOneExternal);
  r.At(1);
  CHECK(r.Status().powered);
  CHECK(r.Status().fun == 1);
  CHECK(r.Status().modem == ModemState::kWaiting);  // booting: AT+CEREG shows "searching"
  r.At(4 * kSecond);
  CHECK(r.Status().modem == ModemState::kRegistered);
  CHECK(r.Status().pdn_up);  // the default bearer comes with the attach, as in LTE
  CHECK(r.network().online(r.sim));
  // Its profile's traffic does not apply: it sends only what its firmware sends.
  CHECK(r.scenario->devices[r.scenario->groups[0].device].external);
  CHECK_FALSE(r.scenario->devices[r.scenario->groups[0].device].traffic.sends());
}

TEST_CASE("External firmware: bytes it sends are the SIM's usage, echoed back", "[external]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  CHECK(r.Modem(ActionKind::kModemSend, 100).result == VerbResult::kApplied);
  r.At(20 * kSecond);
  CHECK(r.Modem(ActionKind::kModemSend, 50).result == VerbResult::kApplied);
  CHECK(r.Modem(ActionKind::kModemSms).result == VerbResult::kApplied);
  r.At(30 * kSecond);
  const TrafficTally t = r.devices().Traffic(r.sim, 0, 30 * kSecond);
  CHECK(t.sends == 3);
  CHECK(t.uplink == 150);
  CHECK(t.downlink == 150);
  CHECK(t.sms == 1);
  CHECK(r.devices().Traffic(r.sim, 15 * kSecond, 30 * kSecond).uplink == 50);
  // The network accounts for it when the session closes: the radio switched off.
  CHECK(r.Modem(ActionKind::kModemFunctionality, 0).result == VerbResult::kApplied);
  CHECK_FALSE(r.network().online(r.sim));
  CHECK(r.network().uplink_bytes(r.sim) == 150);
  CHECK(r.network().downlink_bytes(r.sim) == 150);
  CHECK(r.network().sms_sent(r.sim) == 1);
  // Without a data session nothing is sent, and nothing counted.
  CHECK(r.Modem(ActionKind::kModemSend, 10).result == VerbResult::kUnchanged);
  CHECK(r.devices().Traffic(r.sim, 0, 40 * kSecond).uplink == 150);
}

TEST_CASE("NET-1 external firmware: suspended, the modem holds its SIM invalid until reset",
          "[external][rules][net]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  REQUIRE(r.Status().modem == ModemState::kRegistered);
  CHECK(r.Verb("suspend").result == VerbResult::kApplied);
  // Detached "re-attach required"; the re-attach meets the permanent reject #7.
  r.At(20 * kSecond);
  CHECK(r.Status().modem == ModemState::kSimInvalid);
  CHECK(r.Status().last_cause == kCauseEpsNotAllowed);
  CHECK_FALSE(r.Status().pdn_up);
  const uint32_t attempts = r.devices().attach_attempts(r.sim);
  // Activated again, the modem stays silent: it holds the SIM invalid.
  r.At(1 * kMinute);
  CHECK(r.Verb("activate").result == VerbResult::kApplied);
  r.At(10 * kMinute);
  CHECK(r.Status().modem == ModemState::kSimInvalid);
  CHECK(r.devices().attach_attempts(r.sim) == attempts);
  // Radio off (CFUN=4) and on keeps the SIM invalid; the SIM powered down (CFUN=0) forgets it.
  CHECK(r.Modem(ActionKind::kModemFunctionality, 4).result == VerbResult::kApplied);
  CHECK(r.Modem(ActionKind::kModemFunctionality, 1).result == VerbResult::kApplied);
  CHECK(r.Status().modem == ModemState::kSimInvalid);
  // AT+CFUN=1,1 counts as a power cycle: the modem attaches again.
  CHECK(r.Modem(ActionKind::kModemReset).result == VerbResult::kApplied);
  r.At(11 * kMinute);
  CHECK(r.Status().modem == ModemState::kRegistered);
  CHECK(r.Status().last_cause == 0);
  CHECK(r.devices().attach_attempts(r.sim) == attempts + 1);
  CHECK(r.devices().reboots(r.sim) == 1);
}

TEST_CASE(
    "SOR-7 external firmware: a naive firmware toggling its radio after each reject is a "
    "storm that forces the SIM active",
    "[external][rules][soracom]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  r.Verb("suspend");
  SimTime t = 20 * kSecond;
  r.At(t);
  int toggles = 0;
  while (r.SimStatus() == "suspended" && toggles < 20) {
    REQUIRE(r.Status().modem == ModemState::kSimInvalid);
    r.Modem(ActionKind::kModemFunctionality, 0);
    r.Modem(ActionKind::kModemFunctionality, 1);
    ++toggles;
    t += 10 * kSecond;
    r.At(t);
  }
  CHECK(r.SimStatus() == "active");
  CHECK(toggles == 5);  // the 6th attempt within the hour (the first came before any toggle)
  r.At(t + 10 * kSecond);
  CHECK(r.Status().modem == ModemState::kRegistered);
}

TEST_CASE(
    "SOR-4 external firmware: set to inactive, the data session goes and a request for "
    "one is refused, each counted",
    "[external][rules][soracom]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  REQUIRE(r.Status().pdn_up);
  CHECK(r.Verb("deactivate").result == VerbResult::kApplied);
  CHECK(r.SimStatus() == "inactive");
  CHECK(r.Status().modem == ModemState::kRegistered);
  CHECK_FALSE(r.Status().pdn_up);
  CHECK(r.Modem(ActionKind::kModemSend, 10).result == VerbResult::kUnchanged);
  CHECK(r.Modem(ActionKind::kModemPdn, 0, true).result == VerbResult::kApplied);
  CHECK_FALSE(r.Status().pdn_up);
  CHECK(r.Modem(ActionKind::kModemPdn, 0, true).result == VerbResult::kApplied);
  CHECK(r.devices().pdn_requests(r.sim) == 2);
  // Active again: the network does not remember a refused request; the firmware asks again.
  r.Verb("activate");
  CHECK_FALSE(r.Status().pdn_up);
  CHECK(r.Modem(ActionKind::kModemPdn, 0, true).result == VerbResult::kApplied);
  CHECK(r.Status().pdn_up);
}

TEST_CASE("External firmware: deregistered (COPS=2) it detaches and stays so until COPS=0",
          "[external]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  CHECK(r.Modem(ActionKind::kModemAutomatic, 0, false).result == VerbResult::kApplied);
  CHECK(r.Status().modem == ModemState::kOff);
  CHECK(r.Status().fun == 1);
  CHECK_FALSE(r.network().online(r.sim));
  r.At(1 * kHour);
  CHECK(r.Status().modem == ModemState::kOff);
  CHECK(r.Modem(ActionKind::kModemAutomatic, 0, false).result == VerbResult::kUnchanged);
  CHECK(r.Modem(ActionKind::kModemAutomatic, 0, true).result == VerbResult::kApplied);
  r.At(1 * kHour + 5 * kSecond);
  CHECK(r.Status().modem == ModemState::kRegistered);
}

TEST_CASE("SOR-12 external firmware: a volume threshold is crossed by the send that reaches it",
          "[external][rules][soracom]") {
  // A SIM in test mode is testing from its first attach until 10 MB have flowed.
  Rig r(R"(fleet:
  - { group: ext, count: 1, carrier: soracom, plan: plan01s, device: unit, test-mode: on,
      firmware: external }
)");
  r.At(10 * kSecond);
  REQUIRE(r.SimStatus() == "testing");
  r.Modem(ActionKind::kModemSend, 3'000'000);  // 6 MB with the echo
  r.At(20 * kSecond);
  CHECK(r.SimStatus() == "testing");
  r.Modem(ActionKind::kModemSend, 2'500'000);  // 11 MB: past the threshold
  r.At(20 * kSecond + 2);
  CHECK(r.SimStatus() == "active");
  CHECK(r.network().uplink_bytes(r.sim) == 5'500'000);
}

TEST_CASE("External firmware: its modem actions are refused on a modelled device", "[external]") {
  Rig r(R"(fleet:
  - { group: modelled, count: 1, carrier: soracom, plan: plan01s, device: unit, status: active }
)");
  r.At(10 * kSecond);
  CHECK(r.Modem(ActionKind::kModemSend, 10).result == VerbResult::kRefused);
  CHECK(r.Modem(ActionKind::kModemReset).result == VerbResult::kRefused);
}

TEST_CASE(
    "External firmware: power from the scenario still rules, and power-on restores the "
    "module's defaults",
    "[external]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  r.Modem(ActionKind::kModemFunctionality, 4);
  CHECK(r.Status().fun == 4);
  CHECK(r.Modem(ActionKind::kModemFunctionality, 4).result == VerbResult::kUnchanged);
  CHECK(r.Modem(ActionKind::kModemFunctionality, 3).result == VerbResult::kUnchanged);
  CHECK(r.On(ActionKind::kPowerOff).kind == ActionKind::kPowerOff);
  CHECK(r.session->Perform(r.On(ActionKind::kPowerOff)).result == VerbResult::kApplied);
  CHECK_FALSE(r.Status().powered);
  // No power: the module does nothing.
  CHECK(r.Modem(ActionKind::kModemFunctionality, 1).result == VerbResult::kUnchanged);
  CHECK(r.session->Perform(r.On(ActionKind::kPowerOn)).result == VerbResult::kApplied);
  CHECK(r.Status().powered);
  CHECK(r.Status().fun == 1);
  r.At(20 * kSecond);
  CHECK(r.Status().modem == ModemState::kRegistered);
}

TEST_CASE(
    "NET-4 external firmware: a cell outage takes the registration away and the modem "
    "registers again by itself when the cell is back",
    "[external][rules][net]") {
  Rig r(kOneExternal);
  r.At(10 * kSecond);
  REQUIRE(r.Status().modem == ModemState::kRegistered);
  TimelineAction outage = r.On(ActionKind::kCellOutage);
  outage.first_cell = 0;
  outage.cell_count = 1;
  outage.until = 5 * kMinute;
  r.session->Perform(outage);
  CHECK_FALSE(r.Status().cell_up);
  r.At(2 * kMinute);  // the loss noticed (within a minute), retrying into the dead cell
  CHECK(r.Status().modem != ModemState::kRegistered);
  CHECK_FALSE(r.Status().pdn_up);
  CHECK_FALSE(r.network().online(r.sim));
  r.At(5 * kMinute);
  TimelineAction restore = r.On(ActionKind::kCellRestore);
  restore.first_cell = 0;
  restore.cell_count = 1;
  r.session->Perform(restore);
  r.At(30 * kMinute);  // T3411 or T3402 later, with no firmware doing anything
  CHECK(r.Status().modem == ModemState::kRegistered);
  CHECK(r.Status().pdn_up);
  CHECK(r.Status().last_cause == 0);
}

TEST_CASE("External firmware: the world reports each change of an external modem, in order",
          "[external]") {
  Rig r(kOneExternal);
  r.session->world().CollectModemReports();
  r.At(10 * kSecond);
  r.Verb("suspend");
  r.At(20 * kSecond);
  std::vector<ModemState> states;
  for (const ModemReport& m : r.session->world().TakeModemReports()) {
    if (m.device == r.sim) states.push_back(m.status.modem);
    CHECK(m.sms == 0);
  }
  // Attaching, registered; detached "re-attach required", attaching again, rejected #7.
  // (The boot at 0 came before the reports were collected.)
  CHECK(states == std::vector<ModemState>{ModemState::kAttaching, ModemState::kRegistered,
                                          ModemState::kWaiting, ModemState::kAttaching,
                                          ModemState::kSimInvalid});
  CHECK(r.session->world().TakeModemReports().empty());
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
