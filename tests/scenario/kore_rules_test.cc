// KOR-1 .. KOR-8 (behaviour catalogue) through the built-in kore profile: exact status paths,
// with changes passing through `updating` (30 s) or waiting in `scheduled`, and exact fees.
#include <catch2/catch.hpp>

#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using test::BasicRate;
using test::Run;
using test::Simulate;
using test::Strings;

constexpr SimTime kUpdate = 30 * kSecond;  // the profile's updating latency

std::string Body(const std::string& fleet_and_timeline) {
  return R"(carriers:
  kore: { profile: kore }
devices:
  idle: { boot: 0 }
  meter: { boot: 0, traffic: { every: 1h, uplink: 10KB } }
)" + fleet_and_timeline;
}

TEST_CASE("KOR-1: a SIM is in one of eight states, changes pass through updating",
          "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle, power: off }
timeline:
  - { at: 1d, set-ready: { group: g } }
  - { at: 2d, activate: { group: g } }
  - { at: 3d, suspend: { group: g } }
  - { at: 4d, deactivate: { group: g } }
)"),
                         "5d");
  CHECK(r.Profile("kore").StatusNames() == Strings{"new", "ready", "active", "updating",
                                                   "scheduled", "suspended", "deactivated",
                                                   "canceled"});
  CHECK(r.Path(r.Sim("g")) == Strings{"new", "updating", "ready", "updating", "active", "updating",
                                      "suspended", "updating", "deactivated"});
  // One day active in January is its monthly fee; new and ready are free, suspended is free for
  // its first three months, deactivated is free, and updating costs what the status before did.
  const CarrierProfile& p = r.Profile("kore");
  CHECK(r.Fees(r.Sim("g")) == BasicRate(p, "standard", "active"));
  REQUIRE(r.Lines(r.Sim("g"), FeeCategory::kBasic).size() == 1);
  CHECK(p.statuses[r.Lines(r.Sim("g"), FeeCategory::kBasic)[0].status].name == "active");
}

TEST_CASE("KOR-2: new may last forever and is never returned to", "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle }
timeline:
  - { at: 1d, power-cycle: { group: g } }
)"),
                         "400d");
  const SimId sim = r.Sim("g");
  CHECK(r.Path(sim) == Strings{"new"});
  CHECK(r.Fees(sim) == 0);
  CHECK(r.world->recorder().signaling().total.attach_accepts == 0);  // a new SIM does not connect
  const CarrierProfile& p = r.Profile("kore");
  const StatusId fresh = *p.FindStatus("new");
  for (const VerbDef& v : p.verbs) CHECK((v.to_previous || v.to != fresh));  // no verb sets new
  for (const RuleDef& rule : p.rules) {  // nor does any rule
    CHECK((rule.to_kind != RuleDef::To::kStatus || rule.to != fresh));
  }
  // `restore` goes back to the status before deactivation, which for a SIM that has been ready
  // is ready, never new.
  const Run back = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle, power: off }
timeline:
  - { at: 1d, set-ready: { group: g } }
  - { at: 2d, deactivate: { group: g } }
  - { at: 3d, restore: { group: g } }
)"),
                            "5d");
  CHECK(back.Path(back.Sim("g")) ==
        Strings{"new", "updating", "ready", "updating", "deactivated", "updating", "ready"});
}

TEST_CASE("KOR-3: ready turns active after 250 KB, 3 months or 5 commands, without a fee meanwhile",
          "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: data, count: 1, carrier: kore, plan: standard, device: meter, status: ready }
  - { group: time, count: 1, carrier: kore, plan: standard, device: idle, status: ready }
  - { group: sms, count: 1, carrier: kore, plan: standard, device: idle, status: ready }
timeline:
  - { at: 1d, send-command: { group: sms, commands: 4 } }
  - { at: 2d, send-command: { group: sms } }
)"),
                         "100d");
  const CarrierProfile& p = r.Profile("kore");
  // 250 KB at 10 KB a send: the 25th send crosses it.
  const SimId data = r.Sim("data");
  CHECK(r.Changes(data) == Strings{"ready>active:network"});
  CHECK(r.world->recorder().history().changes[0].time == r.world->devices().traffic_anchor(data) + 24 * kHour + 1);
  CHECK(r.Changes(r.Sim("sms")) == Strings{"ready>active:network"});
  CHECK(r.Changes(r.Sim("time")) == Strings{"ready>active:timer"});
  for (const StatusChange& c : r.world->recorder().history().changes) {
    if (c.sim == r.Sim("time")) CHECK(c.time == r.At("2026-04-01T00:00:00Z"));
    if (c.sim == r.Sim("sms")) CHECK(c.time == 2 * kDay);
  }
  // Ready costs nothing; active costs the monthly fee: Jan..Apr, and Apr only for `time`.
  const int64_t month = BasicRate(p, "standard", "active");
  CHECK(r.Fees(r.Sim("sms"), FeeCategory::kBasic) == 4 * month);
  CHECK(r.Fees(r.Sim("time"), FeeCategory::kBasic) == 1 * month);
}

