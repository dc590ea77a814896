// Properties that must hold for any timeline: generated at random over the three built-in
// carriers, then run, then checked against the ledger, the history and the reports.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "reports/csv_reports.h"
#include "reports/summary_json.h"
#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace {

struct CarrierChoice {
  const char* name;
  std::vector<const char*> plans;
  std::vector<const char*> start_statuses;
  std::vector<const char*> verbs;
};

const std::vector<CarrierChoice> kCarriers = {
    {"soracom",
     {"plan01s", "plan01s-LDV", "planX3", "planX3-EU", "plan-US"},
     {"ready", "active", "inactive", "standby", "suspended"},
     {"activate", "deactivate", "set-to-standby", "suspend", "terminate"}},
    {"kore",
     {"standard"},
     {"new", "ready", "active", "suspended"},
     {"set-ready", "activate", "suspend", "deactivate", "restore", "cancel"}},
    {"hologram",
     {"flexible", "high-bandwidth"},
     {"active", "paused"},
     {"pause", "resume", "deactivate"}},
};

template <typename T>
const T& Pick(RandomStream& rng, const std::vector<T>& items) {
  return items[UniformBelow(rng, items.size())];
}

// A random scenario: a few groups per carrier and a timeline of random actions.
std::string RandomScenario(uint64_t seed, int* days) {
  RandomStream rng = MakeStream(seed, 0, StreamPurpose::kSelection);
  *days = static_cast<int>(UniformInt(rng, 20, 400));
  std::ostringstream s;
  s << "carriers:\n  soracom: { profile: soracom }\n  kore:\n    profile: kore\n"
       "    upstream-outages: [ { from: 3d, to: 4d } ]\n  hologram: { profile: hologram }\n"
       "devices:\n  idle: { boot: 0 }\n  tracker: { boot: 1s..1m, traffic: { every: 2h, uplink: "
       "40KB, downlink: 2KB } }\nfleet:\n";
  struct Group {
    std::string name;
    const CarrierChoice* carrier;
    int count;
  };
  std::vector<Group> groups;
  for (const CarrierChoice& c : kCarriers) {
    for (int g = 0; g < 2; ++g) {
      Group group{std::string(c.name) + std::to_string(g), &c,
                  static_cast<int>(UniformInt(rng, 1, 4))};
      s << "  - { group: " << group.name << ", count: " << group.count << ", carrier: " << c.name
        << ", plan: " << Pick(rng, c.plans)
        << ", device: " << (Bernoulli(rng, 0.5) ? "idle" : "tracker")
        << ", status: " << Pick(rng, c.start_statuses)
        << ", power: " << (Bernoulli(rng, 0.8) ? "on" : "off");
      if (std::string(c.name) == "soracom" && Bernoulli(rng, 0.3)) s << ", test-mode: true";
      if (std::string(c.name) == "hologram" && Bernoulli(rng, 0.5)) s << ", usage-limit: 300KB";
      s << " }\n";
      groups.push_back(group);
    }
  }
  s << "timeline:\n";
  for (int i = 0; i < 40; ++i) {
    const Group& g = Pick(rng, groups);
    const int64_t at = UniformInt(rng, 0, *days * 24 - 1);
    std::string target = "group: " + g.name;
    switch (UniformBelow(rng, 4)) {
      case 0:
        target += ", count: " + std::to_string(UniformInt(rng, 1, g.count));
        break;
      case 1:
        target += ", fraction: 50%";
        break;
      case 2:
        target = "sim: \"" + g.name + "#" + std::to_string(UniformBelow(rng, g.count)) + "\"";
        break;
      default:
        break;
    }
    s << "  - { at: " << at << "h, ";
    switch (UniformBelow(rng, 8)) {
      case 0:
        s << Pick(rng, std::vector<const char*>{"power-on", "power-off", "power-cycle"}) << ": { "
          << target << " }";
        break;
      case 1:
        s << "change-plan: { " << target << ", plan: " << Pick(rng, g.carrier->plans) << " }";
        break;
      case 2:
        s << "send-command: { " << target << ", commands: " << UniformInt(rng, 1, 3) << " }";
        break;
      case 3:
        s << "termination-protection: { " << target
          << ", enabled: " << (Bernoulli(rng, 0.5) ? "true" : "false") << " }";
        break;
      default:
        s << Pick(rng, g.carrier->verbs) << ": { " << target << " }";
        break;
    }
    s << " }\n";
  }
  return s.str();
}

