// Properties that must hold for any timeline: generated at random over the three built-in
// carriers, then run, then checked against the ledger, the history and the reports.
#include <algorithm>
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

// The Japan plans are priced in yen: a scenario reports in one currency, so they get
// scenarios of their own, with Soracom alone.
const CarrierChoice kSoracomJapan = {
    "soracom",
    {"plan-D", "plan-K", "plan-K2", "plan-DU", "plan-KM1"},
    {"ready", "active", "inactive", "standby", "suspended"},
    {"activate", "deactivate", "set-to-standby", "suspend", "terminate"}};

// A random scenario: a few groups per carrier and a timeline of random actions. Soracom's storm
// threshold is lowered so that power cycles of suspended SIMs force reactivations (SOR-7).
std::string RandomScenario(uint64_t seed, bool yen, int* days) {
  RandomStream rng = MakeStream(seed, 0, StreamPurpose::kSelection);
  *days = static_cast<int>(UniformInt(rng, 20, 400));
  std::ostringstream s;
  s << "carriers:\n  soracom:\n    profile: soracom\n"
       "    overrides: { storm: { attempts: 1, window: 60d } }\n";
  if (!yen) {
    s << "  kore:\n    profile: kore\n    upstream-outages: [ { from: 3d, to: 4d } ]\n"
         "  hologram: { profile: hologram }\n";
  }
  s << "devices:\n  idle: { boot: 0 }\n  tracker: { boot: 1s..1m, traffic: { every: 2h, "
       "uplink: 40KB, downlink: 2KB } }\nfleet:\n";
  std::vector<const CarrierChoice*> carriers;
  if (yen) {
    carriers = {&kSoracomJapan};
  } else {
    for (const CarrierChoice& c : kCarriers) carriers.push_back(&c);
  }
  struct Group {
    std::string name;
    const CarrierChoice* carrier;
    int count;
  };
  std::vector<Group> groups;
  for (const CarrierChoice* carrier : carriers) {
    const CarrierChoice& c = *carrier;
    for (int g = 0; g < (yen ? 4 : 2); ++g) {
      Group group{std::string(c.name) + std::to_string(g), &c,
                  static_cast<int>(UniformInt(rng, 1, 4))};
      s << "  - { group: " << group.name << ", count: " << group.count << ", carrier: " << c.name
        << ", plan: " << Pick(rng, c.plans)
        << ", device: " << (Bernoulli(rng, 0.5) ? "idle" : "tracker")
        << ", status: " << Pick(rng, c.start_statuses)
        << ", power: " << (Bernoulli(rng, 0.8) ? "on" : "off");
      if (std::string(c.name) == "soracom" && Bernoulli(rng, 0.3)) s << ", test-mode: true";
      if (std::string(c.name) == "hologram" && Bernoulli(rng, 0.7)) s << ", usage-limit: 300KB";
      s << " }\n";
      groups.push_back(group);
    }
  }
  s << "timeline:\n";
  for (int i = 0; i < 50; ++i) {
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
    const bool soracom = std::string(g.carrier->name) == "soracom";
    const bool hologram = std::string(g.carrier->name) == "hologram";
    switch (UniformBelow(rng, 11)) {
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
      case 4:
        if (hologram) {
          s << "usage-limit: { " << target << ", limit: " << UniformInt(rng, 0, 4) * 100 << "KB }";
        } else if (soracom) {
          s << "test-mode: { " << target
            << ", enabled: " << (Bernoulli(rng, 0.5) ? "true" : "false") << " }";
        } else {
          s << "power-cycle: { " << target << " }";
        }
        break;
      case 5:
        if (soracom && Bernoulli(rng, 0.3)) {
          s << "terminate-account: { carrier: soracom }";
        } else {
          s << "power-cycle: { " << target << " }";
        }
        break;
      default:
        s << Pick(rng, g.carrier->verbs) << ": { " << target << " }";
        break;
    }
    s << " }\n";
  }
  return s.str();
}

// Whether the profile explains a status change: a verb that may be used there (or a usage
// limit lifted), an automatic transition of the status left, its attach rule, the usage limit,
// or a storm. Empty when it does; otherwise what is wrong.
std::string Unexplained(const CarrierProfile& p, const StatusChange& c) {
  const StatusDef& from = p.statuses[c.from];
  const bool from_limit = p.usage_limit.enabled && c.from == p.usage_limit.to;
  const auto automatic = [&](bool timed) {
    for (const AutoTransition& t : from.automatic) {
      if ((t.trigger == AutoTransition::Trigger::kTime) == timed &&
          (t.to_requested || t.to == c.to))
        return true;
    }
    return false;
  };
  bool ok = false;
  switch (c.cause) {
    case ChangeCause::kApi:
      ok = from_limit || std::any_of(p.verbs.begin(), p.verbs.end(),
                                     [&](const VerbDef& v) { return v.AllowedFrom(c.from); });
      break;
    case ChangeCause::kDeviceAttach:
      ok = from.attach.kind == AttachRule::Kind::kBecomeThenAccept &&
           (c.to == from.attach.become || c.to == from.attach.become_in_test_mode);
      break;
    case ChangeCause::kTimer:
      ok = automatic(true) || from_limit;
      break;
    case ChangeCause::kNetwork:
      ok = automatic(false) || (from.waits_for_upstream && c.to == from.outage_then) ||
           (p.usage_limit.enabled && c.to == p.usage_limit.to);
      break;
    case ChangeCause::kStorm:
      ok = InSet(p.storm.statuses, c.from) && c.to == p.storm.to;
      break;
  }
  return ok ? ""
            : from.name + ">" + p.statuses[c.to].name + ":" + std::string(ChangeCauseName(c.cause));
}

