// The results of a run: what the reports read, and all they read. The records (ledger, status
// history, sessions, mass events), the sums per scope (Totals, added up once), SIMs per status
// (StatusCensus), timeseries.csv's table, the expectations' outcomes, and each SIM's final row.
// Made by RunScenario (results/pipeline.h); it keeps the world that ran alive behind it, so
// the records are read in place rather than copied.
#ifndef CARRIERSIM_RESULTS_RUN_RESULT_H_
#define CARRIERSIM_RESULTS_RUN_RESULT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "simulator/billing/ledger.h"
#include "simulator/nas/messages.h"
#include "simulator/observers/recorder.h"
#include "simulator/results/census.h"
#include "simulator/results/expectations.h"
#include "simulator/results/run_records.h"
#include "simulator/results/timeseries.h"
#include "simulator/results/totals.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

class World;
class Snapshot;
struct ShardedParts;

// One SIM at the end of the run, as sims.csv lists it.
struct SimRow {
  uint32_t group = 0;
  PlanId plan = 0;
  StatusId status = 0;  // as the carrier shows it
  bool online = false;
  bool listed = true;              // still in the carrier's listing (SOR-8)
  SimTime renewal_since = kNever;  // the renewal tracking date (SOR-10), or kNever
  int64_t uplink_bytes = 0;
  int64_t downlink_bytes = 0;
  SimTime online_ms = 0;
  int64_t sms_sent = 0;
  int64_t commands_received = 0;
  uint32_t attach_attempts = 0;
  uint32_t attach_rejects = 0;
  uint32_t pdn_requests = 0;
  uint32_t cell = 0;
  const char* modem = "";  // the modem's state: "registered", "sim-invalid", ...
  SimTime radio_ms = 0;
  uint32_t modem_reboots = 0;
  std::array<int64_t, kMaxFeeCategories> fees_by_category{};  // Scenario::fee_categories
  int64_t fees = 0;
};

class RunResult {
 public:
  // A run on one world. `end`: the world added up after the run; `census`: advanced to the end.
  RunResult(std::unique_ptr<World> world, std::unique_ptr<StatusCensus> census,
            std::unique_ptr<Snapshot> end, TimeseriesTable timeseries,
            std::vector<ExpectationResult> expectations);
  // A run cut into shards (`run --threads`, results/sharded_run.h): the shards' worlds and what
  // was merged of them, added up after the run.
  RunResult(std::unique_ptr<ShardedParts> shards, std::unique_ptr<Snapshot> end,
            TimeseriesTable timeseries, std::vector<ExpectationResult> expectations);
  RunResult(RunResult&&) noexcept;
  RunResult& operator=(RunResult&&) noexcept;
  ~RunResult();

  const Scenario& scenario() const;
  const SimDirectory& directory() const;  // of the whole fleet: SIM ids are the whole fleet's
  uint64_t seed() const;
  uint64_t events() const;  // handled by the engine (one world's count, however many shards)

  // The records, in the order things happened; a long run's are mostly on disk, so reports
  // read them in passes (range-for, FeeRecords::ForEachByTime), not at random.
  const FeeRecords& ledger() const { return ledger_; }
  const HistoryRecords& history() const { return history_; }
  const SessionRecordsOfRun& sessions() const { return sessions_; }
  const SignalingMetrics& signaling() const;
  const std::vector<MassEvent>& mass_events() const;
  const std::vector<ForcedReactivation>& forced_reactivations() const;
  const std::vector<ActionOutcome>& actions() const;   // indexed like Scenario::timeline
  // Attach signaling at a fine resolution around the timeline's instants.
  const EventWindows& event_windows() const;
  SimTime account_terminated(uint32_t carrier) const;  // kNever: not terminated

  // The sums, SIMs per status at the end, the table of timeseries.csv, the expectations.
  const Totals& totals() const;
  const StatusCensus& census() const { return *census_; }
  const TimeseriesTable& timeseries() const { return timeseries_; }
  const std::vector<ExpectationResult>& expectations() const { return expectations_; }
  size_t expectation_failures() const;

  SimRow Sim(SimId sim) const;
  // The same row without its fees by category (left 0): those are summed per SIM from the
  // ledger, 8 bytes a SIM and category, on first use; only sims.csv needs them.
  SimRow SimWithoutCategories(SimId sim) const;
  // What a session carried: the device's sends while it was open (up to the end of the run).
  TrafficTally UsageOf(const SessionRecord& session) const;

  // The world that ran, for tests that look inside a component; null for a run cut into
  // shards. Reports never need it.
  const World& world() const { return *world_; }
  bool sharded() const { return shards_ != nullptr; }

 private:
  std::unique_ptr<World> world_;          // a run on one world
  std::unique_ptr<ShardedParts> shards_;  // a run cut into shards
  std::unique_ptr<StatusCensus> census_;
  std::unique_ptr<Snapshot> end_;
  TimeseriesTable timeseries_;
  std::vector<ExpectationResult> expectations_;
  FeeRecords ledger_;
  HistoryRecords history_;
  SessionRecordsOfRun sessions_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_RUN_RESULT_H_
