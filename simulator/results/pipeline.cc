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

// On one world, or cut into shards with a thread each (results/sharded_run.h), over ranks too.
std::optional<RunResult> RunOnThreads(const Scenario& scenario, const RunOptions& options) {
  const RankLinks* ranks =
      options.ranks != nullptr && options.ranks->ranks > 1 ? options.ranks : nullptr;
  if (options.threads > 1 || ranks != nullptr) {
    const uint32_t wanted = options.threads * (ranks != nullptr ? ranks->ranks : 1);
    ShardPlan plan = PlanShards(scenario, wanted);
    if (!plan.fewer.empty() && options.notice) {
      const std::string n = std::to_string(plan.shards.size());
      options.notice(plan.fewer + (ranks != nullptr ? ": running " + n + " shards over the ranks"
                                   : plan.shards.size() == 1 ? ": running on one thread"
                                                             : ": running on " + n + " threads"));
    }
    if (plan.shards.size() > 1 || ranks != nullptr) {
      ShardedOutcome sharded = RunSharded(scenario, options, std::move(plan));
      if (sharded.result) return std::move(sharded.result);
      // Another rank has the result, or every rank failed alike: rank 0 runs on one thread.
      if (!sharded.failed || (ranks != nullptr && ranks->rank != 0)) return std::nullopt;
    }
  }
  Session session(scenario, options);
  return session.Finish();
}

}  // namespace

RunResult RunScenario(const Scenario& scenario, const RunOptions& options) {
  RunOptions alone = options;
  alone.ranks = nullptr;
  return *RunScenarioOnRanks(scenario, alone);
}

std::optional<RunResult> RunScenarioOnRanks(const Scenario& scenario, const RunOptions& options) {
  try {
    return RunOnThreads(scenario, options);
  } catch (const FeeOverflow& e) {
    ThrowNamed(scenario, e);
  }
}

}  // namespace carriersim
