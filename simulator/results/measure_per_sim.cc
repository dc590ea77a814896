// `per-sim:`: a per-SIM metric taken over the SIMs of a scope. `each` checks every SIM and names
// the first that fail; min, max, mean and pNN compare one statistic. Exact and deterministic:
// integers throughout, percentiles by nearest rank.
#include <algorithm>

#include "simulator/base/int128.h"
#include "simulator/base/units.h"
#include "simulator/results/measure_internal.h"
#include "simulator/results/measure_part.h"

namespace carriersim {
namespace {

// How many failing SIMs `each` names: enough to start looking, few enough to read.
constexpr size_t kNamedFailures = 5;

// One SIM's value of a metric Totals keep, from its own figures.
int64_t OwnValue(const World& world, const StatusCensus& census, const Expectation& e,
                 SimId sim) {
  if (e.metric == MetricId::kSimsInStatus) {
    return world.directory().ProfileOf(sim).statuses[census.status(sim)].name == e.parameter;
  }
  return FromTotals(world.scenario(), OfSim(world, sim), e);
}

}  // namespace

std::vector<SimValue> ValuesOf(const World& world, const StatusCensus& census,
                               const Expectation& e) {
  // Fees, changes and forced reactivations are in the records, not in a SIM's own figures.
  std::vector<int64_t> recorded;
  if (CountsFees(e.metric) || CountsChanges(e.metric)) {
    recorded = RecordsPerSimOf(world, e);
  } else if (e.metric == MetricId::kForcedReactivations) {
    recorded.resize(world.directory().size());
    for (const ForcedReactivation& f : world.recorder().forced_reactivations()) ++recorded[f.sim];
  }
  std::vector<SimValue> values;
  for (SimId sim = 0; sim < world.directory().size(); ++sim) {
    if (!InScope(world, e.scope, sim)) continue;
    values.push_back({world.directory().GlobalSim(sim),
                      recorded.empty() ? OwnValue(world, census, e, sim) : recorded[sim]});
  }
  return values;
}

std::vector<SimValue> PerSimValues(const Snapshot& now, const Expectation& e) {
  if (e.filter.action >= 0) return EventEnergy(now, e);
  std::vector<SimValue> values;
  for (const ShardView* part : now.parts()) {
    const std::vector<SimValue> mine = part->Values(e);
    values.insert(values.end(), mine.begin(), mine.end());
  }
  // In SIM order: the shards' SIMs interleave.
  if (now.parts().size() > 1) {
    std::sort(values.begin(), values.end(),
              [](const SimValue& a, const SimValue& b) { return a.sim < b.sim; });
  }
  return values;
}

Measured Statistic(const Expectation& e, std::vector<SimValue> values) {
  if (values.empty()) return {std::nullopt, "no SIMs in the scope"};
  std::sort(values.begin(), values.end(),
            [](const SimValue& a, const SimValue& b) { return a.value < b.value; });
  const auto n = static_cast<int64_t>(values.size());
  switch (e.quantifier) {
    case Quantifier::kMin:
      return {values.front().value, ""};
    case Quantifier::kMax:
      return {values.back().value, ""};
    case Quantifier::kMean: {
      // Rounded to the nearest unit (a byte, a millisecond, a millionth), halves up; values
      // are never negative.
      Int128 sum = 0;
      for (const SimValue& v : values) sum += v.value;
      return {static_cast<int64_t>((sum + n / 2) / n), ""};
    }
    case Quantifier::kPercentile: {
      const int64_t rank = (n * e.percentile + 99) / 100;  // nearest rank: ceil(n * p / 100)
      return {values[static_cast<size_t>(std::max<int64_t>(rank, 1) - 1)].value, ""};
    }
    case Quantifier::kNone:
    case Quantifier::kEach:
      break;
  }
  return {std::nullopt, "no statistic"};
}

ExpectationResult CheckEach(const Snapshot& now, const Expectation& e,
                            const std::vector<SimValue>& values,
                            bool (*passes)(const Expectation&, int64_t)) {
  ExpectationResult r;
  if (values.empty()) {
    r.actual_text = "no SIMs in the scope";
    return r;
  }
  size_t failed = 0;
  std::string named;
  for (const SimValue& v : values) {
    if (passes(e, v.value)) continue;
    if (++failed > kNamedFailures) continue;
    named += (failed == 1 ? "" : ", ") + now.directory().SimName(v.sim) + " (" +
             FormatMetricValue(now.scenario(), e.unit, v.value) + ")";
  }
  const std::string n = FormatCount(static_cast<int64_t>(values.size()));
  r.passed = failed == 0;
  r.actual_text = failed == 0
                      ? "all " + n + " SIMs"
                      : FormatCount(static_cast<int64_t>(failed)) + " of " + n +
                            " SIMs did not: " + named + (failed > kNamedFailures ? ", ..." : "");
  return r;
}

}  // namespace carriersim