// "12.50" -> 12500000: the reports' amounts read back exactly.
int64_t Micros(const std::string& amount) {
  Money m;
  std::string error;
  REQUIRE(ParseMoney(amount + " USD", &m, &error));
  return m.micros;
}

TEST_CASE("random timelines keep the ledger and the lifecycle consistent", "[properties]") {
  size_t lines = 0, changes = 0, refusals = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    int days = 0;
    const std::string body = RandomScenario(seed, &days);
    INFO("seed " << seed << "\n" << body);
    const test::Run r = test::Simulate(body, std::to_string(days) + "d");
    const World& w = *r.world;

    // No negative line, nothing charged twice, no line across a month end.
    std::set<std::tuple<uint32_t, int, int64_t>> charged;  // (sim, unit, day or month)
    int64_t sum = 0;
    for (const FeeLine& l : w.ledger.lines) {
      CHECK(l.micros >= 0);
      CHECK(l.quantity > 0);
      sum += l.micros;
      if (l.category() != FeeCategory::kBasic) continue;
      const UnixMillis first = w.scenario.start + l.time;
      const bool daily = l.unit() == FeeUnit::kDay;
      const int64_t base = daily ? DayIndex(first) : MonthIndex(first);
      if (daily) CHECK(MonthIndex(first) == MonthIndex(first + (l.quantity - 1) * kDay));
      for (int64_t k = 0; k < l.quantity; ++k) {
        CHECK(charged.insert({l.sim, daily ? 0 : 1, base + k}).second);
      }
    }

    // Totals equal the sum of their lines, however they are cut.
    const FeeSummary fees = SummarizeFees(w);
    const nlohmann::ordered_json summary = BuildSummary(w, fees);
    CHECK(Micros(summary["fees"]["total"]) == sum);
    int64_t invoices = 0, groups = 0, plans = 0;
    for (const auto& invoice : summary["fees"]["invoices"]) invoices += Micros(invoice["total"]);
    for (const auto& group : summary["groups"]) groups += Micros(group["fees"]["total"]);
    for (const auto& plan : summary["fees"]["by_plan"]) plans += Micros(plan["total"]);
    CHECK(invoices == sum);
    CHECK(groups == sum);
    CHECK(plans == sum);
    int64_t per_sim = 0;
    std::istringstream sims(SimsCsv(w, fees));
    std::string row;
    std::getline(sims, row);  // header
    while (std::getline(sims, row))
      per_sim += Micros(row.substr(row.rfind(',') + 1, row.size() - row.rfind(',') - 2));
    CHECK(per_sim == sum);

    // No SIM ever leaves a final status; the history is in time order.
    SimTime last = 0;
    for (const StatusChange& c : w.history.changes) {
      CHECK_FALSE(w.ProfileOf(c.sim).statuses[c.from].final);
      CHECK(c.time >= last);
      last = c.time;
    }

    lines += w.ledger.lines.size();
    changes += w.history.changes.size();
    for (const ActionOutcome& o : w.metrics.actions) refusals += o.refused;

    // And the same seed runs the same.
    const test::Run again = test::Simulate(body, std::to_string(days) + "d");
    CHECK(again.world->ledger.lines.size() == w.ledger.lines.size());
    CHECK(LedgerCsv(*again.world) == LedgerCsv(w));
    CHECK(HistoryCsv(*again.world) == HistoryCsv(w));
  }
  // The timelines are busy enough to mean something.
  CHECK(lines > 500);
  CHECK(changes > 300);
  CHECK(refusals > 50);
}

}  // namespace
}  // namespace carriersim
