#include "reports/timeseries.h"

#include <algorithm>

#include "devices/traffic.h"
#include "reports/csv_reports.h"
#include "reports/fees.h"
#include "simulator/base/calendar.h"
#include "simulator/base/int128.h"

namespace carriersim {
namespace {

// The row an instant belongs to: row i holds what happened in (times[i-1], times[i]]; row 0
// everything up to times[0]; anything later than the end, the last row.
size_t RowOf(const std::vector<SimTime>& times, SimTime t) {
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  return it == times.end() ? times.size() - 1 : static_cast<size_t>(it - times.begin());
}

// Columns of SIM counts: the status names of every carrier, in profile order, each once.
struct StatusColumns {
  std::vector<std::string> names;
  std::vector<std::vector<size_t>> column;  // [carrier][status] -> column

  explicit StatusColumns(const Scenario& s) {
    for (const CarrierSpec& c : s.carriers) {
      std::vector<size_t>& of = column.emplace_back();
      for (const StatusDef& status : c.profile.statuses) {
        const auto it = std::find(names.begin(), names.end(), status.name);
        of.push_back(static_cast<size_t>(it - names.begin()));
        if (it == names.end()) names.push_back(status.name);
      }
    }
  }
};

// SIMs per status column at each row's time, from the initial statuses and the history.
std::vector<std::vector<int64_t>> StatusCounts(const World& world, const StatusColumns& cols,
                                               const std::vector<SimTime>& times) {
  std::vector<int64_t> now(cols.names.size());
  for (const GroupSpec& g : world.scenario.groups) {
    now[cols.column[g.carrier][g.status]] += g.count;
  }
  std::vector<std::vector<int64_t>> rows;
  const ChunkedVector<StatusChange>& changes = world.history.changes;
  size_t next = 0;
  for (const SimTime t : times) {
    for (; next < changes.size() && changes[next].time <= t; ++next) {
      const StatusChange& c = changes[next];
      const std::vector<size_t>& of = cols.column[world.GroupOf(c.sim).carrier];
      --now[of[c.from]];
      ++now[of[c.to]];
    }
    rows.push_back(now);
  }
  return rows;
}

// SIMs with a data session at each row's time.
std::vector<int64_t> OnlineCounts(const World& world, const std::vector<SimTime>& times) {
  std::vector<SimTime> opened, closed;
  const ChunkedVector<SessionRecord>& records = world.sessions.records;
  for (size_t i = 0; i < records.size(); ++i) {
    opened.push_back(records[i].opened);
    if (records[i].closed != kNever) closed.push_back(records[i].closed);
  }
  std::sort(closed.begin(), closed.end());  // sessions open in time order; they close in any
  std::vector<int64_t> rows;
  for (const SimTime t : times) {
    const auto up = std::upper_bound(opened.begin(), opened.end(), t) - opened.begin();
    const auto down = std::upper_bound(closed.begin(), closed.end(), t) - closed.begin();
    rows.push_back(up - down);
  }
  return rows;
}

// Bytes sent and received in each row's interval, from the sessions and traffic schedules.
std::vector<int64_t> UsageByRow(const World& world, const std::vector<SimTime>& times) {
  std::vector<int64_t> bytes(times.size());
  const ChunkedVector<SessionRecord>& records = world.sessions.records;
  for (size_t i = 0; i < records.size(); ++i) {
    const SessionRecord& r = records[i];
    const TrafficSpec& traffic = world.DeviceSpecOf(r.sim).traffic;
    if (!traffic.sends()) continue;
    const SimTime anchor = world.fleet.traffic_anchor[r.sim];
    const SimTime end = std::min(r.closed, world.scenario.duration);
    const bool drawn = !traffic.uplink.fixed() || !traffic.downlink.fixed();
    const SizeKeys keys = drawn ? MakeSizeKeys(world.seed, world.DeviceKey(r.sim)) : SizeKeys{};
    // Row k takes the sends in [times[k-1] + 1, times[k] + 1), as RowOf places instants.
    for (size_t k = RowOf(times, r.opened); k < times.size(); ++k) {
      const SimTime from = std::max(r.opened, k == 0 ? SimTime{0} : times[k - 1] + 1);
      const SimTime to = std::min(end, times[k] + 1);
      if (from < to) {
        const int64_t first = SendsBefore(anchor, traffic.every, from);
        const int64_t count = SendsBefore(anchor, traffic.every, to) - first;
        bytes[k] += SumSizes(traffic.uplink, keys.uplink, first, count) +
                    SumSizes(traffic.downlink, keys.downlink, first, count);
      }
      if (to >= end) break;
    }
  }
  return bytes;
}

// Fees by when they are for: a daily fee at the start of each day it covers, a monthly fee at
// the start of its month, a one-off or usage fee at its line's time.
std::vector<int64_t> FeesByRow(const World& world, const std::vector<SimTime>& times) {
  std::vector<int64_t> micros(times.size());
  for (const FeeLine& line : world.ledger.lines) {
    if (line.unit() != FeeUnit::kDay || line.quantity <= 1) {
      micros[RowOf(times, std::max<SimTime>(line.time, 0))] += line.micros;
      continue;
    }
    // An exact split: day k gets floor(m (k+1) / q) - floor(m k / q).
    Int128 before = 0;
    for (int64_t k = 0; k < line.quantity; ++k) {
      const Int128 upto = Int128{line.micros} * (k + 1) / line.quantity;
      micros[RowOf(times, std::max<SimTime>(line.time + k * kDay, 0))] +=
          static_cast<int64_t>(upto - before);
      before = upto;
    }
  }
  return micros;
}

}  // namespace

TimeseriesSampler::TimeseriesSampler(const Scenario& scenario) {
  const SimTime interval = scenario.timeseries_interval;
  for (SimTime t = 0; t < scenario.duration; t += interval) times_.push_back(t);
  times_.push_back(scenario.duration);
}

void TimeseriesSampler::Sample(const World& world, SimTime) {
  const SignalingCounters& c = world.metrics.total;
  totals_.push_back({c.attach_attempts, c.attach_accepts, c.AttachRejects(),
                     c.rejects_by_cause[kCauseCongestion], c.attempts_without_cell});
  std::vector<SignalingSample>& cells = cells_.emplace_back();
  for (size_t i = 0; i < std::min(kCellsSampled, world.cells.stats.size()); ++i) {
    const CellStats& s = world.cells.stats[i];
    uint64_t rejects = 0;
    for (const auto& [cause, n] : s.rejects_by_cause) rejects += n;
    const auto congestion = s.rejects_by_cause.find(kCauseCongestion);
    cells.push_back({s.attempts, s.accepts, rejects,
                     congestion == s.rejects_by_cause.end() ? 0 : congestion->second, 0});
  }
}

TimeseriesTable BuildTimeseries(const World& world, const TimeseriesSampler& sampler) {
  TimeseriesTable t;
  t.times = sampler.times();
  const StatusColumns cols(world.scenario);
  t.status_names = cols.names;
  t.sims = StatusCounts(world, cols, t.times);
  t.online = OnlineCounts(world, t.times);
  t.usage_bytes = UsageByRow(world, t.times);
  t.fee_micros = FeesByRow(world, t.times);
  const std::vector<SignalingSample>& totals = sampler.totals();
  for (size_t i = 0; i < t.times.size(); ++i) {
    const SignalingSample now = i < totals.size() ? totals[i] : SignalingSample{};
    const SignalingSample before =
        i > 0 && i - 1 < totals.size() ? totals[i - 1] : SignalingSample{};
    t.signaling.push_back({now.attempts - before.attempts, now.accepts - before.accepts,
                           now.rejects - before.rejects, now.congestion - before.congestion,
                           now.without_cell - before.without_cell});
  }
  return t;
}

void WriteTimeseriesCsv(const World& world, const TimeseriesTable& t, CsvWriter& out) {
  std::vector<std::string> header = {"time"};
  for (const std::string& name : t.status_names) header.push_back("sims_" + name);
  for (const char* column : {"online", "attach_attempts", "attach_accepts", "attach_rejects",
                             "congestion_rejects", "attempts_without_cell", "usage_bytes"}) {
    header.emplace_back(column);
  }
  header.push_back(AmountColumn(world, "fees"));
  for (const std::string& column : header) out.Field(column);
  out.EndRow();
  for (size_t i = 0; i < t.times.size(); ++i) {
    out.Field(FormatTimestamp(world.scenario.start + t.times[i]));
    for (const int64_t n : t.sims[i]) out.Field(n);
    out.Field(t.online[i]);
    const SignalingSample& s = t.signaling[i];
    out.Field(s.attempts);
    out.Field(s.accepts);
    out.Field(s.rejects);
    out.Field(s.congestion);
    out.Field(s.without_cell);
    out.Field(t.usage_bytes[i]);
    std::string& amount = out.scratch();
    AppendAmount(amount, t.fee_micros[i]);
    out.Field(amount);
    out.EndRow();
  }
}

}  // namespace carriersim
