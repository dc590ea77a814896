#include "tests/scenario/rules_util.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "simulator/base/calendar.h"
#include "tests/test_util.h"

namespace carriersim::test {

std::unique_ptr<Scenario> LoadBody(const std::string& body, const std::string& duration,
                                   const std::string& currency) {
  const std::string text = "name: rules\nstart: 2026-01-01T00:00:00Z\nduration: " + duration +
                           "\ncurrency: " + currency + "\n" + body;
  return std::make_unique<Scenario>(LoadValid(text));
}

Run Simulate(const std::string& body, const std::string& duration, const std::string& currency,
             const RunOptions& options) {
  Run run;
  run.scenario = LoadBody(body, duration, currency);
  run.result = std::make_unique<RunResult>(RunScenario(*run.scenario, options));
  run.world = &run.result->world();
  return run;
}

Run SimulateUntil(const std::string& body, SimTime until, const std::string& duration,
                  const std::string& currency) {
  Run run;
  run.scenario = LoadBody(body, duration, currency);
  run.stepped = std::make_unique<World>(*run.scenario, run.scenario->seed);
  run.stepped->RunUntil(until);
  run.world = run.stepped.get();
  return run;
}

const CarrierProfile& Run::Profile(const std::string& carrier) const {
  for (const CarrierSpec& c : scenario->carriers) {
    if (c.name == carrier) return c.profile;
  }
  FAIL("no carrier " << carrier);
  throw;
}

SimId Run::Sim(const std::string& group, int64_t index) const {
  for (const GroupSpec& g : scenario->groups) {
    if (g.name == group) return static_cast<SimId>(g.first_sim + index);
  }
  FAIL("no group " << group);
  throw;
}

std::vector<std::string> Run::Path(SimId sim) const {
  const CarrierProfile& p = world->directory().ProfileOf(sim);
  std::vector<std::string> path = {p.statuses[world->directory().GroupOf(sim).status].name};
  for (const StatusChange& c : world->recorder().history().changes) {
    if (c.sim == sim) path.push_back(p.statuses[c.to].name);
  }
  return path;
}

std::vector<std::string> Run::Changes(SimId sim) const {
  const CarrierProfile& p = world->directory().ProfileOf(sim);
  std::vector<std::string> changes;
  for (const StatusChange& c : world->recorder().history().changes) {
    if (c.sim != sim) continue;
    changes.push_back(p.statuses[c.from].name + ">" + p.statuses[c.to].name + ":" +
                      std::string(ChangeCauseName(c.cause)));
  }
  return changes;
}

std::string Run::Status(SimId sim) const {
  return world->directory().ProfileOf(sim).statuses[world->network().status(sim)].name;
}

int64_t Run::Fees(SimId sim, FeeCategory category) const {
  REQUIRE(result != nullptr);
  return result->Sim(sim).fees_by_category[static_cast<size_t>(category)];
}

int64_t Run::Fees(SimId sim) const {
  REQUIRE(result != nullptr);
  return result->Sim(sim).fees;
}

std::vector<FeeLine> Run::Lines(SimId sim, FeeCategory category) const {
  std::vector<FeeLine> lines;
  for (const FeeLine& l : world->ledger().lines) {
    if (l.sim == sim && l.category() == category) lines.push_back(l);
  }
  return lines;
}

FeeCategory Run::Category(const std::string& name) const {
  const std::vector<std::string>& names = scenario->fee_categories;
  const auto at = std::find(names.begin(), names.end(), name);
  REQUIRE(at != names.end());
  return static_cast<FeeCategory>(at - names.begin());
}

SimTime Run::At(const char* utc) const {
  std::string error;
  return *ParseTimestamp(utc, &error) - scenario->start;
}

int64_t BasicRate(const CarrierProfile& p, const std::string& plan, const std::string& status) {
  const StatusFee& fee = p.plans[*p.FindPlan(plan)].tariff.basic[*p.FindStatus(status)];
  REQUIRE(fee.charged);
  return fee.price.micros;
}

int64_t TransitionPrice(const CarrierProfile& p, const std::string& plan, const std::string& name) {
  for (const carriersim::TransitionFee& f : p.plans[*p.FindPlan(plan)].tariff.transitions) {
    if (f.name == name) return f.price.micros;
  }
  FAIL("plan " << plan << " has no " << name << " fee");
  throw;
}

int64_t RenewalPrice(const CarrierProfile& p, const std::string& plan) {
  const RenewalFee& r = p.plans[*p.FindPlan(plan)].tariff.renewal;
  REQUIRE(r.enabled);
  return r.price.micros;
}

int64_t OneOffPrice(const CarrierProfile& p, const std::string& plan, const std::string& name) {
  for (const OneOffFee& fee : p.plans[*p.FindPlan(plan)].tariff.one_off) {
    if (fee.name == name) return fee.price.micros;
  }
  FAIL("plan " << plan << " has no fee " << name);
  return 0;
}

std::string Soracom(const std::string& fleet_and_timeline) {
  return R"(carriers:
  soracom: { profile: soracom }
devices:
  idle: { boot: 0 }
  tracker: { boot: 0, traffic: { every: 1h, uplink: 1KB } }
  heavy: { boot: 0, traffic: { every: 1h, uplink: 100KB } }
)" + fleet_and_timeline;
}

}  // namespace carriersim::test
