#include "simulator/results/memory_estimate.h"

#include <algorithm>
#include <cstdio>

#include "simulator/base/calendar.h"
#include "simulator/observers/event_windows.h"
#include "simulator/observers/recovery.h"
#include "simulator/observers/session_log.h"
#include "simulator/observers/status_history.h"
#include "simulator/results/timeseries.h"

namespace carriersim {
namespace {

// Per SIM and its device: subscriber, device, billing, census and recorder state, the ledger's
// running sums and the event queue's slots. Measured (tests/bench/memory_per_sim, README.md's
// table): 370 B a SIM built; with the events of every device booting at once and the room the
// queue takes for them, 400 B.
constexpr double kStateBytesPerSim = 400;
constexpr double kStateBytesPerExtraSubscription = 72;  // billing state of a subscription
constexpr double kBytesPerCell = 256;  // capacity windows, signaling and peaks of a cell
constexpr double kBytesPerFeeLine = 24;     // FeeLedger's packed line (billing/ledger.h)
constexpr double kBytesPerSortedLine = 32;  // ledger.csv sorts them as FeeLines
constexpr double kBytesPerSpreadTurn = 16;
constexpr double kBytesPerShardedSim = 5;  // the whole fleet's directory and census  // a SIM's turn of a spread action, while pending
// A device a mass event hit: its time back, and its member record (observers/recovery.h: which
// device, when back, the energy it spent), which per-group and per-event expectations read.
constexpr double kBytesPerRecoveredDevice = 8 + sizeof(EventMember);
// Per SIM while sims.csv is written: its fees by category and its status changes and forced
// reactivations (results/aggregate.h, PerSimDetail).
constexpr double kBytesPerSimDetail = 8;
constexpr double kFixedBytes = 16e6;  // the program, the profiles, the reports' buffers
// Status changes a SIM addressed by an action may make: the move, and one through the
// transient status the verb passes (KORE's updating) or the rule an attach sets off.
constexpr double kChangesPerAddressedSim = 2;

std::string Count(double n) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", n);
  std::string digits = text, out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double Addressed(const Scenario& s, const TimelineAction& action) {
  const double group = static_cast<double>(s.groups[action.target.group].count);
  switch (action.target.kind) {
    case Target::Kind::kGroup:
      return group;
    case Target::Kind::kCount:
      return static_cast<double>(action.target.count);
    case Target::Kind::kFraction:
      return action.target.fraction * group;
    case Target::Kind::kSim:
      return 1;
  }
  return group;
}

// What the timeline makes: SIMs its actions address, their spread turns, and mass events.
struct TimelineLoad {
  double addressed = 0, actions = 0, spread_turns = 0, mass_affected = 0;
};

TimelineLoad LoadOf(const Scenario& s) {
  TimelineLoad load;
  for (const TimelineAction& a : s.timeline) {
    const bool outage = a.kind == ActionKind::kCellOutage || a.kind == ActionKind::kCoreOutage;
    if (outage) load.mass_affected += static_cast<double>(s.sim_count);
    const bool on_sims = !outage && a.kind != ActionKind::kCellRestore &&
                         a.kind != ActionKind::kCoreRestore &&
                         a.kind != ActionKind::kTerminateAccount;
    if (!on_sims) continue;
    const double n = Addressed(s, a);
    load.addressed += n;
    ++load.actions;
    if (a.spread > 0) load.spread_turns += n;
    if (a.kind == ActionKind::kPowerOn || a.kind == ActionKind::kPowerCycle) load.mass_affected += n;
  }
  return load;
}

// Calendar months the run touches, the first and the last included.
double MonthsTouched(const Scenario& s) {
  return static_cast<double>(MonthIndex(s.start + s.duration - 1) - MonthIndex(s.start) + 1);
}

// Changes the carriers' own rules make: each status entered once, and round a cycle of
// automatic moves (rules_cycles.cc) two moves per shortest wait of it, for the whole run.
double RuleChanges(const Scenario& s) {
  double changes = 0;
  for (const GroupSpec& g : s.groups) {
    const CarrierProfile& p = s.carriers[g.carrier].profile;
    double per_sim = static_cast<double>(p.statuses.size());
    if (p.cycle_wait > 0) {
      per_sim += 2 * static_cast<double>(s.duration) / static_cast<double>(p.cycle_wait);
    }
    changes += per_sim * static_cast<double>(g.count);
  }
  return changes;
}

// Fee lines of one subscription over the run: basic fees and usage each month, renewals each
// renewal period (a month counted as its shortest, 28 days).
double LinesOverRun(const Scenario& s, const GroupSpec& g, PlanId plan) {
  const Tariff& t = s.carriers[g.carrier].profile.plans[plan].tariff;
  const bool basic = std::any_of(t.basic.begin(), t.basic.end(),
                                 [](const StatusFee& f) { return f.charged; });
  const bool usage =
      t.usage.enabled && (s.devices[g.device].traffic.sends() || s.devices[g.device].external);
  double lines = ((basic ? 1 : 0) + (usage ? 1 : 0)) * MonthsTouched(s);
  if (t.renewal.enabled) {
    const SimTime every = t.renewal.every.months * 28 * kDay + t.renewal.every.ms;
    lines += static_cast<double>(s.duration / std::max<SimTime>(every, 1)) + 1;
  }
  return lines;
}

double TimeseriesRowBytes(const Scenario& s) {
  double statuses = 0;
  for (const CarrierSpec& c : s.carriers) statuses += static_cast<double>(c.profile.statuses.size());
  const double cells = std::min<double>(static_cast<double>(s.cells.size()),
                                        static_cast<double>(TimeseriesTable::kCellsSampled));
  // times, online, usage and fees; the statuses' and cells' vectors; the signaling sample.
  return 4 * 8 + (statuses * 8 + 24) + (cells * sizeof(SignalingSample) + 24) +
         sizeof(SignalingSample);
}

void Add(MemoryEstimate& e, std::string what, double bytes, std::string driver) {
  e.bytes += bytes;
  e.parts.push_back({std::move(what), bytes, std::move(driver)});
}

// Records of `bytes` in all: what a spill log keeps of them in memory (base/spill_log.h).
double InMemory(double bytes, uint64_t record_memory) {
  return std::min(bytes, static_cast<double>(record_memory));
}

// "; 16 MB in memory, the rest (3.2 GB) on disk", or "" when they fit.
std::string Spilled(double bytes, uint64_t record_memory) {
  if (bytes <= static_cast<double>(record_memory)) return "";
  return "; " + FormatMemory(static_cast<double>(record_memory)) + " in memory, the rest (" +
         FormatMemory(bytes - static_cast<double>(record_memory)) + ") on disk";
}

// The records a run makes (status history, fee ledger, sessions, mass events): in memory up to
// `record_memory` each, the rest on disk.
void AddRecords(MemoryEstimate& e, const Scenario& s, uint64_t record_memory, uint32_t threads) {
  const TimelineLoad load = LoadOf(s);
  const double rule_changes = RuleChanges(s);
  const double changes = rule_changes + load.addressed * kChangesPerAddressedSim;
  const double history = changes * sizeof(StatusChange);
  Add(e, "status history", InMemory(history, record_memory),
      Count(changes) + " changes x " + Count(sizeof(StatusChange)) + " B: " + Count(load.actions) +
          " actions on " + Count(load.addressed) + " SIMs in all, and the carriers' rules (" +
          Count(rule_changes) + ")" + Spilled(history, record_memory));
  double lines = changes;  // a move may charge a fee, or split a period
  for (const GroupSpec& g : s.groups) {
    double per_sim = LinesOverRun(s, g, g.plan);
    for (PlanId plan : g.extra_plans) per_sim += LinesOverRun(s, g, plan);
    lines += static_cast<double>(g.count) * per_sim;
  }
  const double ledger = lines * kBytesPerFeeLine;
  // Sorting ledger.csv takes a batch of lines, and half as much again while a batch is sorted.
  const double sorting = 1.5 * InMemory(lines * kBytesPerSortedLine, record_memory);
  Add(e, "fee ledger", InMemory(ledger, record_memory) + sorting,
      Count(lines) + " lines x " + Count(kBytesPerFeeLine) + " B: each subscription's fees for " +
          Count(MonthsTouched(s)) + " calendar months, and the changes'" +
          Spilled(ledger, record_memory) + ", sorted for ledger.csv in " +
          FormatMemory(sorting));
  const double sessions = static_cast<double>(s.sim_count) + load.addressed + load.mass_affected;
  const double session_bytes = sessions * sizeof(SessionRecord);
  Add(e, "data sessions", InMemory(session_bytes, record_memory),
      Count(sessions) + " sessions x " + Count(sizeof(SessionRecord)) + " B" +
          Spilled(session_bytes, record_memory));
  Add(e, "spread actions", load.spread_turns * kBytesPerSpreadTurn * threads,
      Count(load.spread_turns) + " SIM turns x " + Count(kBytesPerSpreadTurn) + " B" +
          (threads > 1 ? " x " + Count(threads) + " threads (each keeps every turn)" : ""));
  // The newest mass event keeps its devices and times in memory, up to the record memory each.
  const double recovery = load.mass_affected * kBytesPerRecoveredDevice;
  Add(e, "recovery times", std::min(recovery, 2 * static_cast<double>(record_memory)),
      Count(load.mass_affected) + " devices hit by outages and mass power-ons x " +
          Count(kBytesPerRecoveredDevice) + " B" + Spilled(recovery, 2 * record_memory));
}

}  // namespace

MemoryEstimate EstimateRunMemory(const Scenario& s, uint64_t record_memory, uint32_t threads) {
  MemoryEstimate e;
  const double sims = static_cast<double>(s.sim_count);
  const double extra = static_cast<double>(s.subscription_count - s.sim_count);
  Add(e, "SIM and device state",
      sims * kStateBytesPerSim + extra * kStateBytesPerExtraSubscription +
          static_cast<double>(s.cells.size()) * kBytesPerCell,
      Count(sims) + " SIMs x " + Count(kStateBytesPerSim) + " B");
  const double detail = kBytesPerSimDetail * static_cast<double>(s.fee_categories.size() + 1);
  Add(e, "sims.csv's sums", sims * detail,
      Count(sims) + " SIMs x " + Count(detail) + " B (fees by category, changes)");
  AddRecords(e, s, record_memory, threads);
  if (threads > 1) {
    // The whole fleet's groups and statuses, for the reports, beside the shards'.
    Add(e, "shards", sims * kBytesPerShardedSim,
        Count(sims) + " SIMs x " + Count(kBytesPerShardedSim) + " B (the whole fleet's groups "
        "and statuses, on " + Count(threads) + " threads)");
  }
  const double rows = static_cast<double>(s.duration / std::max<SimTime>(1, s.timeseries_interval)) + 2;
  Add(e, "timeseries", rows * TimeseriesRowBytes(s),
      Count(rows) + " rows every " + FormatDuration(s.timeseries_interval) + " x " +
          Count(TimeseriesRowBytes(s)) + " B");
  double bins = 0;
  for (const EventWindow& w : PlanEventWindows(s)) bins += static_cast<double>(w.bin_count);
  const double bin_bytes =
      static_cast<double>(sizeof(WindowBin) + 4 * EventWindowColumns(s.groups.size()));
  Add(e, "event windows", bins * bin_bytes,
      Count(bins) + " bins around the timeline's instants x " + Count(bin_bytes) + " B");
  e.bytes += kFixedBytes;
  std::sort(e.parts.begin(), e.parts.end(),
            [](const MemoryPart& a, const MemoryPart& b) { return a.bytes > b.bytes; });
  return e;
}

std::string FormatMemory(double bytes) {
  constexpr double kMB = 1 << 20, kGB = 1 << 30;  // as --max-memory reads them (units.h)
  char text[32];
  if (bytes >= kGB) {
    std::snprintf(text, sizeof text, "%.1f GB", bytes / kGB);
  } else if (bytes >= kMB) {
    std::snprintf(text, sizeof text, "%.0f MB", bytes / kMB);
  } else {
    std::snprintf(text, sizeof text, "%.0f KB", std::max(1.0, bytes / 1024));
  }
  return text;
}

std::string MemoryRefusal(const MemoryEstimate& estimate, double limit,
                          const std::string& limit_is) {
  if (estimate.bytes <= limit) return "";
  std::string text = "the run would need about " + FormatMemory(estimate.bytes) +
                     " of memory, more than the limit of " + FormatMemory(limit) + " (" +
                     limit_is + "). What it needs it for: ";
  constexpr size_t kPartsShown = 4;
  for (size_t i = 0; i < estimate.parts.size() && i < kPartsShown; ++i) {
    const MemoryPart& part = estimate.parts[i];
    if (i > 0 && part.bytes < estimate.bytes / 100) break;
    text += (i > 0 ? "; " : "") + part.what + " " + FormatMemory(part.bytes) + " (" +
            part.driver + ")";
  }
  return text + ". Lower the counts, shorten the run or address fewer SIMs, or raise "
                "--max-memory if the machine has the memory";
}

}  // namespace carriersim