TEST_CASE("KOR-4: active pays the monthly fee", "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle, status: active }
)"),
                         "90d");  // Jan, Feb, Mar
  CHECK(r.Fees(r.Sim("g")) == 3 * BasicRate(r.Profile("kore"), "standard", "active"));
}

TEST_CASE("KOR-5: changes show updating, and wait in scheduled during an upstream outage",
          "[rules][kore]") {
  const Run r = Simulate(R"(carriers:
  kore:
    profile: kore
    upstream-outages: [ { from: 5d, to: 5d 6h } ]
devices:
  idle: { boot: 0 }
fleet:
  - { group: early, count: 1, carrier: kore, plan: standard, device: idle, status: ready }
  - { group: late, count: 1, carrier: kore, plan: standard, device: idle, status: ready }
timeline:
  - { at: 1d, activate: { group: early } }
  - { at: 5d 1h, activate: { group: late } }
)",
                         "10d");
  CHECK(r.Changes(r.Sim("early")) == Strings{"ready>updating:api", "updating>active:timer"});
  CHECK(r.Changes(r.Sim("late")) ==
        Strings{"ready>scheduled:api", "scheduled>updating:network", "updating>active:timer"});
  std::vector<SimTime> late_times;
  for (const StatusChange& c : r.world->recorder().history().changes) {
    if (c.sim == r.Sim("late")) late_times.push_back(c.time);
  }
  CHECK(late_times == std::vector<SimTime>{5 * kDay + kHour, 5 * kDay + 6 * kHour,
                                           5 * kDay + 6 * kHour + kUpdate});
  // A device attached while the change is in progress is answered as in the status before.
  CHECK(r.world->devices().modem(r.Sim("late")) == ModemState::kRegistered);
  // Fees start when the change completes: both pay January's active fee once, nothing for
  // ready, updating or scheduled.
  const CarrierProfile& p = r.Profile("kore");
  for (const char* group : {"early", "late"}) {
    CHECK(r.Fees(r.Sim(group), FeeCategory::kBasic) == BasicRate(p, "standard", "active"));
  }
}

TEST_CASE("KOR-6: suspended is free for three months, then pays the suspended fee",
          "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle, status: suspended }
)"),
                         "151d");  // Jan 1 .. Jun 1
  // Free until Apr 1; April and May are charged.
  CHECK(r.Fees(r.Sim("g")) == 2 * BasicRate(r.Profile("kore"), "standard", "suspended"));
}

TEST_CASE("KOR-7: deactivated returns to its previous state within 72 hours, else is canceled",
          "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: found, count: 1, carrier: kore, plan: standard, device: idle, status: active,
      power: off }
  - { group: lost, count: 1, carrier: kore, plan: standard, device: idle, status: suspended,
      power: off }
  - { group: gone, count: 1, carrier: kore, plan: standard, device: idle, status: active,
      power: off }
timeline:
  - { at: 1d, deactivate: { group: found } }
  - { at: 1d, deactivate: { group: lost } }
  - { at: 1d, deactivate: { group: gone } }
  - { at: 3d, restore: { group: found } }
  - { at: 3d, restore: { group: lost } }
)"),
                         "10d");
  CHECK(r.Path(r.Sim("found")) ==
        Strings{"active", "updating", "deactivated", "updating", "active"});
  CHECK(r.Path(r.Sim("lost")) ==
        Strings{"suspended", "updating", "deactivated", "updating", "suspended"});
  CHECK(r.Changes(r.Sim("gone")) ==
        Strings{"active>updating:api", "updating>deactivated:timer", "deactivated>canceled:timer"});
  for (const StatusChange& c : r.world->recorder().history().changes) {
    if (c.sim == r.Sim("gone") && r.Status(c.sim) == "canceled" && c.cause == ChangeCause::kTimer &&
        c.from == *r.Profile("kore").FindStatus("deactivated")) {
      CHECK(c.time == kDay + kUpdate + 72 * kHour);
    }
  }
}

