// Properties that must hold for any timeline: generated at random over every built-in carrier
// profile (its statuses, verbs and plans read from the profile), then run, then checked against
// the ledger, the history and the reports.
#include <algorithm>
#include <array>
#include <map>
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "reports/csv_reports.h"
#include "reports/summary_json.h"
#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader.h"
#include "simulator/scenario/fee_bound.h"
#include "tests/scenario/rules_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// What a built-in profile offers a random timeline, read from the loaded profile itself, so that
// a profile added to scenarios/carriers/ is covered without a change here.
struct CarrierChoice {
  CarrierProfile profile;
  std::vector<std::string> plans;           // those priced in the scenario's currency
  std::vector<std::string> start_statuses;  // neither final nor transient
  std::vector<std::string> verbs;
  bool test_mode = false;  // some rule on attach depends on test mode
  std::string overrides;   // storms made easy: rules on attaches need 2 in 60 days
};

std::vector<CarrierProfile> BuiltinProfiles() {
  std::vector<CarrierProfile> profiles;
  for (const std::string& name : BuiltinProfileNames()) {
    Diagnostics diag;
    std::optional<CarrierProfile> p = LoadBuiltinProfile(name, diag);
    REQUIRE(p);
    profiles.push_back(std::move(*p));
  }
  return profiles;
}

CarrierChoice ChoiceOf(const CarrierProfile& p, const std::string& currency) {
  CarrierChoice c{p, {}, {}, p.VerbNames(), false, ""};
  for (const PlanDef& plan : p.plans) {
    if (!plan.tariff.priced || plan.tariff.currency.str() == currency) c.plans.push_back(plan.name);
  }
  for (size_t s = 0; s < p.statuses.size(); ++s) {
    if (p.WhyNotAStart(static_cast<StatusId>(s)).empty()) {
      c.start_statuses.push_back(p.statuses[s].name);
    }
  }
  std::string rules, counters;
  for (const RuleDef& rule : p.rules) {
    c.test_mode = c.test_mode || rule.if_test_mode;
    if (rule.on != RuleDef::On::kThreshold ||
        p.counters[rule.counter].counts != CounterDef::Counts::kAttaches) {
      continue;
    }
    rules += (rules.empty() ? "" : ", ") + rule.name + ": { reaches: 2 }";
    counters += (counters.empty() ? "" : ", ") + p.counters[rule.counter].name + ": { window: 60d }";
  }
  if (!rules.empty()) c.overrides = "{ rules: { " + rules + " }, counters: { " + counters + " } }";
  return c;
}

// The currencies the built-in plans are priced in, the most used first.
std::vector<std::string> Currencies(const std::vector<CarrierProfile>& profiles) {
  std::map<std::string, int> plans;
  for (const CarrierProfile& p : profiles) {
    for (const PlanDef& plan : p.plans) ++plans[std::string(plan.tariff.currency.str())];
  }
  std::vector<std::string> currencies;
  for (const auto& [currency, n] : plans) currencies.push_back(currency);
  std::stable_sort(currencies.begin(), currencies.end(),
                   [&](const std::string& a, const std::string& b) { return plans[a] > plans[b]; });
  return currencies;
}

template <typename T>
const T& Pick(RandomStream& rng, const std::vector<T>& items) {
  return items[UniformBelow(rng, items.size())];
}

struct Group {
  std::string name;
  const CarrierChoice* carrier;
  int count;
};

// One random action on a group: a power action, a plan change, commands, a setting or a verb.
void RandomAction(RandomStream& rng, const Group& g, std::ostream& s) {
  const CarrierChoice& c = *g.carrier;
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
  switch (UniformBelow(rng, 11)) {
    case 0:
      s << Pick(rng, std::vector<std::string>{"power-on", "power-off", "power-cycle"}) << ": { "
        << target << " }";
      break;
    case 1:
      s << "change-plan: { " << target << ", plan: " << Pick(rng, c.plans) << " }";
      break;
    case 2:
      s << "send-command: { " << target << ", commands: " << UniformInt(rng, 1, 3) << " }";
      break;
    case 3:
      s << "termination-protection: { " << target
        << ", enabled: " << (Bernoulli(rng, 0.5) ? "true" : "false") << " }";
      break;
    case 4:
      if (c.profile.usage_limits) {
        s << "usage-limit: { " << target << ", limit: " << UniformInt(rng, 0, 4) * 100 << "KB }";
      } else if (c.test_mode) {
        s << "test-mode: { " << target << ", enabled: " << (Bernoulli(rng, 0.5) ? "true" : "false")
          << " }";
      } else {
        s << "power-cycle: { " << target << " }";
      }
      break;
    case 5:
      if (c.profile.account_termination_requires != 0 && Bernoulli(rng, 0.3)) {
        s << "terminate-account: { carrier: " << c.profile.name << " }";
      } else {
        s << "power-cycle: { " << target << " }";
      }
      break;
    default:
      s << Pick(rng, c.verbs) << ": { " << target << " }";
      break;
  }
}

