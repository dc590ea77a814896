// Helpers for the rule tests (SOR-*, KOR-*, HOL-*, NET-*, DEV-*): run a scenario and read back
// what happened to one SIM.
#ifndef CARRIERSIM_TESTS_SCENARIO_RULES_UTIL_H_
#define CARRIERSIM_TESTS_SCENARIO_RULES_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "simulator/results/pipeline.h"
#include "simulator/world/world.h"

namespace carriersim::test {

// Status paths and changes, as Run::Path and Run::Changes give them.
using Strings = std::vector<std::string>;

// A scenario and what ran it: the run pipeline's result (Simulate), or a world stopped midway
// (SimulateUntil). `world` is the world that ran, either way.
struct Run {
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<RunResult> result;
  std::unique_ptr<World> stepped;
  const World* world = nullptr;

  const CarrierProfile& Profile(const std::string& carrier) const;
  SimId Sim(const std::string& group, int64_t index = 0) const;
  // The status names a SIM went through, starting with the one it started in.
  std::vector<std::string> Path(SimId sim) const;
  // Each change as "from>to:cause".
  std::vector<std::string> Changes(SimId sim) const;
  std::string Status(SimId sim) const;
  // The SIM's fees, as the results add them up. REQUIRES: a Simulate run.
  int64_t Fees(SimId sim, FeeCategory category) const;
  int64_t Fees(SimId sim) const;
  std::vector<FeeLine> Lines(SimId sim, FeeCategory category) const;
  SimTime At(const char* utc) const;  // a date-time as simulated time
  // A fee category of the scenario by name ("activation"). REQUIRES: it has one.
  FeeCategory Category(const std::string& name) const;
};

// Loads and runs a scenario through the run pipeline: `header` (name, start, duration,
// currency) is added, and `body` holds carriers, devices, fleet and timeline.
Run Simulate(const std::string& body, const std::string& duration = "30d",
             const std::string& currency = "USD", const RunOptions& options = {});

// The scenario Simulate would run (for a test that steps it itself).
std::unique_ptr<Scenario> LoadBody(const std::string& body, const std::string& duration = "30d",
                                   const std::string& currency = "USD");
// Runs only up to `until` (for looking at a run midway).
Run SimulateUntil(const std::string& body, SimTime until, const std::string& duration = "30d",
                  const std::string& currency = "USD");

// The built-in soracom carrier and three devices (idle; tracker: 1 KB an hour; heavy: 100 KB an
// hour, all booting at once), followed by `fleet_and_timeline`.
std::string Soracom(const std::string& fleet_and_timeline);

// A price of a plan of the profile, in micro-units.
int64_t BasicRate(const CarrierProfile& p, const std::string& plan, const std::string& status);
int64_t TransitionPrice(const CarrierProfile& p, const std::string& plan, const std::string& name);
int64_t RenewalPrice(const CarrierProfile& p, const std::string& plan);
int64_t OneOffPrice(const CarrierProfile& p, const std::string& plan, const std::string& name);

}  // namespace carriersim::test

#endif  // CARRIERSIM_TESTS_SCENARIO_RULES_UTIL_H_
