// The answering side of rank 0's questions (results/remote_shard_view.h): ServeShards, on the
// ranks that hold shards, answers each from the shard's own view.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "simulator/results/remote_shard_view.h"
#include "simulator/results/shard_questions.h"
#include "simulator/results/view_wire.h"

namespace carriersim {
namespace {

SimId GetSimOf(WireReader& r, const ShardView& view) {
  const uint32_t sim = r.GetU32();
  if (sim >= view.directory().size()) {
    throw WireError("a question from rank 0 names SIM " + std::to_string(sim) + " of a shard of " +
                    std::to_string(view.directory().size()));
  }
  return sim;
}

const Expectation& GetExpectation(WireReader& r, const Scenario& whole) {
  const uint32_t index = r.GetU32();
  if (index >= whole.expectations.size()) {
    throw WireError("a question from rank 0 names expectation " + std::to_string(index) +
                    " of " + std::to_string(whole.expectations.size()));
  }
  return whole.expectations[index];
}

// SIMs [first, first + count) of the shard's, with the count checked.
void PutRows(WireReader& r, const ShardView& view, WireWriter& w) {
  const SimId first = GetSimOf(r, view);
  const uint32_t count = r.GetU32();
  if (count == 0 || count > kWindow || count > view.directory().size() - first) {
    throw WireError("a question from rank 0 asks for " + std::to_string(count) + " rows from SIM " +
                    std::to_string(first));
  }
  const bool categories = r.GetBool();
  const FeeTotals charged = GetFeeTotals(r);
  w.Put(count);
  for (SimId sim = first; sim < first + count; ++sim) {
    PutSimRow(w, view.Row(sim, categories, charged));
  }
}

// The usage of up to `count` sessions from the `first`-th, in the shard's order: each with its
// SIM and span, as RunResult::UsageOf asks for it.
void PutUsages(WireReader& r, const Scenario& whole, const ShardView& view, WireWriter& w) {
  const uint64_t first = r.GetU64();
  const uint32_t count = r.GetU32();
  if (count == 0 || count > kWindow) {
    throw WireError("a question from rank 0 asks for " + std::to_string(count) + " sessions");
  }
  const SessionRecords& sessions = *view.Records().sessions;
  std::vector<SessionRecord> read;
  if (first < sessions.size()) {
    SessionRecords::Reader reader(sessions, static_cast<size_t>(first));
    for (SessionRecord record; read.size() < count && reader.Next(&record);) {
      read.push_back(record);
    }
  }
  w.Put(static_cast<uint32_t>(read.size()));
  for (const SessionRecord& s : read) {
    const SimTime to = std::min(s.closed, whole.duration);
    w.Put(s.sim);
    w.Put(s.opened);
    w.Put(to);
    PutTraffic(w, view.Usage(s.sim, s.opened, to));
  }
}

void PutStatusCounts(WireWriter& w, const Scenario& whole, const ShardView& view) {
  for (uint32_t g = 0; g < whole.groups.size(); ++g) {
    const size_t statuses = whole.carriers[whole.groups[g].carrier].profile.statuses.size();
    for (size_t s = 0; s < statuses; ++s) w.Put(view.InGroup(g, static_cast<StatusId>(s)));
  }
}

// The answer to the question `op` about `view`, whose arguments `r` holds.
void Answer(const Scenario& whole, const ShardView& view, uint8_t op, WireReader& r,
            WireWriter& w) {
  switch (op) {
    case kAggregate:
      return PutTotals(w, view.Aggregate());
    case kByCellAndPlan:
      return PutCellAndPlanTotals(w, view.ByCellAndPlan());
    case kOneSim: {
      const SimId sim = GetSimOf(r, view);
      return PutSimTotals(w, view.OneSim(sim, GetFeeTotals(r)));
    }
    case kRow: {
      const SimId sim = GetSimOf(r, view);
      const bool categories = r.GetBool();
      return PutSimRow(w, view.Row(sim, categories, GetFeeTotals(r)));
    }
    case kUsage: {
      const SimId sim = GetSimOf(r, view);
      const SimTime from = r.GetI64();
      return PutTraffic(w, view.Usage(sim, from, r.GetI64()));
    }
    case kStatus:
      return w.Put(view.Status(GetSimOf(r, view)));
    case kStatusCounts:
      return PutStatusCounts(w, whole, view);
    case kCountInStatus:
      return w.Put(view.CountInStatus(GetExpectation(r, whole)));
    case kNarrowedRecords:
      return w.Put(view.NarrowedRecords(GetExpectation(r, whole)));
    case kValues:
      return PutSimValues(w, view.Values(GetExpectation(r, whole)));
    case kEventEnergy:
      return PutSimValues(w, view.EventEnergy(GetExpectation(r, whole)));
    case kRecovery:
      return PutRecoveryParts(w, view.Recovery(GetExpectation(r, whole)));
    case kRows:
      return PutRows(r, view, w);
    case kUsages:
      return PutUsages(r, whole, view, w);
    default:
      throw WireError("a question from rank 0 asks " + std::to_string(op) +
                      ", which is no question");
  }
}

}  // namespace

void ServeShards(const Scenario& whole, const std::vector<const ShardView*>& shards,
                 const RankLinks& links) {
  for (;;) {
    const std::string question = links.receive(0);
    WireReader r(question, "a question from rank 0");
    WireWriter w;
    try {
      const uint8_t op = r.GetU8();
      if (op == kEndServing && r.AtEnd()) return;
      const uint32_t shard = r.GetU32();
      if (shard >= shards.size() || shards[shard] == nullptr) {
        throw WireError("a question from rank 0 asks about shard " + std::to_string(shard) +
                        ", which rank " + std::to_string(links.rank) + " does not hold");
      }
      w.Put(kAnswered);
      Answer(whole, *shards[shard], op, r, w);
      r.ExpectEnd();
    } catch (const std::exception& e) {
      // Rank 0 says what went wrong, and stops the run: this rank waits for its next question.
      w.Take();
      w.Put(kFailed);
      w.PutString(e.what());
    }
    links.send(0, w.Take());
  }
}

void EndServing(const RankLinks& links) {
  WireWriter w;
  w.Put(static_cast<uint8_t>(kEndServing));
  const std::string end = w.Take();
  for (int rank = 1; rank < links.ranks; ++rank) links.send(rank, end);
}

}  // namespace carriersim
