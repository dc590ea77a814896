// DEV-3 traffic (sizes fixed or drawn per send, SMS sent, commands received on a schedule), the
// data session refused on its own (SOR-4), and the session history of NET-5.
#include <catch2/catch.hpp>

#include "devices/firmware.h"
#include "devices/send_window.h"
#include "devices/traffic.h"
#include "reports/csv_reports.h"
#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// One device of profile `device` (YAML) on `carrier`, starting in `status`, then `timeline`.
std::string One(const std::string& device, const std::string& timeline = "  []\n",
                const std::string& carrier = "soracom", const std::string& plan = "plan01s",
                const std::string& status = "active") {
  return "carriers:\n  " + carrier + ": { profile: " + carrier + " }\ndevices:\n  unit: " +
         device + "\nfleet:\n  - { group: units, count: 1, carrier: " + carrier +
         ", plan: " + plan + ", device: unit, status: " + status + " }\ntimeline:\n" + timeline;
}

// The bytes the device's sends in [from, to) carry, summed send by send.
int64_t Expected(const Run& run, SimId sim, const SizeSpec& size, bool uplink, SimTime from,
                 SimTime to) {
  const World& w = *run.world;
  const TrafficSpec& traffic = w.directory().DeviceSpecOf(sim).traffic;
  const SizeKeys keys = MakeSizeKeys(w.seed(), w.directory().DeviceKey(sim));
  int64_t total = 0;
  const int64_t first = OccurrencesBefore(w.devices().traffic_anchor(sim), traffic.every, from);
  const int64_t last = OccurrencesBefore(w.devices().traffic_anchor(sim), traffic.every, to);
  for (int64_t k = first; k < last; ++k) {
    total += SendSize(size, uplink ? keys.uplink : keys.downlink, k);
  }
  return total;
}

}  // namespace

TEST_CASE("DEV-3: sizes drawn from a distribution are drawn per send, whatever splits the session",
          "[rules][traffic]") {
  const std::string device =
      "{ boot: 0, traffic: { every: 1h, uplink: 1KB..3KB, downlink: { exponential: 500B } } }";
  const Run whole = Simulate(One(device), "45d");
  // The same device, its session cut by inactive and back, and a change of plan.
  const Run split = Simulate(One(device,
                                 "  - { at: 10d, deactivate: { group: units } }\n"
                                 "  - { at: 10d 6h, activate: { group: units } }\n"),
                             "45d");
  // And cut by plan changes and a month end (Feb 1), which count usage up to them: the same
  // bytes as the whole run.
  const Run cut = Simulate(One(device,
                               "  - { at: 5d, change-plan: { group: units, plan: planX3 } }\n"
                               "  - { at: 20d, change-plan: { group: units, plan: plan01s } }\n"),
                           "45d");
  const SimId sim = whole.Sim("units");
  const TrafficSpec& traffic = whole.world->directory().DeviceSpecOf(sim).traffic;
  const int64_t up = whole.world->network().uplink_bytes(sim);
  const int64_t down = whole.world->network().downlink_bytes(sim);
  CHECK(up == Expected(whole, sim, traffic.uplink, true, 0, 45 * kDay));
  CHECK(down == Expected(whole, sim, traffic.downlink, false, 0, 45 * kDay));
  CHECK(cut.world->recorder().actions()[0].applied == 1);
  CHECK(cut.world->network().uplink_bytes(sim) == up);
  CHECK(cut.world->network().downlink_bytes(sim) == down);
  // 1080 sends of 1..3 KB (mean 2 KB) and of about 500 B.
  CHECK(up > 1080 * 1024);
  CHECK(up < 1080 * 3072);
  CHECK(std::abs(up - 1080 * 2048) < 1080 * 2048 / 20);
  CHECK(std::abs(down - 1080 * 500) < 1080 * 500 / 6);

  // Inactive (no session) from 10d to 10d 6h: the sends there are missing, the others identical.
  const World& s = *split.world;
  CHECK(s.network().uplink_bytes(sim) ==
        Expected(split, sim, traffic.uplink, true, 0, 10 * kDay) +
            Expected(split, sim, traffic.uplink, true, 10 * kDay + 6 * kHour, 45 * kDay));
  CHECK(s.recorder().sessions().records.size() == 2);
}

