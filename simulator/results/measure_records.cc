// Metrics read from the records rather than from Totals: fees by the month they bill or the plan
// that billed them, and status changes by cause and by the statuses they left and entered. One
// pass over the ledger or the history per expectation, which only such expectations pay for.
#include <algorithm>

#include "simulator/base/calendar.h"
#include "simulator/results/measure_internal.h"
#include "simulator/results/measure_part.h"

namespace carriersim {
namespace {

template <typename Names>
int IndexOf(const Names& names, std::string_view name) {
  const auto it = std::find(std::begin(names), std::end(names), name);
  return it == std::end(names) ? -1 : static_cast<int>(it - std::begin(names));
}

// Calls fn(sim, micros) for each ledger line of the expectation's category, month and plan.
template <typename Fn>
void ForEachFee(const World& world, const Expectation& e, Fn fn) {
  const Scenario& s = world.scenario();
  const ExpectFilter& f = e.filter;
  const int category =
      e.metric == MetricId::kFeesInCategory ? IndexOf(s.fee_categories, e.parameter) : -1;
  for (const FeeLine& line : world.ledger().lines) {
    if (category >= 0 && static_cast<int>(line.category()) != category) continue;
    // A line never spans two months: its first instant's month is the invoice's.
    if (f.month >= 0 && MonthIndex(s.start + line.time) != f.month) continue;
    if (f.billed_under && (line.plan != f.billed_plan ||
                           world.directory().GroupOf(line.sim).carrier != f.billed_carrier)) {
      continue;
    }
    fn(line.sim, line.micros);
  }
}

// Calls fn(sim, 1) for each status change of the expectation's cause, from and to statuses.
template <typename Fn>
void ForEachChange(const World& world, const Expectation& e, Fn fn) {
  const ExpectFilter& f = e.filter;
  const int cause =
      e.metric == MetricId::kStatusChangesByCause ? IndexOf(kChangeCauseNames, e.parameter) : -1;
  for (const StatusChange& c : world.recorder().history().changes) {
    if (cause >= 0 && static_cast<int>(c.cause) != cause) continue;
    if (!f.from.empty() || !f.to.empty()) {
      // Status names, as history.csv shows them: each carrier numbers its own statuses.
      const std::vector<StatusDef>& statuses = world.directory().ProfileOf(c.sim).statuses;
      if (!f.from.empty() && statuses[c.from].name != f.from) continue;
      if (!f.to.empty() && statuses[c.to].name != f.to) continue;
    }
    fn(c.sim, 1);
  }
}

template <typename Fn>
void ForEachRecord(const World& world, const Expectation& e, Fn fn) {
  if (CountsFees(e.metric)) {
    ForEachFee(world, e, fn);
  } else {
    ForEachChange(world, e, fn);
  }
}

}  // namespace

bool NarrowsRecords(const Expectation& e) {
  if (CountsFees(e.metric)) return e.filter.month >= 0 || e.filter.billed_under;
  return CountsChanges(e.metric) && (e.metric == MetricId::kStatusChangesByCause ||
                                     !e.filter.from.empty() || !e.filter.to.empty());
}

int64_t NarrowedRecordsOf(const World& world, const Expectation& e) {
  int64_t sum = 0;
  ForEachRecord(world, e, [&](SimId sim, int64_t n) {
    if (InScope(world, e.scope, sim)) sum += n;
  });
  return sum;
}

int64_t NarrowedRecords(const Snapshot& now, const Expectation& e) {
  int64_t sum = 0;
  for (const ShardView* part : now.parts()) sum += part->NarrowedRecords(e);
  return sum;
}

std::vector<int64_t> RecordsPerSimOf(const World& world, const Expectation& e) {
  std::vector<int64_t> per_sim(world.directory().size());
  ForEachRecord(world, e, [&](SimId sim, int64_t n) { per_sim[sim] += n; });
  return per_sim;
}

}  // namespace carriersim
