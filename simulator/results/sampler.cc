#include "simulator/results/sampler.h"

#include <algorithm>

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

SignalingSample SampleOf(const SignalingCounters& c) {
  return {c.attach_attempts, c.attach_accepts, c.AttachRejects(),
          c.rejects_by_cause[kCauseCongestion], c.attempts_without_cell};
}

SignalingSample SampleOf(const CellStats& s) {
  uint64_t rejects = 0;
  for (const auto& [cause, n] : s.rejects_by_cause) rejects += n;
  const auto congestion = s.rejects_by_cause.find(kCauseCongestion);
  return {s.attempts, s.accepts, rejects,
          congestion == s.rejects_by_cause.end() ? 0 : congestion->second, 0};
}

// SIMs with a data session at each row's time: a session counts from the first row at or after
// its opening to the last before its closing. One pass, memory by rows, not by sessions.
std::vector<int64_t> OnlineCounts(const World& world, const std::vector<SimTime>& times) {
  std::vector<int64_t> change(times.size() + 1);
  const auto row_from = [&](SimTime t) {
    return static_cast<size_t>(std::lower_bound(times.begin(), times.end(), t) - times.begin());
  };
  for (const SessionRecord& r : world.recorder().sessions().records) {
    ++change[row_from(r.opened)];
    if (r.closed != kNever) --change[row_from(r.closed)];
  }
  std::vector<int64_t> rows;
  int64_t online = 0;
  for (size_t k = 0; k < times.size(); ++k) rows.push_back(online += change[k]);
  return rows;
}

// Bytes sent and received in each row's interval, as the devices' sends carried them.
std::vector<int64_t> UsageByRow(const World& world, const std::vector<SimTime>& times) {
  std::vector<int64_t> bytes(times.size());
  for (const SessionRecord& r : world.recorder().sessions().records) {
    const DeviceSpec& device = world.directory().DeviceSpecOf(r.sim);
    if (!device.traffic.sends() && !device.external) continue;
    const SimTime end = std::min(r.closed, world.scenario().duration);
    // Row k takes the sends in [times[k-1] + 1, times[k] + 1), as RowOf places instants.
    for (size_t k = RowOf(times, r.opened); k < times.size(); ++k) {
      const SimTime from = std::max(r.opened, k == 0 ? SimTime{0} : times[k - 1] + 1);
      const SimTime to = std::min(end, times[k] + 1);
      if (from < to) {
        const TrafficTally sent = world.devices().Traffic(r.sim, from, to);
        bytes[k] += sent.uplink + sent.downlink;
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
  for (const FeeLine& line : world.ledger().lines) {
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

std::vector<SimTime> TimeseriesTimes(const Scenario& scenario) {
  std::vector<SimTime> times;
  for (SimTime t = 0; t < scenario.duration; t += scenario.timeseries_interval) times.push_back(t);
  times.push_back(scenario.duration);
  return times;
}

TimeseriesSampler::TimeseriesSampler(const Scenario& scenario) {
  table_.times = TimeseriesTimes(scenario);
}

void TimeseriesSampler::Sample(const World& world, const StatusCensus& census, SimTime) {
  const SignalingMetrics& signaling = world.recorder().signaling();
  const SignalingSample now = SampleOf(signaling.total);
  const SignalingSample before = totals_.empty() ? SignalingSample{} : totals_.back();
  totals_.push_back(now);
  table_.signaling.push_back({now.attempts - before.attempts, now.accepts - before.accepts,
                              now.rejects - before.rejects, now.congestion - before.congestion,
                              now.without_cell - before.without_cell});
  std::vector<SignalingSample>& cells = table_.cells.emplace_back();
  const size_t sampled = std::min(TimeseriesTable::kCellsSampled, signaling.by_cell.size());
  for (size_t c = 0; c < sampled; ++c) cells.push_back(SampleOf(signaling.by_cell[c]));
  table_.sims.push_back(census.ByColumn());
  table_.status_names = census.columns();
}

void TimeseriesSampler::EndAt(SimTime end) {
  std::vector<SimTime>& times = table_.times;
  times.erase(std::lower_bound(times.begin(), times.end(), end), times.end());
  times.push_back(end);
}

TimeseriesTable TimeseriesSampler::Finish(const World& world) {
  table_.online = OnlineCounts(world, table_.times);
  table_.usage_bytes = UsageByRow(world, table_.times);
  table_.fee_micros = FeesByRow(world, table_.times);
  return std::move(table_);
}

void AddTable(TimeseriesTable& into, const TimeseriesTable& part) {
  if (into.times.empty()) {
    into = part;
    return;
  }
  const auto add = [](std::vector<int64_t>& to, const std::vector<int64_t>& from) {
    for (size_t i = 0; i < to.size(); ++i) to[i] += from[i];
  };
  const auto add_sample = [](SignalingSample& to, const SignalingSample& from) {
    to.attempts += from.attempts;
    to.accepts += from.accepts;
    to.rejects += from.rejects;
    to.congestion += from.congestion;
    to.without_cell += from.without_cell;
  };
  for (size_t row = 0; row < into.times.size(); ++row) {
    add(into.sims[row], part.sims[row]);
    add_sample(into.signaling[row], part.signaling[row]);
    for (size_t c = 0; c < into.cells[row].size(); ++c) add_sample(into.cells[row][c], part.cells[row][c]);
  }
  add(into.online, part.online);
  add(into.usage_bytes, part.usage_bytes);
  add(into.fee_micros, part.fee_micros);
}

}  // namespace carriersim