TEST_CASE("KOR-3 KOR-6 KOR-7: a restore brings back the state before, with what it had used",
          "[rules][kore]") {
  // Found in review: deactivating and restoring used to hand out fresh ready allowances and
  // fresh free months. The allowances are the SIM's; the time in deactivated does not count.
  const Run r = Simulate(Body(R"(fleet:
  - { group: data, count: 1, carrier: kore, plan: standard, device: meter, status: ready }
  - { group: sms, count: 1, carrier: kore, plan: standard, device: idle, status: ready }
  - { group: time, count: 1, carrier: kore, plan: standard, device: idle, status: ready,
      power: off }
  - { group: free, count: 1, carrier: kore, plan: standard, device: idle, status: suspended,
      power: off }
timeline:
  # 24 sends of 10 KB (240 KB) before the SIM leaves ready at 1d; the 25th comes once the
  # restored SIM's device is back.
  - { at: 23h 59m 30s, deactivate: { group: data } }
  - { at: 2d, restore: { group: data } }
  - { at: 2d 1m, power-cycle: { group: data } }
  # 4 commands, a restore, then the 5th.
  - { at: 1d, send-command: { group: sms, commands: 4 } }
  - { at: 2d, deactivate: { group: sms } }
  - { at: 3d, restore: { group: sms } }
  - { at: 4d, send-command: { group: sms } }
  # 30 days and 30 s in ready, a day out, then the rest of the three months.
  - { at: 30d, deactivate: { group: time } }
  - { at: 31d, restore: { group: time } }
  # 59 days and 30 s suspended, a day out, then the rest of the free months.
  - { at: 59d, deactivate: { group: free } }
  - { at: 60d, restore: { group: free } }
)"),
                         "151d");  // Jan 1 .. Jun 1
  const Strings round_trip = {"ready>updating:api", "updating>deactivated:timer",
                              "deactivated>updating:api", "updating>ready:timer"};
  Strings data_changes = round_trip, sms_changes = round_trip;
  data_changes.push_back("ready>active:network");
  sms_changes.push_back("ready>active:network");
  CHECK(r.Changes(r.Sim("data")) == data_changes);
  CHECK(r.Changes(r.Sim("sms")) == sms_changes);
  Strings time_changes = round_trip;
  time_changes.push_back("ready>active:timer");
  CHECK(r.Changes(r.Sim("time")) == time_changes);
  for (const StatusChange& c : r.world->recorder().history().changes) {
    if (r.Profile("kore").statuses[c.to].name != "active") continue;
    // The first send after the device is back (one an hour) takes it to 250 KB.
    if (c.sim == r.Sim("data")) CHECK((c.time > 2 * kDay + kMinute && c.time < 2 * kDay + 2 * kHour));
    if (c.sim == r.Sim("sms")) CHECK(c.time == 4 * kDay);
    // Three months of ready counted from Jan 2: the day out moved the end by a day.
    if (c.sim == r.Sim("time")) CHECK(c.time == r.At("2026-04-02T00:00:00Z"));
  }
  // Free until Apr 2 (three months of suspended from Jan 2): April and May are charged, as
  // without the round trip; fresh free months would have charged nothing.
  CHECK(r.Path(r.Sim("free")) ==
        Strings{"suspended", "updating", "deactivated", "updating", "suspended"});
  CHECK(r.Fees(r.Sim("free")) == 2 * BasicRate(r.Profile("kore"), "standard", "suspended"));
}

TEST_CASE("KOR-8: canceled is blocked forever and no longer charged", "[rules][kore]") {
  const Run r = Simulate(Body(R"(fleet:
  - { group: g, count: 1, carrier: kore, plan: standard, device: idle, status: active }
timeline:
  - { at: 10d, cancel: { group: g } }
  - { at: 20d, activate: { group: g } }
  - { at: 21d, power-cycle: { group: g } }
)"),
                         "100d");
  const SimId sim = r.Sim("g");
  CHECK(r.Path(sim) == Strings{"active", "updating", "canceled"});
  CHECK(r.world->recorder().actions()[1].refusals.count("activate is not allowed from canceled") == 1);
  CHECK(r.Fees(sim) == BasicRate(r.Profile("kore"), "standard", "active"));  // January only
  CHECK(r.world->devices().modem(sim) == ModemState::kSimInvalid);  // rejected after the cycle
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
