#include "simulator/results/remote_shard_view.h"

#include <algorithm>
#include <stdexcept>

#include "simulator/results/shard_questions.h"
#include "simulator/results/view_wire.h"

namespace carriersim {
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
