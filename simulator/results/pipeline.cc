#include "simulator/results/pipeline.h"

#include <algorithm>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/results/measure.h"
#include "simulator/results/sampler.h"
#include "simulator/results/snapshot.h"

namespace carriersim {
namespace {

// The instants the run pauses at, sorted, each once: expectations' `at:` and timeseries rows.
std::vector<SimTime> PauseTimes(const Scenario& scenario, const TimeseriesSampler* sampler) {
  std::vector<SimTime> pauses;
  for (const Expectation& e : scenario.expectations) {
    if (e.at >= 0) pauses.push_back(e.at);
  }
  if (sampler != nullptr)
    pauses.insert(pauses.end(), sampler->times().begin(), sampler->times().end());
  std::sort(pauses.begin(), pauses.end());
  pauses.erase(std::unique(pauses.begin(), pauses.end()), pauses.end());
  return pauses;
}

void InstallTrace(World& world, const std::function<void(const TraceRecord&)>& trace) {
  world.set_trace([&world, trace](const Event& e) {
    TraceRecord r;
    r.directory = &world.directory();
    r.time = e.time;
    r.event = EventName(e);
    if (e.entity != kTimelineEntity) {
      const DeviceId d = DeviceOfEntity(e.entity);
      r.device = true;
      r.sim = d;
      r.modem = ModemStateName(world.devices().modem(d));
      r.status = &world.directory().ProfileOf(d).statuses[world.network().status(d)].name;
    }
    trace(r);
  });
}

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

RunResult Run(const Scenario& scenario, const RunOptions& options) {
  auto world = std::make_unique<World>(scenario, options.seed.value_or(scenario.seed));
  world->set_fast_forward(options.fast_forward);
  if (options.progress) world->set_progress(options.progress);
  if (options.trace) InstallTrace(*world, options.trace);
  auto census =
      std::make_unique<StatusCensus>(world->directory(), world->recorder().history().changes);
  std::optional<TimeseriesSampler> sampler;
  if (options.timeseries) sampler.emplace(scenario);
  std::vector<ExpectationResult> expectations(scenario.expectations.size());

  // Pausing after each instant: the world then shows everything that happened up to and at it.
  for (const SimTime t : PauseTimes(scenario, sampler ? &*sampler : nullptr)) {
    world->RunUntil(t + 1);
    census->AdvanceTo(t);
    if (sampler && std::binary_search(sampler->times().begin(), sampler->times().end(), t)) {
      sampler->Sample(*world, *census, t);
    }
    std::optional<Snapshot> now;
    for (size_t i = 0; i < expectations.size(); ++i) {
      if (scenario.expectations[i].at != t) continue;
      if (!now) now.emplace(*world, *census);
      expectations[i] = CheckExpectation(*now, scenario.expectations[i]);
    }
  }
  world->RunToEnd();
  census->AdvanceTo(scenario.duration);
  auto end = std::make_unique<Snapshot>(*world, *census);
  for (size_t i = 0; i < expectations.size(); ++i) {
    if (scenario.expectations[i].at < 0) {
      expectations[i] = CheckExpectation(*end, scenario.expectations[i]);
    }
  }
  TimeseriesTable table = sampler ? sampler->Finish(*world) : TimeseriesTable{};
  return RunResult(std::move(world), std::move(census), std::move(end), std::move(table),
                   std::move(expectations));
}

}  // namespace

RunResult RunScenario(const Scenario& scenario, const RunOptions& options) {
  try {
    return Run(scenario, options);
  } catch (const FeeOverflow& e) {
    ThrowNamed(scenario, e);
  }
}

}  // namespace carriersim
