// NET-3 and NET-4: cells with an attach capacity, congestion and T3346, cell and core outages,
// and the recovery after them; and the dead-air fast-forward, which must change nothing.
#include <catch2/catch.hpp>

#include "reports/csv_reports.h"
#include "reports/summary_json.h"
#include "simulator/world/world.h"
#include "tests/scenario/rules_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// `count` always-on meters on one cell of the given capacity, booting within `boot`, with the
// default 3GPP timers and a loss detection of `detect`, plus `extra` fleet lines and timeline.
std::string Cell(int count, const std::string& capacity, const std::string& boot,
                 const std::string& detect, const std::string& firmware,
                 const std::string& extra_fleet, const std::string& timeline) {
  return R"(carriers:
  soracom: { profile: soracom }
devices:
  meter: { boot: )" + boot + R"(, modem: { loss-detection: )" + detect + R"( }, firmware: { preset: )" +
         firmware + R"( } }
  late: { boot: 2h..2h5m }
network:
  cells:
    - { name: metro, capacity: )" + capacity + R"(, t3346: 5m..15m }
fleet:
  - { group: meters, count: )" + std::to_string(count) +
         R"(, carrier: soracom, plan: plan01s, device: meter, cell: metro }
)" + extra_fleet + "timeline:\n" + timeline;
}

const MassEvent& Outage(const Run& r) {
  for (const MassEvent& e : r.world->recorder().recovery().events()) {
    if (e.from != e.start) return e;
  }
  FAIL("no outage recorded");
  throw;
}

}  // namespace

TEST_CASE("NET-3: attaches past a cell's capacity get #22 and wait out T3346", "[rules][network]") {
  // 100 devices attach at the same instant into a cell that handles 10 a second.
  const Run r = Simulate(Cell(100, "10/s", "0s", "0s", "modem", "", "  []\n"), "1d");
  const World& w = *r.world;
  const CellStats& cell = w.recorder().signaling().by_cell[0];
  CHECK(cell.per_second.peak == 100);
  CHECK(cell.per_second.peak_at == 0);
  CHECK(cell.rejects_by_cause.at(kCauseCongestion) >= 90);
  // Every rejected device waited a T3346 from 5-15 min: nobody came back before 5 min, and all
  // were in by 15 min plus a retry.
  for (SimId sim = 0; sim < 100; ++sim) {
    CHECK(w.devices().modem(sim) == ModemState::kRegistered);
    if (w.devices().t3346_until(sim) != 0) {
      CHECK(w.devices().t3346_until(sim) >= 5 * kMinute);
      CHECK(w.devices().t3346_until(sim) <= 15 * kMinute + 15 * kMinute);
    }
  }
  // First second: exactly the capacity got through.
  CHECK(w.recorder().signaling().total.attach_accepts == 100);
  CHECK(w.recorder().signaling().total.rejects_by_cause[kCauseCongestion] ==
        w.recorder().signaling().total.attach_attempts - 100);
  // The devices on at the start are no mass event: their rejects are collateral damage.
  CHECK(w.recorder().signaling().total.collateral_congestion == w.recorder().signaling().total.rejects_by_cause[22]);
}

TEST_CASE("NET-3: T3346 survives a reboot of the modem", "[rules][network]") {
  // Naive firmware reboots at once after every failure (10 s boot), but the modem keeps T3346
  // (TS 24.301 5.5.1.2.5): the rejected devices make no second attempt before 5 minutes.
  const std::string text = Cell(20, "1/s", "10s", "0s", "naive", "", "  []\n");
  const Run early = SimulateUntil(text, 5 * kMinute - 1, "1d");
  const World& w = *early.world;
  int rejected = 0;
  for (SimId sim = 0; sim < 20; ++sim) {
    if (w.devices().modem(sim) == ModemState::kRegistered) continue;
    ++rejected;
    CHECK(w.devices().reboots(sim) == 1);
    CHECK(w.devices().attach_attempts(sim) == 1);
    CHECK(w.devices().t3346_until(sim) >= 5 * kMinute);
  }
  CHECK(rejected == 19);
  CHECK(Simulate(text, "1d").world->recorder().signaling().total.attach_accepts == 20);
}

