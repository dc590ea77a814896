#include "simulator/results/pipeline.h"

#include <algorithm>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/results/session.h"
#include "simulator/results/sharded_run.h"

namespace carriersim {
namespace {

// Billing knows a SIM by its number and a time by the run's clock: when a fee that does not fit
// stops the run, the error names them as the reports do.
[[noreturn]] void ThrowNamed(const Scenario& scenario, const FeeOverflow& e) {
  std::string sim = "SIM " + std::to_string(e.sim());
  for (const GroupSpec& g : scenario.groups) {
    if (e.sim() >= g.first_sim && e.sim() < g.first_sim + g.count) {
      sim = "SIM " + g.name + "#" + std::to_string(e.sim() - g.first_sim);
    }
  }
  throw FeeOverflow(e.sim(), e.time(), e.detail(),
                    sim + " at " + FormatTimestamp(scenario.start + e.time()));
}

// On one world, or cut into shards with a thread each (results/sharded_run.h).
RunResult RunOnThreads(const Scenario& scenario, const RunOptions& options) {
  if (options.threads > 1) {
    ShardPlan plan = PlanShards(scenario, options.threads);
    if (!plan.fewer.empty() && options.notice) {
      options.notice(plan.fewer + (plan.shards.size() == 1 ? ": running on one thread"
                                                           : ": running on " +
                                                                 std::to_string(plan.shards.size()) +
                                                                 " threads"));
    }
    if (plan.shards.size() > 1) {
      if (std::optional<RunResult> sharded = RunSharded(scenario, options, std::move(plan))) {
        return std::move(*sharded);
      }
    }
  }
  Session session(scenario, options);
  return session.Finish();
}

}  // namespace

RunResult RunScenario(const Scenario& scenario, const RunOptions& options) {
  try {
    return RunOnThreads(scenario, options);
  } catch (const FeeOverflow& e) {
    ThrowNamed(scenario, e);
  }
}

}  // namespace carriersim
