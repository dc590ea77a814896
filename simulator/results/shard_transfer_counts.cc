// The first message of a shard sent to another rank (shard_transfer.h): the signaling counters,
// the timeline actions' outcomes, the event windows' counts, the mass events' figures, and the
// sizes of the logs that follow. Each Put* here has its Get* beside it, reading the same fields
// in the same order.
#include <bit>
#include <cstring>
#include <type_traits>

#include "simulator/results/shard_transfer_internal.h"

namespace carriersim {
namespace {

// Raw bytes of WindowBin and uint32_t: the ranks of a job run the same binary on machines of
// one byte order, which this build checks, so the bytes mean the same on both.
static_assert(std::endian::native == std::endian::little, "counts go over the wire as bytes");
static_assert(std::is_trivially_copyable_v<WindowBin> && sizeof(WindowBin) == 12);

[[noreturn]] void ThrowMalformedCounts(const std::string& message, const std::string& detail) {
  throw WireError(message + " " + detail);
}

// The entries of a counter per EMM cause that are not 0, ascending: most causes never happen.
void PutCauseArray(WireWriter& w, const std::array<uint64_t, 256>& counts) {
  uint64_t used = 0;
  for (const uint64_t n : counts) used += n != 0 ? 1 : 0;
  w.Put(used);
  for (size_t cause = 0; cause < counts.size(); ++cause) {
    if (counts[cause] == 0) continue;
    w.Put(static_cast<uint8_t>(cause));
    w.Put(counts[cause]);
  }
}

void GetCauseArray(WireReader& r, const std::string& message, std::array<uint64_t, 256>& to) {
  const uint64_t used = r.GetU64();
  if (used > to.size()) {
    ThrowMalformedCounts(message, "counts " + std::to_string(used) + " EMM causes, of 256");
  }
  int last = -1;
  for (uint64_t i = 0; i < used; ++i) {
    const uint8_t cause = r.GetU8();
    if (cause <= last) ThrowMalformedCounts(message, "lists EMM causes out of order");
    last = cause;
    to[cause] = r.GetU64();
  }
}

void PutSignalingCounters(WireWriter& w, const SignalingCounters& c) {
  for (const uint64_t n :
       {c.attach_attempts, c.attach_accepts, c.network_detaches, c.sessions_opened, c.pdn_rejects,
        c.attempts_without_cell, c.unanswered, c.collateral_congestion}) {
    w.Put(n);
  }
  PutCauseArray(w, c.rejects_by_cause);
  PutCauseArray(w, c.detaches_by_cause);
}

void GetSignalingCounters(WireReader& r, const std::string& message, SignalingCounters& c) {
  for (uint64_t* n :
       {&c.attach_attempts, &c.attach_accepts, &c.network_detaches, &c.sessions_opened,
        &c.pdn_rejects, &c.attempts_without_cell, &c.unanswered, &c.collateral_congestion}) {
    *n = r.GetU64();
  }
  GetCauseArray(r, message, c.rejects_by_cause);
  GetCauseArray(r, message, c.detaches_by_cause);
}

void PutRateMeter(WireWriter& w, const RateMeter& m) {
  w.Put(int64_t{m.window});
  w.Put(m.count);
  w.Put(m.peak);
  w.Put(int64_t{m.peak_at});
  w.Put(m.log != nullptr);
  w.Put(m.id);
}

// A logged meter points at `log`, the received shard's rate log (null: it has none), and its id
// must name one of the scenario's meters (RateMeter::id), as the merge indexes by it.
void GetRateMeter(WireReader& r, const std::string& message, const Scenario& scenario,
                  SpillLog<WindowCount>* log, RateMeter& m) {
  m.window = r.GetI64();
  m.count = r.GetU64();
  m.peak = r.GetU64();
  m.peak_at = r.GetI64();
  const bool logged = r.GetBool();
  m.id = r.GetU32();
  if (!logged) return;
  if (log == nullptr) ThrowMalformedCounts(message, "log a rate meter but have no rate log");
  if (m.id >= 2 + 2 * uint64_t{scenario.cells.size()}) {
    ThrowMalformedCounts(message, "log rate meter " + std::to_string(m.id) + " of " +
                                      std::to_string(2 + 2 * scenario.cells.size()));
  }
  m.log = log;
}

void PutSignaling(WireWriter& w, const SignalingMetrics& s) {
  PutSignalingCounters(w, s.total);
  w.Put(uint64_t{s.by_group.size()});
  for (const SignalingCounters& g : s.by_group) PutSignalingCounters(w, g);
  w.Put(uint64_t{s.by_cell.size()});
  for (const CellStats& c : s.by_cell) {
    w.Put(c.attempts);
    w.Put(c.accepts);
    w.Put(uint64_t{c.rejects_by_cause.size()});
    for (const auto& [cause, n] : c.rejects_by_cause) {
      w.Put(cause);
      w.Put(n);
    }
    w.Put(c.unanswered);
    w.Put(c.collateral);
    PutRateMeter(w, c.per_second);
    PutRateMeter(w, c.per_minute);
  }
  PutRateMeter(w, s.per_second);
  PutRateMeter(w, s.per_minute);
}

// The number of parts of a kind (groups, cells, ...), which must be the scenario's.
void ExpectPartCount(WireReader& r, const std::string& message, uint64_t expected,
                     const char* what) {
  const uint64_t count = r.GetU64();
  if (count != expected) {
    ThrowMalformedCounts(message, "name " + std::to_string(count) + " " + what +
                                      ", where the shard's scenario has " +
                                      std::to_string(expected));
  }
}

void GetSignaling(WireReader& r, const std::string& message, const Scenario& scenario,
                  SpillLog<WindowCount>* log, SignalingMetrics& s) {
  GetSignalingCounters(r, message, s.total);
  ExpectPartCount(r, message, s.by_group.size(), "groups");
  for (SignalingCounters& g : s.by_group) GetSignalingCounters(r, message, g);
  ExpectPartCount(r, message, s.by_cell.size(), "cells");
  for (CellStats& c : s.by_cell) {
    c.attempts = r.GetU64();
    c.accepts = r.GetU64();
    const uint64_t causes = r.GetU64();
    for (uint64_t i = 0; i < causes; ++i) {
      const uint8_t cause = r.GetU8();
      if (!c.rejects_by_cause.empty() && cause <= c.rejects_by_cause.rbegin()->first) {
        ThrowMalformedCounts(message, "list a cell's EMM causes out of order");
      }
      c.rejects_by_cause[cause] = r.GetU64();
    }
    c.unanswered = r.GetU64();
    c.collateral = r.GetU64();
    GetRateMeter(r, message, scenario, log, c.per_second);
    GetRateMeter(r, message, scenario, log, c.per_minute);
  }
  GetRateMeter(r, message, scenario, log, s.per_second);
  GetRateMeter(r, message, scenario, log, s.per_minute);
}

void PutOutcomes(WireWriter& w, const std::vector<ActionOutcome>& actions) {
  w.Put(uint64_t{actions.size()});
  for (const ActionOutcome& o : actions) {
    w.Put(o.applied);
    w.Put(o.unchanged);
    w.Put(o.refused);
    w.Put(uint64_t{o.refusals.size()});
    for (const auto& [reason, n] : o.refusals) {
      w.PutString(reason);
      w.Put(n);
    }
    for (const uint64_t n : o.refused_by_kind) w.Put(n);
  }
}

void GetOutcomes(WireReader& r, const std::string& message, std::vector<ActionOutcome>& to) {
  ExpectPartCount(r, message, to.size(), "timeline actions");
  for (ActionOutcome& o : to) {
    o.applied = r.GetU64();
    o.unchanged = r.GetU64();
    o.refused = r.GetU64();
    const uint64_t reasons = r.GetU64();
    for (uint64_t i = 0; i < reasons; ++i) {
      std::string reason = r.GetString();
      if (!o.refusals.empty() && reason <= o.refusals.rbegin()->first) {
        ThrowMalformedCounts(message, "list an action's refusals out of order");
      }
      o.refusals[std::move(reason)] = r.GetU64();
    }
    for (uint64_t& n : o.refused_by_kind) n = r.GetU64();
  }
}

// Bins and group columns as bytes: up to 1.2 MB of small counters.
void PutWindows(WireWriter& w, const EventWindows& windows) {
  w.Put(uint64_t{windows.windows().size()});
  for (const EventWindow& window : windows.windows()) {
    w.Put(uint64_t{window.bins.size()});
    w.PutBytes({reinterpret_cast<const char*>(window.bins.data()),
                window.bins.size() * sizeof(WindowBin)});
    w.Put(uint64_t{window.group_attempts.size()});
    w.PutBytes({reinterpret_cast<const char*>(window.group_attempts.data()),
                window.group_attempts.size() * sizeof(uint32_t)});
  }
}

// Counts of a window, into `to` as planned here: as many as planned, or WireError.
template <typename T>
void GetWindowCounts(WireReader& r, const std::string& message, std::span<T> to, const char* what) {
  ExpectPartCount(r, message, to.size(), what);
  const std::string_view bytes = r.GetBytes(to.size() * sizeof(T));
  if (!to.empty()) std::memcpy(to.data(), bytes.data(), bytes.size());
}

void GetWindows(WireReader& r, const std::string& message, EventWindows& windows) {
  ExpectPartCount(r, message, windows.windows().size(), "event windows");
  for (size_t i = 0; i < windows.windows().size(); ++i) {
    GetWindowCounts(r, message, windows.mutable_bins(i), "bins in an event window");
    GetWindowCounts(r, message, windows.mutable_group_attempts(i),
                    "group counts in an event window");
  }
}

void PutMassEventFigures(WireWriter& w, const std::vector<MassEvent>& events) {
  w.Put(uint64_t{events.size()});
  for (const MassEvent& e : events) {
    w.PutString(e.what);
    w.Put(int64_t{e.action});
    w.Put(int64_t{e.start});
    w.Put(int64_t{e.from});
    w.Put(e.affected);
    w.Put(uint64_t{e.back.size()});
    w.Put(uint64_t{e.members.size()});
  }
}

void GetMassEventFigures(WireReader& r, const std::string& message, const Scenario& scenario,
                         ReceivedShard::State& to, TransferSizes& sizes) {
  const uint64_t count = r.GetU64();
  for (uint64_t i = 0; i < count; ++i) {
    std::string what = r.GetString();
    const int64_t action = r.GetI64();
    if (action < -1 || action >= static_cast<int64_t>(scenario.timeline.size())) {
      ThrowMalformedCounts(message, "name timeline action " + std::to_string(action) + " of " +
                                        std::to_string(scenario.timeline.size()));
    }
    const SimTime start = r.GetI64();
    const SimTime from = r.GetI64();
    MassEvent& e = to.mass_events.emplace_back(std::move(what), static_cast<int32_t>(action), start,
                                               from, to.spill);
    e.affected = r.GetU64();
    sizes.event_back.push_back(r.GetU64());
    sizes.event_members.push_back(r.GetU64());
  }
}

}  // namespace

std::string RankName(int rank) { return "rank " + std::to_string(rank); }

void PutShardCounts(WireWriter& w, const ShardCounts& counts, const PartRecords& records) {
  w.Put(counts.shard != nullptr);
  w.Put(counts.events);
  w.Put(counts.timeline_events);
  PutSignaling(w, *counts.signaling);
  PutOutcomes(w, *counts.actions);
  w.PutVector(*counts.terminate_remaining);
  PutWindows(w, *counts.windows);
  PutMassEventFigures(w, *counts.mass_events);
  for (const size_t n : {counts.forced->size(), records.history->size(), records.sessions->size(),
                         records.ledger->size()}) {
    w.Put(uint64_t{n});
  }
  if (counts.shard == nullptr) return;
  for (const size_t n : {counts.shard->forced_order.size(), records.history_order->size(),
                         records.session_order->size(), counts.shard->rate_log.size()}) {
    w.Put(uint64_t{n});
  }
}

TransferSizes GetShardCounts(WireReader& r, const std::string& message, const Scenario& scenario,
                             ReceivedShard::State& to) {
  TransferSizes sizes;
  if (r.GetBool())
    to.shard = std::make_unique<Recorder::ShardRecords>(Recorder::NewShardRecords(to.spill));
  to.events = r.GetU64();
  to.timeline_events = r.GetU64();
  GetSignaling(r, message, scenario, to.shard ? &to.shard->rate_log : nullptr, to.signaling);
  GetOutcomes(r, message, to.actions);
  to.terminate_remaining = r.GetVector<int64_t>();
  GetWindows(r, message, to.windows);
  GetMassEventFigures(r, message, scenario, to, sizes);
  for (uint64_t* n : {&sizes.forced, &sizes.history, &sizes.sessions, &sizes.ledger}) {
    *n = r.GetU64();
  }
  if (!to.shard) return sizes;
  for (uint64_t* n :
       {&sizes.forced_order, &sizes.history_order, &sizes.session_order, &sizes.rate_log}) {
    *n = r.GetU64();
  }
  // One order word per record (Recorder::ShardRecords): the merge reads them side by side.
  const auto one_each = [&](uint64_t words, uint64_t records, const char* of) {
    if (words != records) {
      ThrowMalformedCounts(message, "announce " + std::to_string(words) + " order words for " +
                                        std::to_string(records) + " " + of);
    }
  };
  one_each(sizes.forced_order, sizes.forced, "forced reactivations");
  one_each(sizes.history_order, sizes.history, "status changes");
  one_each(sizes.session_order, sizes.sessions, "data sessions");
  return sizes;
}

}  // namespace carriersim