TEST_CASE("NET-4: a cell outage drops sessions and devices return by their timers after it",
          "[rules][network]") {
  // Noticing at once, retrying at +10, +20, +30, +40 s, then T3402 (12 min): cycles of 760 s
  // from 1h. The first try after the cell is back (2h) starts the 6th cycle: 1h + 3800 s.
  const std::string text =
      Cell(10, "50/s", "0s", "0s", "modem", "", "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n");
  const Run during = SimulateUntil(text, kHour + kSecond, "4h");
  for (SimId sim = 0; sim < 10; ++sim) {
    CHECK(during.world->network().online(sim) == 0);
    CHECK(during.world->devices().modem(sim) == ModemState::kWaiting);
  }
  const Run r = Simulate(text, "4h");
  const MassEvent& e = Outage(r);
  CHECK(e.affected == 10);
  REQUIRE(e.back.size() == 10);
  for (SimTime t : e.back) CHECK(t == 200 * kSecond);
  CHECK(r.world->network().online_ms(0) == (kHour) + (2 * kHour - 200 * kSecond));
  // 1 at boot, 5 cycles of 5 into the dead cell, and the one that got back in.
  CHECK(r.world->devices().attach_attempts(0) == 1 + 25 + 1);
  CHECK(r.world->recorder().signaling().total.attempts_without_cell == 10 * 25);
  CHECK(r.world->recorder().signaling().by_group[0].attempts_without_cell == 10 * 25);
}

TEST_CASE("NET-4: in a core outage requests reach the cell and time out", "[rules][network]") {
  const Run r = Simulate(Cell(5, "50/s", "0s", "0s", "modem", "",
                              "  - { at: 1h, core-outage: { for: 10m } }\n"),
                         "2h");
  const World& w = *r.world;
  // Each failure takes T3410 (15 s), then T3411 (10 s): tries at 0, 25, 50, 75 and 100 s; the
  // 5th fails at 115 s and T3402 (12 min) puts the next at 835 s, 235 s after the core is back.
  CHECK(w.recorder().signaling().total.unanswered == 5 * 5);
  const MassEvent& e = Outage(r);
  REQUIRE(e.back.size() == 5);
  for (SimTime t : e.back) CHECK(t == 235 * kSecond);
  CHECK(w.devices().radio_ms(0) == 5 * 15 * kSecond);
}

TEST_CASE("NET-4: the dead-air fast-forward changes no report", "[rules][network]") {
  const std::string late = "  - { group: late, count: 50, carrier: soracom, plan: plan01s, "
                           "device: late, cell: metro }\n";
  const std::string outages = "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n"
                              "  - { at: 3h, core-outage: { for: 20m } }\n";
  std::string slow_answers = Cell(300, "5/s", "0s..30s", "0s..60s", "gsma-ts34", late, outages);
  // Answers that take seconds (some sent before the restore arrive after it), and a duty cycle
  // that powers devices off in the middle of the skipped retries.
  const std::string modem = "modem: { loss-detection: 0s..60s }";
  slow_answers.replace(slow_answers.find(modem), modem.size(),
                       "modem: { loss-detection: 0s..60s, attach-time: 1s..3s }, "
                       "power: { duty-cycle: { on: 20m, every: 1h } }");
  for (const std::string& text :
       {Cell(300, "5/s", "0s..30s", "0s..60s", "gsma-ts34", late, outages), slow_answers}) {
    RunOptions every_retry;
    every_retry.fast_forward = false;
    const Run fast = Simulate(text, "6h");
    const Run slow = Simulate(text, "6h", "USD", every_retry);
    CHECK(fast.world->events() < slow.world->events());
    auto reports = [](const RunResult& run) {
      nlohmann::ordered_json summary = BuildSummary(run);
      summary.erase("engine");
      return summary.dump(1) + SimsCsv(run) + LedgerCsv(run) + HistoryCsv(run) + SessionsCsv(run);
    };
    CHECK(reports(*fast.result) == reports(*slow.result));
  }
}