TEST_CASE("DEV-3 KOR-3: a data threshold thousands of drawn sends away is crossed at its send",
          "[rules][traffic][kore]") {
  // About 6,800 sends of 10..20 B reach 100 KB: beyond how far a device's send window looks
  // ahead, so the subscription timer asks again on the way; the change still comes just after
  // the send that reaches the threshold.
  const std::string body = R"(carriers:
  kore:
    profile: kore
    overrides: { rules: { ready-data-used: { reaches: 100KB } } }
devices:
  meter: { boot: 0, traffic: { every: 1m, uplink: 10B..20B } }
fleet:
  - { group: meters, count: 1, carrier: kore, plan: standard, device: meter, status: ready }
)";
  const Run run = Simulate(body, "30d");
  const SimId sim = run.Sim("meters");
  const World& w = *run.world;
  const TrafficSpec& traffic = w.directory().DeviceSpecOf(sim).traffic;
  const SizeKeys keys = MakeSizeKeys(w.seed(), w.directory().DeviceKey(sim));
  int64_t k = 0;
  for (int64_t bytes = SendSize(traffic.uplink, keys.uplink, 0); bytes < 100 * 1024;) {
    bytes += SendSize(traffic.uplink, keys.uplink, ++k);
  }
  REQUIRE(k > SendWindow::kLookahead);
  CHECK(run.Changes(sim) == Strings{"ready>active:network"});
  REQUIRE(w.recorder().history().changes.size() == 1);
  CHECK(w.recorder().history().changes[0].time ==
        w.devices().traffic_anchor(sim) + k * kMinute + 1);
  // The boot's attach, the crossing, and one question asked again on the way.
  CHECK(w.events() == 3);
}

TEST_CASE("DEV-3: SMS go with each send of an accepted data session", "[rules][traffic]") {
  const Run run = Simulate(One("{ boot: 0, traffic: { every: 1h, uplink: 100B, sms: 2 } }",
                               "  - { at: 1d, suspend: { group: units } }\n"),
                           "3d");
  const SimId sim = run.Sim("units");
  const int64_t sends = OccurrencesIn(run.world->devices().traffic_anchor(sim), kHour, 0, kDay);
  CHECK(sends == 24);
  CHECK(run.world->network().sms_sent(sim) == 2 * sends);
  CHECK(run.world->network().uplink_bytes(sim) == 100 * sends);
}

TEST_CASE("DEV-3 KOR-3: commands on a schedule move a KORE ready SIM to active after the 5th",
          "[rules][traffic][kore]") {
  const Run run = Simulate(One("{ boot: 0, traffic: { every: 1d, commands-every: 1d } }",
                               "  []\n", "kore", "standard", "ready"),
                           "30d");
  const SimId sim = run.Sim("units");
  const SimTime anchor = run.world->network().CommandAnchor(sim);
  CHECK(run.Changes(sim) == Strings{"ready>active:network"});
  REQUIRE(run.world->recorder().history().changes.size() == 1);
  CHECK(run.world->recorder().history().changes[0].time == anchor + 4 * kDay + 1);
  // One a day all month, in ready and in active alike (both allow SMS).
  CHECK(run.world->network().commands_received(sim) == OccurrencesIn(anchor, kDay, 0, 30 * kDay));
}

