#include "simulator/results/shard_transfer.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "simulator/results/shard_transfer_internal.h"

namespace carriersim {
namespace {

// Records go over the wire as their bytes, padding and all: the ranks of a job run the same
// binary on machines of one byte order, which this build checks, so a record's bytes mean the
// same on both. Whatever the bytes, a record received is checked before anything reads it.
static_assert(std::endian::native == std::endian::little, "records go over the wire as bytes");

// Sends records in messages of a byte count (a uint64) and that many bytes of whole records, at
// most `chunk_bytes` of them (one record at least).
struct ChunkSender {
  const RankLinks& links;
  int to;
  uint64_t chunk_bytes;

  // The `count` records next(&record) gives.
  template <typename T, typename Next>
  void Send(uint64_t count, Next next) const {
    static_assert(std::is_trivially_copyable_v<T>, "records go over the wire as their bytes");
    const uint64_t per_chunk = std::max<uint64_t>(1, chunk_bytes / sizeof(T));
    for (uint64_t sent = 0; sent < count;) {
      const uint64_t n = std::min(per_chunk, count - sent);
      WireWriter w;
      w.Put(uint64_t{n * sizeof(T)});
      for (uint64_t i = 0; i < n; ++i) {
        T record{};
        if (!next(&record)) {
          throw std::logic_error("a log of " + std::to_string(count) + " records ended after " +
                                 std::to_string(sent + i));
        }
        w.PutBytes({reinterpret_cast<const char*>(&record), sizeof(T)});
      }
      links.send(to, w.Take());
      sent += n;
    }
  }
  // A log, through its reader's bounded buffer: a log mostly on disk is never loaded whole.
  template <typename T, typename Patch>
  void SendLog(const SpillLog<T, Patch>& log) const {
    typename SpillLog<T, Patch>::Reader reader(log, 0);
    Send<T>(log.size(), [&](T* record) { return reader.Next(record); });
  }
  template <typename T>
  void SendVector(const std::vector<T>& records) const {
    size_t next = 0;
    Send<T>(records.size(), [&](T* record) {
      *record = records[next++];
      return true;
    });
  }
};

// Receives what ChunkSender sent. Each record is checked (check(record): empty, or what is
// wrong with it) before add(record) keeps it.
struct ChunkReceiver {
  const RankLinks& links;
  int from;
  std::string shard;  // "the shard from rank 1", for errors

  template <typename T, typename Check, typename Add>
  void Receive(uint64_t count, const std::string& what, Check check, Add add) const {
    static_assert(std::is_trivially_copyable_v<T>, "records go over the wire as their bytes");
    const std::string log = what + " of " + shard;
    for (uint64_t got = 0; got < count;) {
      const std::string message = links.receive(from);
      const std::string chunk = "a chunk of " + log;
      WireReader r(message, chunk);
      const uint64_t bytes = r.GetU64();
      if (bytes == 0 || bytes % sizeof(T) != 0) {
        throw WireError(chunk + " holds " + std::to_string(bytes) +
                        " bytes, not a whole number of " + std::to_string(sizeof(T)) +
                        "-byte records (one at least)");
      }
      const std::string_view data = r.GetBytes(static_cast<size_t>(bytes));
      r.ExpectEnd();
      const uint64_t n = bytes / sizeof(T);
      if (n > count - got) {
        throw WireError(chunk + " holds " + std::to_string(n) + " records, where " +
                        std::to_string(count - got) + " more were announced");
      }
      for (uint64_t i = 0; i < n; ++i) {
        T record;
        std::memcpy(&record, data.data() + i * sizeof(T), sizeof(T));
        if (const std::string why = check(record); !why.empty()) {
          throw WireError(log + ": record " + std::to_string(got + i) + " " + why);
        }
        add(record);
      }
      got += n;
    }
  }
  template <typename T, typename Patch, typename Check>
  void ReceiveLog(uint64_t count, const std::string& what, SpillLog<T, Patch>& log,
                  Check check) const {
    Receive<T>(count, what, check, [&](const T& record) { log.push_back(record); });
  }
};

// The check of records of which any value is fine: order words, times.
struct AnyRecordIsFine {
  template <typename T>
  std::string operator()(const T&) const {
    return {};
  }
};

std::string OutOf(const char* what, uint64_t value, uint64_t count) {
  return "names " + std::string(what) + " " + std::to_string(value) + ", of " +
         std::to_string(count);
}

// What a received record may name: the shard's SIMs, and their carriers' statuses and plans. A
// record that named more would index past a table where it is read.
struct TransferBounds {
  const Scenario& scenario;
  const std::vector<uint32_t>& sim_groups;