TEST_CASE("NET-3 NET-4: naive firmware makes a taller surge and more collateral than gsma-ts34",
          "[rules][network][firmware]") {
  // 2,000 devices lose their cell for an hour; 100 bystanders boot slowly and first attach
  // while the cell is busy with the surge.
  const auto run = [](const std::string& firmware) {
    return Simulate(Cell(2000, "50/s", "0s..60s", "0s..60s", firmware,
                         "  - { group: bystanders, count: 100, carrier: soracom, plan: plan01s, "
                         "device: late, cell: metro }\n",
                         "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n"),
                    "4h");
  };
  const Run naive = run("naive");
  const Run gsma = run("gsma-ts34");
  const CellStats& n = naive.world->recorder().signaling().by_cell[0];
  const CellStats& g = gsma.world->recorder().signaling().by_cell[0];
  INFO("peak/s naive " << n.per_second.peak << " gsma " << g.per_second.peak
                       << "; collateral naive " << n.collateral << " gsma " << g.collateral);
  CHECK(2 * n.per_second.peak > 3 * g.per_second.peak);
  CHECK(n.collateral > g.collateral);
  CHECK(naive.world->recorder().signaling().total.collateral_congestion > 0);
  // Everyone is back in the end with either firmware.
  CHECK(Outage(naive).back.size() == 2000);
  CHECK(Outage(gsma).back.size() == 2000);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("NET-4: modems that search for a cell instead of retrying return in a surge with it",
          "[rules][network]") {
  // 2,000 meters in a 50/s cell that is down from 1 h to 2 h. Retrying by T3411/T3402 through
  // the outage keeps them in step with their own timers: they come back spread out, under the
  // capacity. Searching modems make no attempt while the cell is down and all find it within
  // 10 s of its return: a surge at the capacity, congestion, T3346.
  const std::string outage = "  - { at: 1h, cell-outage: { cell: metro, for: 1h } }\n";
  std::string search = Cell(2000, "50/s", "0s..60s", "0s..60s", "modem", "", outage);
  const std::string modem = "modem: { loss-detection: 0s..60s }";
  search.replace(search.find(modem), modem.size(),
                 "modem: { loss-detection: 0s..60s, no-cell: search, cell-search: 0s..10s }");
  const Run retrying = Simulate(Cell(2000, "50/s", "0s..60s", "0s..60s", "modem", "", outage), "4h");
  const Run searching = Simulate(search, "4h");
  const CellStats& r = retrying.world->recorder().signaling().by_cell[0];
  const CellStats& s = searching.world->recorder().signaling().by_cell[0];

  // Searching modems made no attempt into the dead cell; retrying ones made thousands.
  CHECK(searching.world->recorder().signaling().total.attempts_without_cell == 0);
  CHECK(retrying.world->recorder().signaling().total.attempts_without_cell > 2000 * 5);
  // The surge: the busiest second after the restore is the searching fleet's, far over capacity,
  // and it is congested; every device still comes back.
  CHECK(s.per_second.peak_at >= 2 * kHour);
  CHECK(s.per_second.peak_at < 2 * kHour + 10 * kSecond);
  CHECK(s.per_second.peak > 150);
  CHECK(s.rejects_by_cause.at(kCauseCongestion) > 1000);
  const MassEvent& back = Outage(searching);
  CHECK(back.affected == 2000);
  REQUIRE(back.BackBy(100));
  CHECK(*back.BackBy(1) < 10 * kSecond);
  CHECK(*back.BackBy(100) <= 15 * kMinute + 10 * kSecond);
  // Retrying modems, in step with their timers, come back below the capacity.
  CHECK(Outage(retrying).BackBy(1) > std::optional<SimTime>(3 * kMinute));
  const auto congested = r.rejects_by_cause.find(kCauseCongestion);
  const uint64_t retry_rejects = congested == r.rejects_by_cause.end() ? 0 : congested->second;
  CHECK(retry_rejects < s.rejects_by_cause.at(kCauseCongestion) / 10);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