// A random scenario: a few groups per built-in carrier with plans in one currency, and a
// timeline of random actions. Storm thresholds are lowered so that power cycles of blocked SIMs
// force reactivations (SOR-7).
std::string RandomScenario(uint64_t seed, const std::vector<CarrierProfile>& profiles,
                           std::string* currency, int* days,
                           std::vector<CarrierChoice>* carriers) {
  RandomStream rng = MakeStream(seed, 0, StreamPurpose::kSelection);
  *days = static_cast<int>(UniformInt(rng, 20, 400));
  const std::vector<std::string> currencies = Currencies(profiles);
  *currency = seed % 4 != 0 || currencies.size() == 1
                  ? currencies[0]
                  : currencies[1 + (seed / 4) % (currencies.size() - 1)];
  for (const CarrierProfile& p : profiles) {
    CarrierChoice c = ChoiceOf(p, *currency);
    if (!c.plans.empty()) carriers->push_back(std::move(c));
  }
  std::ostringstream s;
  s << "carriers:\n";
  for (const CarrierChoice& c : *carriers) {
    s << "  " << c.profile.name << ":\n    profile: " << c.profile.name << "\n";
    if (!c.overrides.empty()) s << "    overrides: " << c.overrides << "\n";
    if (c.profile.upstream_wait) s << "    upstream-outages: [ { from: 3d, to: 4d } ]\n";
  }
  s << "devices:\n  idle: { boot: 0 }\n  tracker: { boot: 1s..1m, traffic: { every: 2h, "
       "uplink: 40KB, downlink: 2KB } }\nfleet:\n";
  std::vector<Group> groups;
  for (const CarrierChoice& c : *carriers) {
    for (int g = 0; g < (carriers->size() == 1 ? 4 : 2); ++g) {
      Group group{c.profile.name + std::to_string(g), &c, static_cast<int>(UniformInt(rng, 1, 4))};
      s << "  - { group: " << group.name << ", count: " << group.count
        << ", carrier: " << c.profile.name << ", plan: " << Pick(rng, c.plans)
        << ", device: " << (Bernoulli(rng, 0.5) ? "idle" : "tracker")
        << ", status: " << Pick(rng, c.start_statuses)
        << ", power: " << (Bernoulli(rng, 0.8) ? "on" : "off");
      if (c.test_mode && Bernoulli(rng, 0.3)) s << ", test-mode: true";
      if (c.profile.usage_limits && Bernoulli(rng, 0.7)) s << ", usage-limit: 300KB";
      s << " }\n";
      groups.push_back(group);
    }
  }
  s << "timeline:\n";
  for (int i = 0; i < 50; ++i) {
    const Group& g = Pick(rng, groups);
    s << "  - { at: " << UniformInt(rng, 0, *days * 24 - 1) << "h, ";
    RandomAction(rng, g, s);
    s << " }\n";
  }
  return s.str();
}

// The rule of the profile that made a status change, if one did: it applies in the status left,
// leads where the SIM went (or back, or on with the change in progress) and gives the cause.
const RuleDef* RuleOf(const CarrierProfile& p, const StatusChange& c) {
  for (const RuleDef& rule : p.rules) {
    if (!InSet(rule.in, c.from) || ChangeCauseOf(rule.cause) != c.cause) continue;
    if (rule.to_kind != RuleDef::To::kStatus || rule.to == c.to) return &rule;
  }
  return nullptr;
}

// Whether the profile explains a status change: a verb that may be used there, a rule, or a
// move that lasted while a counter was reached coming to its end (its month over: the timer; its
// limit raised: the API). Empty when it does; otherwise what is wrong.
std::string Unexplained(const CarrierProfile& p, const StatusChange& c) {
  const bool undone = std::any_of(p.rules.begin(), p.rules.end(), [&](const RuleDef& rule) {
    return rule.lasts_while_reached && rule.to == c.from &&
           (c.cause == ChangeCause::kTimer || c.cause == ChangeCause::kApi);
  });
  const bool verb = c.cause == ChangeCause::kApi &&
                    std::any_of(p.verbs.begin(), p.verbs.end(),
                                [&](const VerbDef& v) { return v.AllowedFrom(c.from); });
  const bool ok = verb || undone || RuleOf(p, c) != nullptr;
  return ok ? ""
            : p.statuses[c.from].name + ">" + p.statuses[c.to].name + ":" +
                  std::string(ChangeCauseName(c.cause));
}

