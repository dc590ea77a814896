#include "simulator/results/remote_shard_view.h"

#include <algorithm>
#include <stdexcept>

#include "simulator/results/view_wire.h"

namespace carriersim {
namespace {

// What rank 0 asks: the first byte of a question.
enum ViewOp : uint8_t {
  kEndServing,
  kAggregate,
  kByCellAndPlan,
  kOneSim,
  kRow,
  kUsage,
  kStatus,
  kStatusCounts,
  kCountInStatus,
  kNarrowedRecords,
  kValues,
  kEventEnergy,
  kRecovery,
  kRows,
  kUsages,
};

// The most rows or sessions' usages one answer holds: a few hundred kilobytes.
constexpr uint32_t kWindow = 4096;

// An answer's first byte: 1, the answer follows; 0, an error's text.
constexpr uint8_t kAnswered = 1;
constexpr uint8_t kFailed = 0;

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

namespace {

// Reads an answer from rank `owner` with `get`, which must read all of it.
template <typename Get>
auto ReadAnswer(const std::string& answer, int owner, Get get) {
  WireReader r(answer, "an answer from rank " + std::to_string(owner));
  if (r.GetU8() != kAnswered) {
    throw std::runtime_error("rank " + std::to_string(owner) + ": " + r.GetString());
  }
  auto value = get(r);
  r.ExpectEnd();
  return value;
}

}  // namespace

std::string RemoteShardView::Ask(uint8_t op, const std::function<void(WireWriter&)>& ask) const {
  WireWriter w;
  w.Put(op);
  w.Put(shard_);
  if (ask) ask(w);
  links_.send(owner_, w.Take());
  return links_.receive(owner_);
}

namespace {

// What an answer names must be of the scenario: reports index its tables with it.
void Check(bool in_range, const WireReader& r, const std::string& what) {
  if (!in_range) throw WireError(r.description() + " names " + what + " the scenario has not");
}

void CheckPlans(const WireReader& r, const Scenario& s,
                const std::vector<std::pair<uint32_t, PlanId>>& keys) {
  for (const auto& [carrier, plan] : keys) {
    Check(carrier < s.carriers.size() && plan < s.carriers[carrier].profile.plans.size(), r,
          "a plan");
  }
}

template <typename Map>
std::vector<std::pair<uint32_t, PlanId>> KeysOf(const Map& map) {
  std::vector<std::pair<uint32_t, PlanId>> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

}  // namespace

uint32_t RemoteShardView::IndexOf(const Expectation& e) const {
  const std::vector<Expectation>& all = whole_.expectations;
  // Measuring reads the whole scenario's expectations in place (shard_view.h).
  for (size_t i = 0; i < all.size(); ++i) {
    if (&all[i] == &e) return static_cast<uint32_t>(i);
  }
  throw std::logic_error("an expectation asked of a remote shard is not the scenario's");
}

int64_t RemoteShardView::AskAboutExpectation(uint8_t op, const Expectation& e) const {
  const uint32_t index = IndexOf(e);
  return ReadAnswer(Ask(op, [&](WireWriter& w) { w.Put(index); }), owner_,
                    [](WireReader& r) { return r.GetI64(); });
}

Totals RemoteShardView::Aggregate() const {
  return ReadAnswer(Ask(kAggregate), owner_, [&](WireReader& r) {
    Totals t = GetTotals(r);
    Check(t.by_group.size() == whole_.groups.size(), r, "groups");
    Check(t.by_carrier.size() == whole_.carriers.size(), r, "carriers");
    CheckPlans(r, whole_, KeysOf(t.fees_by_plan));
    return t;
  });
}

CellAndPlanTotals RemoteShardView::ByCellAndPlan() const {
  return ReadAnswer(Ask(kByCellAndPlan), owner_, [&](WireReader& r) {
    CellAndPlanTotals t = GetCellAndPlanTotals(r);
    Check(t.by_cell.size() == whole_.cells.size(), r, "cells");
    CheckPlans(r, whole_, KeysOf(t.by_plan));
    return t;
  });
}

SimTotals RemoteShardView::OneSim(SimId sim, const FeeTotals& charged) const {
  return ReadAnswer(Ask(kOneSim,
                        [&](WireWriter& w) {
                          w.Put(sim);
                          PutFeeTotals(w, charged);
                        }),
                    owner_, GetSimTotals);
}

SimRow RemoteShardView::Row(SimId sim, bool categories, const FeeTotals& charged) const {
  if (categories != rows_categories_ || sim < rows_first_ || sim - rows_first_ >= rows_.size()) {
    const uint32_t count = std::min<uint32_t>(kWindow, directory_.size() - sim);
    rows_ = ReadAnswer(Ask(kRows,
                           [&](WireWriter& w) {
                             w.Put(sim);
                             w.Put(count);
                             w.Put(categories);
                             PutFeeTotals(w, charged);
                           }),
                       owner_, [&](WireReader& r) {
                         if (r.GetU32() != count) throw WireError(r.description() + " miscounts");
                         std::vector<SimRow> rows;
                         for (uint32_t i = 0; i < count; ++i) {
                           rows.push_back(GetSimRow(r));
                           CheckRow(r, sim + i, rows.back());
                         }
                         return rows;
                       });
    rows_first_ = sim;
    rows_categories_ = categories;
  }
  return rows_[sim - rows_first_];
}

void RemoteShardView::FetchUsages() const {
  const uint64_t first = next_session_;
  std::vector<SessionUsage> window = ReadAnswer(
      Ask(kUsages,
          [&](WireWriter& w) {
            w.Put(first);
            w.Put(kWindow);
          }),
      owner_, [](WireReader& r) {
        const uint32_t count = r.GetU32();
        if (count > kWindow) throw WireError(r.description() + " holds too many sessions");
        std::vector<SessionUsage> read;
        for (uint32_t i = 0; i < count; ++i) {
          SessionUsage u{};
          u.sim = r.GetU32();
          u.from = r.GetI64();
          u.to = r.GetI64();
          u.usage = GetTraffic(r);
          read.push_back(u);
        }
        return read;
      });
  next_session_ += window.size();
  usages_.insert(usages_.end(), window.begin(), window.end());
}

TrafficTally RemoteShardView::Usage(SimId sim, SimTime from, SimTime to) const {
  if (usages_in_order_) {
    if (usages_.empty()) FetchUsages();
    if (!usages_.empty() && usages_.front().sim == sim && usages_.front().from == from &&
        usages_.front().to == to) {
      const TrafficTally usage = usages_.front().usage;
      usages_.pop_front();
      return usage;
    }
    // Asked out of the shard's order: one question each from here on.
    usages_in_order_ = false;
    usages_.clear();
  }
  return ReadAnswer(Ask(kUsage,
                        [&](WireWriter& w) {
                          w.Put(sim);
                          w.Put(from);
                          w.Put(to);
                        }),
                    owner_, GetTraffic);
}

StatusId RemoteShardView::Status(SimId sim) const {
  return ReadAnswer(Ask(kStatus, [&](WireWriter& w) { w.Put(sim); }), owner_,
                    [&](WireReader& r) {
                      const StatusId status = r.GetU8();
                      Check(status < directory_.ProfileOf(sim).statuses.size(), r, "a status");
                      return status;
                    });
}

void RemoteShardView::CheckRow(const WireReader& r, SimId sim, const SimRow& row) const {
  const CarrierProfile& profile = directory_.ProfileOf(sim);
  Check(row.plan < profile.plans.size(), r, "a plan");
  Check(row.status < profile.statuses.size(), r, "a status");
  Check(row.cell < std::max<size_t>(1, whole_.cells.size()), r, "a cell");
}

std::vector<SimValue> RemoteShardView::CheckedValues(uint8_t op, const Expectation& e) const {
  const uint32_t index = IndexOf(e);
  return ReadAnswer(Ask(op, [&](WireWriter& w) { w.Put(index); }), owner_, [&](WireReader& r) {
    std::vector<SimValue> values = GetSimValues(r);
    for (const SimValue& v : values) Check(v.sim < whole_.sim_count, r, "a SIM");
    return values;
  });
}

int64_t RemoteShardView::InGroup(uint32_t group, StatusId status) const {
  if (in_group_.empty()) {
    in_group_ = ReadAnswer(Ask(kStatusCounts), owner_, [&](WireReader& r) {
      std::vector<std::vector<int64_t>> counts;
      for (const GroupSpec& g : whole_.groups) {
        std::vector<int64_t>& of = counts.emplace_back();
        for (size_t s = 0; s < whole_.carriers[g.carrier].profile.statuses.size(); ++s) {
          of.push_back(r.GetI64());
        }
      }
      return counts;
    });
  }
  return in_group_[group][status];
}

int64_t RemoteShardView::CountInStatus(const Expectation& e) const {
  return AskAboutExpectation(kCountInStatus, e);
}

int64_t RemoteShardView::NarrowedRecords(const Expectation& e) const {
  return AskAboutExpectation(kNarrowedRecords, e);
}

std::vector<SimValue> RemoteShardView::Values(const Expectation& e) const {
  return CheckedValues(kValues, e);
}

std::vector<SimValue> RemoteShardView::EventEnergy(const Expectation& e) const {
  return CheckedValues(kEventEnergy, e);
}

std::vector<RecoveryPart> RemoteShardView::Recovery(const Expectation& e) const {
  const uint32_t index = IndexOf(e);
  return ReadAnswer(Ask(kRecovery, [&](WireWriter& w) { w.Put(index); }), owner_,
                    [&](WireReader& r) {
                      std::vector<RecoveryPart> parts = GetRecoveryParts(r);
                      // One per mass event of the run, which every shard has alike.
                      Check(counts_ && parts.size() == counts_->mass_events->size(), r,
                            "mass events");
                      return parts;
                    });
}

ShardCounts RemoteShardView::Counts() const {
  if (!counts_) throw std::logic_error("a remote shard's counts were not sent");
  return *counts_;
}

PartRecords RemoteShardView::Records() const {
  if (!records_) throw std::logic_error("a remote shard's records were not sent");
  return *records_;
}

}  // namespace carriersim