TEST_CASE("DEV-3 SOR-4: an inactive SIM stays attached, its data session is refused, and the "
          "device keeps asking",
          "[rules][traffic][soracom]") {
  const std::string timeline =
      "  - { at: 1d, deactivate: { group: units } }\n  - { at: 2d, activate: { group: units } }\n";
  const Run fixed = Simulate(One("{ boot: 0, traffic: { every: 1h, uplink: 1KB } }", timeline), "3d");
  const SimId sim = fixed.Sim("units");
  // Asked at 1d, then every minute (the default PDN retry) until 2d.
  CHECK(fixed.world->devices().pdn_requests(sim) == 1440);
  CHECK(fixed.world->recorder().signaling().total.pdn_rejects == 1440);
  CHECK(fixed.world->devices().attach_attempts(sim) == 1);  // never detached
  CHECK(fixed.world->network().uplink_bytes(sim) ==
        1024 * (OccurrencesIn(fixed.world->devices().traffic_anchor(sim), kHour, 0, kDay) +
                OccurrencesIn(fixed.world->devices().traffic_anchor(sim), kHour, 2 * kDay, 3 * kDay)));
  const std::string sessions = SessionsCsv(*fixed.result);
  CHECK(sessions.find(",data-barred") != std::string::npos);

  // An exponential PDN retry: 1, 2, 4, 8, 16 then 16 minutes: requests at 0, 1, 3, 7, 15, 31
  // minutes, then every 16 until the day is out.
  const Run backoff = Simulate(
      One("{ boot: 0, firmware: { pdn-retry: { initial: 1m, multiplier: 2, cap: 16m } } }",
          timeline),
      "3d");
  CHECK(backoff.world->devices().pdn_requests(sim) == 6 + (1440 - 31 - 1) / 16);
  CHECK(PdnRequests(Backoff{kMinute, 2000, 16 * kMinute, Jitter::kNone}, 0, 31 * kMinute) == 5);
  CHECK(PdnRequests(Backoff{kMinute, 1000, kMinute, Jitter::kNone}, 5, 5) == 1);
}

TEST_CASE("NET-5: the session history records each session, its data and why it ended",
          "[rules][network]") {
  const Run run = Simulate(
      R"(carriers:
  soracom: { profile: soracom }
devices:
  unit: { boot: 0, modem: { loss-detection: 0s }, traffic: { every: 1h, uplink: 1KB } }
network:
  cells:
    - { name: metro }
fleet:
  - { group: units, count: 1, carrier: soracom, plan: plan01s, device: unit, status: active }
timeline:
  - { at: 5d, power-off: { group: units } }
  - { at: 6d, power-on: { group: units } }
  - { at: 10d, cell-outage: { cell: metro, for: 1h } }
  - { at: 20d, suspend: { group: units } }
  - { at: 25d, activate: { group: units } }
  - { at: 26d, power-cycle: { group: units } }
)");
  const World& w = *run.world;
  const SimId sim = run.Sim("units");
  REQUIRE(w.recorder().sessions().records.size() == 4);
  const auto& r = w.recorder().sessions().records;
  CHECK(r[0].opened == 0);
  CHECK(r[0].closed == 5 * kDay);
  CHECK(r[0].end == SessionEnd::kPowerOff);
  CHECK(r[1].opened == 6 * kDay);
  CHECK(r[1].end == SessionEnd::kLostService);
  CHECK(r[1].closed == 10 * kDay);
  // Back after the cell, at the device's next retry (T3411, or T3402 after the 5th failure).
  CHECK(r[2].opened > 10 * kDay + kHour);
  CHECK(r[2].opened <= 10 * kDay + kHour + 12 * kMinute);
  CHECK(r[2].end == SessionEnd::kDetached);
  CHECK(r[2].closed == 20 * kDay);
  // Reactivated at 25d, the device stays offline until power-cycled (SOR-6).
  CHECK(r[3].opened == 26 * kDay);
  CHECK(r[3].closed == kNever);
  CHECK(r[3].end == SessionEnd::kOpen);
  int64_t bytes = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const TrafficTally usage = run.result->UsageOf(r[i]);
    CHECK(usage.uplink == 1024 * OccurrencesIn(w.devices().traffic_anchor(sim), kHour, r[i].opened,
                                            std::min(r[i].closed, 30 * kDay)));
    bytes += usage.uplink;
  }
  CHECK(bytes == w.network().uplink_bytes(sim));
  CHECK(w.network().online(sim) == 1);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