// "12.50" -> 12500000: the reports' amounts read back exactly.
int64_t Micros(const std::string& amount) {
  Money m;
  std::string error;
  REQUIRE(ParseMoney(amount + " USD", &m, &error));  // the digits are read the same in any currency
  return m.micros;
}

// Every SIM's basic, usage and renewal fees stay within what the loader proved they could reach
// (scenario/fee_bound.h), however the timeline went.
void CheckFeeBounds(const World& w) {
  std::vector<std::array<int64_t, 3>> charged(w.directory().size());
  for (const FeeLine& l : w.ledger().lines) {
    if (l.category() == FeeCategory::kBasic) charged[l.sim][0] += l.micros;
    if (l.category() == FeeCategory::kUsage) charged[l.sim][1] += l.micros;
    if (l.category() == FeeCategory::kRenewal) charged[l.sim][2] += l.micros;
  }
  for (SimId sim = 0; sim < w.directory().size(); ++sim) {
    INFO("SIM " << w.directory().SimName(sim));
    const FeeBound bound = SimFeeBound(w.scenario(), w.directory().group(sim));
    CHECK(static_cast<bool>(Int128{charged[sim][0]} <= bound.basic));
    CHECK(static_cast<bool>(Int128{charged[sim][1]} <= bound.usage));
    CHECK(static_cast<bool>(Int128{charged[sim][2]} <= bound.renewal));
  }
}

TEST_CASE("random timelines keep the ledger and the lifecycle consistent", "[properties]") {
  const std::vector<CarrierProfile> profiles = BuiltinProfiles();
  size_t lines = 0, changes = 0, refusals = 0, storms = 0, limit_pauses = 0;
  std::set<std::string> carriers_run, plans_run;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    int days = 0;
    std::string currency;
    std::vector<CarrierChoice> carriers;
    const std::string body = RandomScenario(seed, profiles, &currency, &days, &carriers);
    INFO("seed " << seed << "\n" << body);
    const test::Run r = test::Simulate(body, std::to_string(days) + "d", currency);
    const World& w = *r.world;

    // No negative line, nothing charged twice, no line across a month end.
    std::set<std::tuple<uint32_t, int, int64_t>> charged;  // (sim, unit, day or month)
    Int128 exact_sum = 0;  // what the lines add up to, whatever 64 bits can hold
    for (const FeeLine& l : w.ledger().lines) {
      CHECK(l.micros >= 0);
      CHECK(l.quantity > 0);
      exact_sum += l.micros;
      if (l.category() != FeeCategory::kBasic) continue;
      const UnixMillis first = w.scenario().start + l.time;
      const bool daily = l.unit() == FeeUnit::kDay;
      const int64_t base = daily ? DayIndex(first) : MonthIndex(first);
      if (daily) CHECK(MonthIndex(first) == MonthIndex(first + (l.quantity - 1) * kDay));
      for (int64_t k = 0; k < l.quantity; ++k) {
        CHECK(charged.insert({l.sim, daily ? 0 : 1, base + k}).second);
      }
    }

    // Realistic prices fit in 64 bits, and the ledger keeps the exact total.
    REQUIRE(static_cast<bool>(exact_sum <= INT64_MAX));
    const auto sum = static_cast<int64_t>(exact_sum);
    CHECK(w.ledger().lines.total() == sum);
    CheckFeeBounds(w);

    // Totals equal the sum of their lines, however they are cut.
    const nlohmann::ordered_json summary = BuildSummary(*r.result);
    CHECK(Micros(summary["fees"]["total"]) == sum);
    int64_t categories = 0;
    for (const auto& [name, amount] : summary["fees"]["by_category"].items()) {
      categories += Micros(amount);
    }
    CHECK(categories == sum);
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
      const RuleDef* rule = RuleOf(w.directory().ProfileOf(c.sim), c);
      limit_pauses += rule != nullptr && rule->lasts_while_reached;
      carriers_run.insert(w.directory().ProfileOf(c.sim).name);
    }
    storms += w.recorder().forced_reactivations().size();

    lines += w.ledger().lines.size();
    changes += w.recorder().history().changes.size();
    for (const ActionOutcome& o : w.recorder().actions()) refusals += o.refused;
    for (const GroupSpec& g : w.scenario().groups) {
      plans_run.insert(w.scenario().carriers[g.carrier].profile.plans[g.plan].name);
    }

    // And the same seed runs the same.
    const test::Run again = test::Simulate(body, std::to_string(days) + "d", currency);
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
  // Every built-in profile took part, and changed the status of its SIMs.
  for (const CarrierProfile& p : profiles) CHECK(carriers_run.count(p.name) == 1);
  size_t all_plans = 0;
  for (const CarrierProfile& p : profiles) all_plans += p.plans.size();
  CHECK(plans_run.size() * 4 >= all_plans * 3);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
