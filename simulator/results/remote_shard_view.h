// A shard of a run held by another rank (`mpirun ... run`): rank 0 reads it through a
// RemoteShardView, which sends each question (results/shard_view.h) to the rank that holds the
// shard and waits for the answer; that rank answers in ServeShards from its own LocalShardView.
// The questions are few and each about a whole shard (the values of an expectation, the totals),
// apart from sims.csv's rows and sessions' usage, which come 4,096 at a time; the bulk of what a
// shard made (its counters and records) is not asked for but sent once, after the run
// (results/shard_transfer.h), and handed to the view.
//
// Both ends are the same binary with the same scenario, so an expectation goes by its index in
// Scenario::expectations. An answer that does not read as expected throws WireError; an error
// where the shard is (it ran out of memory, say) comes back as a message and is thrown here as a
// std::runtime_error naming the rank. Internal to results/.
#ifndef CARRIERSIM_RESULTS_REMOTE_SHARD_VIEW_H_
#define CARRIERSIM_RESULTS_REMOTE_SHARD_VIEW_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/rank_links.h"
#include "simulator/base/wire.h"
#include "simulator/results/shard_view.h"

namespace carriersim {

class RemoteShardView final : public ShardView {
 public:
  // Shard `shard` of the run of `whole`, held by rank `owner`. `directory`: the shard's, made
  // here from its scenario; `counts` and `records`: what the owner sent of it (nullopt: not
  // sent, and not to be asked for). All outlive the view.
  RemoteShardView(const Scenario& whole, const SimDirectory& directory, uint32_t shard,
                  int owner, const RankLinks& links, std::optional<ShardCounts> counts = {},
                  std::optional<PartRecords> records = {})
      : whole_(whole),
        directory_(directory),
        shard_(shard),
        owner_(owner),
        links_(links),
        counts_(counts),
        records_(records) {}

  const SimDirectory& directory() const override { return directory_; }
  Totals Aggregate() const override;
  CellAndPlanTotals ByCellAndPlan() const override;
  SimTotals OneSim(SimId sim, const FeeTotals& charged) const override;
  SimRow Row(SimId sim, bool categories, const FeeTotals& charged) const override;
  TrafficTally Usage(SimId sim, SimTime from, SimTime to) const override;
  StatusId Status(SimId sim) const override;
  int64_t InGroup(uint32_t group, StatusId status) const override;
  int64_t CountInStatus(const Expectation& e) const override;
  int64_t NarrowedRecords(const Expectation& e) const override;
  std::vector<SimValue> Values(const Expectation& e) const override;
  std::vector<SimValue> EventEnergy(const Expectation& e) const override;
  std::vector<RecoveryPart> Recovery(const Expectation& e) const override;
  ShardCounts Counts() const override;
  PartRecords Records() const override;

 private:
  // Sends the question `ask` wrote (after the operation and shard) and returns the answer.
  std::string Ask(uint8_t op, const std::function<void(WireWriter&)>& ask = {}) const;
  uint32_t IndexOf(const Expectation& e) const;
  // What an answer names must be of the scenario (WireError otherwise): reports index with it.
  void CheckRow(const WireReader& r, SimId sim, const SimRow& row) const;
  std::vector<SimValue> CheckedValues(uint8_t op, const Expectation& e) const;
  int64_t AskAboutExpectation(uint8_t op, const Expectation& e) const;

  const Scenario& whole_;
  const SimDirectory& directory_;
  uint32_t shard_;
  int owner_;
  const RankLinks& links_;
  std::optional<ShardCounts> counts_;
  std::optional<PartRecords> records_;
  // SIMs per group and status, asked once: the census is read a group and status at a time.
  mutable std::vector<std::vector<int64_t>> in_group_;
  // sims.csv and report.html read every SIM's row in order, sessions.csv every session's usage
  // in the shard's order: those come kWindow at a time, not one question each.
  struct SessionUsage {
    SimId sim;
    SimTime from;
    SimTime to;
    TrafficTally usage;
  };
  void FetchUsages() const;
  mutable std::vector<SimRow> rows_;
  mutable SimId rows_first_ = 0;
  mutable bool rows_categories_ = false;
  mutable std::deque<SessionUsage> usages_;
  mutable uint64_t next_session_ = 0;
  mutable bool usages_in_order_ = true;  // else asked one at a time
};

// Answers rank 0's questions about this rank's shards, `shards[k]` being shard k of the run
// (null: held by another rank), until rank 0 says it is done (EndServing). `whole`: the run's
// scenario, for the expectations asked about by index.
void ServeShards(const Scenario& whole, const std::vector<const ShardView*>& shards,
                 const RankLinks& links);
// Rank 0: lets every other rank's ServeShards return.
void EndServing(const RankLinks& links);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_REMOTE_SHARD_VIEW_H_