// "12.50" -> 12500000: the reports' amounts read back exactly.
int64_t Micros(const std::string& amount) {
  Money m;
  std::string error;
  REQUIRE(ParseMoney(amount + " USD", &m, &error));  // the digits are read the same in any currency
  return m.micros;
}

TEST_CASE("random timelines keep the ledger and the lifecycle consistent", "[properties]") {
  size_t lines = 0, changes = 0, refusals = 0, storms = 0, limit_pauses = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    int days = 0;
    const bool yen = seed % 4 == 0;
    const std::string body = RandomScenario(seed, yen, &days);
    INFO("seed " << seed << "\n" << body);
    const test::Run r = test::Simulate(body, std::to_string(days) + "d", yen ? "JPY" : "USD");
    const World& w = *r.world;

    // No negative line, nothing charged twice, no line across a month end.
    std::set<std::tuple<uint32_t, int, int64_t>> charged;  // (sim, unit, day or month)
    int64_t sum = 0;
    for (const FeeLine& l : w.ledger().lines) {
      CHECK(l.micros >= 0);
      CHECK(l.quantity > 0);
      sum += l.micros;
      if (l.category() != FeeCategory::kBasic) continue;
      const UnixMillis first = w.scenario().start + l.time;
      const bool daily = l.unit() == FeeUnit::kDay;
      const int64_t base = daily ? DayIndex(first) : MonthIndex(first);
      if (daily) CHECK(MonthIndex(first) == MonthIndex(first + (l.quantity - 1) * kDay));
      for (int64_t k = 0; k < l.quantity; ++k) {
        CHECK(charged.insert({l.sim, daily ? 0 : 1, base + k}).second);
      }
    }

    // Totals equal the sum of their lines, however they are cut.
    const nlohmann::ordered_json summary = BuildSummary(*r.result);
    CHECK(Micros(summary["fees"]["total"]) == sum);
    int64_t invoices = 0, groups = 0, plans = 0;
    for (const auto& invoice : summary["fees"]["invoices"]) invoices += Micros(invoice["total"]);
    for (const auto& group : summary["groups"]) groups += Micros(group["fees"]["total"]);
    for (const auto& plan : summary["fees"]["by_plan"]) plans += Micros(plan["total"]);
    CHECK(invoices == sum);
    CHECK(groups == sum);
    CHECK(plans == sum);
    int64_t per_sim = 0;
    std::istringstream sims(SimsCsv(*r.result));
    std::string row;
    std::getline(sims, row);  // header
    while (std::getline(sims, row))
      per_sim += Micros(row.substr(row.rfind(',') + 1, row.size() - row.rfind(',') - 2));
    CHECK(per_sim == sum);

    // No SIM ever leaves a final status; the history is in time order.
    SimTime last = 0;
    for (const StatusChange& c : w.recorder().history().changes) {
      CHECK_FALSE(w.directory().ProfileOf(c.sim).statuses[c.from].final);
      CHECK(Unexplained(w.directory().ProfileOf(c.sim), c).empty());
      CHECK(c.time >= last);
      last = c.time;
      limit_pauses +=
          c.cause == ChangeCause::kNetwork && w.directory().ProfileOf(c.sim).statuses[c.to].name == "paused";
    }
    storms += w.recorder().forced_reactivations().size();

    lines += w.ledger().lines.size();
    changes += w.recorder().history().changes.size();
    for (const ActionOutcome& o : w.recorder().actions()) refusals += o.refused;

    // And the same seed runs the same.
    const test::Run again = test::Simulate(body, std::to_string(days) + "d", yen ? "JPY" : "USD");
    CHECK(again.world->ledger().lines.size() == w.ledger().lines.size());
    CHECK(LedgerCsv(*again.result) == LedgerCsv(*r.result));
    CHECK(HistoryCsv(*again.result) == HistoryCsv(*r.result));
  }
  // The timelines are busy enough to mean something.
  CHECK(lines > 2000);
  CHECK(changes > 1000);
  CHECK(refusals > 200);
  CHECK(storms > 0);
  CHECK(limit_pauses > 0);
}

}  // namespace
}  // namespace carriersim