  std::string Sim(uint64_t sim) const {
    return sim < sim_groups.size() ? std::string() : OutOf("SIM", sim, sim_groups.size());
  }
  const CarrierProfile& ProfileOf(uint32_t sim) const {
    return scenario.carriers[scenario.groups[sim_groups[sim]].carrier].profile;
  }
  std::string Status(uint32_t sim, StatusId status) const {
    const size_t statuses = ProfileOf(sim).statuses.size();
    return status < statuses ? std::string() : OutOf("status", status, statuses);
  }
  std::string Change(const StatusChange& c) const {
    std::string why = Sim(c.sim);
    if (why.empty()) why = Status(c.sim, c.from);
    if (why.empty()) why = Status(c.sim, c.to);
    if (why.empty() && static_cast<int>(c.cause) >= kChangeCauseCount) {
      why = OutOf("cause", static_cast<uint64_t>(c.cause), kChangeCauseCount);
    }
    return why;
  }
  // `total`: of the lines received so far, which with this one must fit as the ledger's did.
  std::string Fee(const FeeLine& line, int64_t total) const {
    if (std::string why = Sim(line.sim); !why.empty()) return why;
    if (std::string why = Status(line.sim, line.status); !why.empty()) return why;
    const size_t plans = ProfileOf(line.sim).plans.size();
    if (line.plan >= plans) return OutOf("plan", line.plan, plans);
    int64_t sum;
    if (line.micros < 0 || __builtin_add_overflow(total, line.micros, &sum)) {
      return "charges " + std::to_string(line.micros) + " micro-units on top of " +
             std::to_string(total) + ", which no ledger holds";
    }
    return {};
  }
  std::string Member(const EventMember& m) const {
    unsigned char recovering;  // a bool's byte, read as a byte: any other than 0 or 1 is no bool
    std::memcpy(&recovering,
                reinterpret_cast<const unsigned char*>(&m) + offsetof(EventMember, recovering), 1);
    if (recovering > 1) return "holds " + std::to_string(recovering) + " for a bool";
    return Sim(m.device);
  }
  std::string Window(const WindowCount& w) const {
    const uint64_t meters = 2 + 2 * uint64_t{scenario.cells.size()};
    return w.meter < meters ? std::string() : OutOf("rate meter", w.meter, meters);
  }
};

std::vector<uint32_t> GroupsOfSims(const Scenario& scenario) {
  std::vector<uint32_t> groups(static_cast<size_t>(scenario.sim_count));
  for (uint32_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& group = scenario.groups[g];
    std::fill_n(groups.begin() + group.first_sim, group.count, g);
  }
  return groups;
}

// The logs that follow the first message, in the order SendShard sends them.
void ReceiveShardLogs(const ChunkReceiver& receive, const TransferSizes& sizes,
                      const Scenario& scenario, ReceivedShard::State& s) {
  const TransferBounds bounds{scenario, s.sim_groups};
  receive.Receive<ForcedReactivation>(
      sizes.forced, "the forced reactivations",
      [&](const ForcedReactivation& f) { return bounds.Sim(f.sim); },
      [&](const ForcedReactivation& f) { s.forced.push_back(f); });
  receive.ReceiveLog(sizes.history, "the status history", s.history,
                     [&](const StatusChange& c) { return bounds.Change(c); });
  receive.ReceiveLog(sizes.sessions, "the data sessions", s.sessions.records,
                     [&](const SessionRecord& r) { return bounds.Sim(r.sim); });
  receive.Receive<FeeLine>(
      sizes.ledger, "the fee ledger",
      [&](const FeeLine& line) { return bounds.Fee(line, s.ledger.total()); },
      // Appended as charged, so that the ledger adds up its sums as the sender's did.
      [&](const FeeLine& line) { s.ledger.push_back(line); });
  if (s.shard) {
    Recorder::ShardRecords& shard = *s.shard;
    receive.Receive<uint32_t>(sizes.forced_order, "the forced reactivations' order",
                              AnyRecordIsFine{},
                              [&](uint32_t word) { shard.forced_order.push_back(word); });
    receive.ReceiveLog(sizes.history_order, "the status history's order", shard.history_order,
                       AnyRecordIsFine{});
    receive.ReceiveLog(sizes.session_order, "the data sessions' order", shard.session_order,
                       AnyRecordIsFine{});
    receive.ReceiveLog(sizes.rate_log, "the rate log", shard.rate_log,
                       [&](const WindowCount& w) { return bounds.Window(w); });
  }
  for (size_t i = 0; i < s.mass_events.size(); ++i) {
    MassEvent& e = s.mass_events[i];
    receive.ReceiveLog(sizes.event_back[i], "the recovery times of " + e.what, e.back,
                       AnyRecordIsFine{});
    receive.ReceiveLog(sizes.event_members[i], "the devices hit by " + e.what, e.members,
                       [&](const EventMember& m) { return bounds.Member(m); });
    // As Recovery keeps them: an older event's records on disk, not in memory.
    if (i + 1 < s.mass_events.size()) {
      e.members.SpillIfOver(Recovery::kOlderEventMemory);
      e.back.SpillIfOver(Recovery::kOlderEventMemory);
    }
  }
}

}  // namespace

ReceivedShard::State::State(const Scenario& scenario, const SpillOptions& spill)
    : spill(spill),
      sim_groups(GroupsOfSims(scenario)),
      signaling(scenario.groups.size(), scenario.cells.size()),
      actions(scenario.timeline.size()),
      windows(scenario),
      history(spill, ".history.spill", "the status history"),  // named as StatusHistory's
      sessions(spill),
      ledger(spill, FeeGroups{scenario.start, &sim_groups, scenario.groups.size()}) {}

ReceivedShard::ReceivedShard(std::unique_ptr<State> state) : state_(std::move(state)) {}
ReceivedShard::ReceivedShard(ReceivedShard&&) noexcept = default;
ReceivedShard& ReceivedShard::operator=(ReceivedShard&&) noexcept = default;
ReceivedShard::~ReceivedShard() = default;

ShardCounts ReceivedShard::Counts(const SimDirectory& directory) const {
  const State& s = *state_;
  return {&directory, &s.signaling,           &s.mass_events, &s.forced,
          &s.actions, &s.terminate_remaining, &s.windows,     s.shard.get(),
          s.events,   s.timeline_events};
}

PartRecords ReceivedShard::Records() const {
  const State& s = *state_;
  return {&s.history, s.shard ? &s.shard->history_order : nullptr, &s.sessions.records,
          s.shard ? &s.shard->session_order : nullptr, &s.ledger};
}

void SendShard(const ShardView& shard, const RankLinks& links, int to, uint64_t chunk_bytes) {
  const ShardCounts counts = shard.Counts();
  const PartRecords records = shard.Records();
  WireWriter first;
  PutShardCounts(first, counts, records);
  links.send(to, first.Take());
  const ChunkSender send{links, to, chunk_bytes};
  send.SendVector(*counts.forced);
  send.SendLog(*records.history);
  send.SendLog(*records.sessions);
  FeeLedger::Reader fees(*records.ledger);
  send.Send<FeeLine>(records.ledger->size(), [&](FeeLine* line) { return fees.Next(line); });
  if (counts.shard != nullptr) {
    send.SendVector(counts.shard->forced_order);
    send.SendLog(*records.history_order);
    send.SendLog(*records.session_order);
    send.SendLog(counts.shard->rate_log);
  }
  for (const MassEvent& e : *counts.mass_events) {
    send.SendLog(e.back);
    send.SendLog(e.members);
  }
}

ReceivedShard ReceiveShard(const Scenario& shard_scenario, const RankLinks& links, int from,
                           const SpillOptions& spill) {
  SpillOptions own = spill;
  // Beside this rank's own shard's files, and those of the shards of other ranks.
  own.name_prefix += ".rank-shard-" + std::to_string(from);
  auto state = std::make_unique<ReceivedShard::State>(shard_scenario, own);
  const std::string shard = "the shard from " + RankName(from);
  const std::string first = links.receive(from);
  const std::string counts = "the counts of " + shard;
  WireReader r(first, counts);
  const TransferSizes sizes = GetShardCounts(r, counts, shard_scenario, *state);
  r.ExpectEnd();
  ReceiveShardLogs(ChunkReceiver{links, from, shard}, sizes, shard_scenario, *state);
  return ReceivedShard(std::move(state));
}

}  // namespace carriersim
