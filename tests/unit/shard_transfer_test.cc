// Shipping a shard's counts and records to another rank (results/shard_transfer.h): rank 1 runs
// a shard of an example and sends it, rank 0 receives it into logs that spill to its own files,
// and what arrived equals, field by field and record by record, the same shard run here (a world
// is deterministic for a scenario and a seed). A message cut short, a chunk whose size is not
// whole records, and a record naming a SIM the shard does not have are WireErrors.
//
// Catch2's assertions are not thread-safe: the ranks keep what they got, which the test checks
// once RunLoopbackRanks has joined them.
#include "simulator/results/shard_transfer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "simulator/base/loopback_ranks.h"
#include "simulator/base/wire.h"
#include "simulator/results/census.h"
#include "simulator/results/local_shard_view.h"
#include "simulator/scenario/scenario_loader.h"
#include "simulator/scenario/shard_plan.h"
#include "simulator/world/world.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

using Catch::Matchers::Contains;

Scenario LoadExample(const std::string& file) {
  Diagnostics diag;
  LoadResult loaded = LoadScenarioFile(test::SourcePath("scenarios/" + file), diag);
  INFO(diag.ToText());
  REQUIRE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

// Shard `index` of `whole` cut into (at most) `shards`, run to its end where it is made.
struct RunShard {
  RunShard(const Scenario& whole, uint32_t shards, size_t index)
      : scenario(ShardScenario(whole, PlanShards(whole, shards).shards.at(index))),
        world(scenario, whole.seed),
        census(world.directory(), HistoryRecords(world.recorder().history().changes)),
        view(world, census) {
    world.RunToEnd();
    census.AdvanceTo(scenario.duration);
  }
  Scenario scenario;
  World world;
  StatusCensus census;
  LocalShardView view;
};

// Every record of a log (SpillLog, FeeLedger), read back in order.
template <typename T, typename Log>
std::vector<T> ReadAll(const Log& log) {
  std::vector<T> all;
  for (const T& record : log) all.push_back(record);
  return all;
}

// The records are equal as `key` sees them; the first that differs is named.
template <typename T, typename Key>
void CheckSameRecords(const std::vector<T>& got, const std::vector<T>& want, Key key,
                      const char* what) {
  INFO(what);
  REQUIRE(got.size() == want.size());
  size_t first_different = got.size();
  for (size_t i = 0; i < got.size() && first_different == got.size(); ++i) {
    if (key(got[i]) != key(want[i])) first_different = i;
  }
  CHECK(first_different == got.size());
}

template <typename T>
void CheckSameLog(const SpillLog<T>& got, const SpillLog<T>& want, const char* what) {
  CheckSameRecords(
      ReadAll<T>(got), ReadAll<T>(want), [](const T& x) { return x; }, what);
}

auto ChangeKey(const StatusChange& c) { return std::tuple(c.time, c.sim, c.from, c.to, c.cause); }
auto SessionKey(const SessionRecord& s) { return std::tuple(s.sim, s.end, s.opened, s.closed); }
auto FeeKey(const FeeLine& f) {
  return std::tuple(f.sim, f.plan, f.kind, f.status, f.time, f.micros, f.quantity);
}
auto MemberKey(const EventMember& m) {
  return std::tuple(m.device, m.recovering, m.back, m.energy.attach_attempts,
                    m.energy.modem_reboots, m.energy.radio_ms);
}
auto WindowKey(const WindowCount& w) { return std::tuple(w.window, w.meter, w.count); }

auto CountersKey(const SignalingCounters& c) {
  return std::tuple(c.attach_attempts, c.attach_accepts, c.rejects_by_cause, c.network_detaches,
                    c.detaches_by_cause, c.sessions_opened, c.pdn_rejects, c.attempts_without_cell,
                    c.unanswered, c.collateral_congestion);
}

// A logged meter must log to `rate_log`, the received one.
void CheckSameMeter(const RateMeter& got, const RateMeter& want,
                    const SpillLog<WindowCount>* rate_log) {
  CHECK(std::tuple(got.window, got.count, got.peak, got.peak_at, got.id) ==
        std::tuple(want.window, want.count, want.peak, want.peak_at, want.id));
  CHECK(got.log == (want.log != nullptr ? rate_log : nullptr));
}

void CheckSameSignaling(const SignalingMetrics& got, const SignalingMetrics& want,
                        const SpillLog<WindowCount>* rate_log) {
  CHECK(CountersKey(got.total) == CountersKey(want.total));
  CHECK(want.total.attach_attempts > 0);
  REQUIRE(got.by_group.size() == want.by_group.size());
  for (size_t g = 0; g < got.by_group.size(); ++g) {
    CHECK(CountersKey(got.by_group[g]) == CountersKey(want.by_group[g]));
  }
  REQUIRE(got.by_cell.size() == want.by_cell.size());
  for (size_t c = 0; c < got.by_cell.size(); ++c) {
    const CellStats& a = got.by_cell[c];
    const CellStats& b = want.by_cell[c];
    CHECK(std::tuple(a.attempts, a.accepts, a.rejects_by_cause, a.unanswered, a.collateral) ==
          std::tuple(b.attempts, b.accepts, b.rejects_by_cause, b.unanswered, b.collateral));
    CheckSameMeter(a.per_second, b.per_second, rate_log);
    CheckSameMeter(a.per_minute, b.per_minute, rate_log);
  }
  CheckSameMeter(got.per_second, want.per_second, rate_log);
  CheckSameMeter(got.per_minute, want.per_minute, rate_log);
}

void CheckSameMassEvents(const std::vector<MassEvent>& got, const std::vector<MassEvent>& want) {
  REQUIRE(got.size() == want.size());
  CHECK(!want.empty());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("mass event " << i << ": " << want[i].what);
    CHECK(std::tuple(got[i].what, got[i].action, got[i].start, got[i].from, got[i].affected) ==
          std::tuple(want[i].what, want[i].action, want[i].start, want[i].from, want[i].affected));
    CheckSameLog(got[i].back, want[i].back, "recovery times");
    CheckSameRecords(ReadAll<EventMember>(got[i].members), ReadAll<EventMember>(want[i].members),
                     MemberKey, "devices hit");
  }
}

void CheckSameOutcomes(const std::vector<ActionOutcome>& got,
                       const std::vector<ActionOutcome>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("timeline action " << i);
    CHECK(std::tuple(got[i].applied, got[i].unchanged, got[i].refused, got[i].refusals,
                     got[i].refused_by_kind) == std::tuple(want[i].applied, want[i].unchanged,
                                                           want[i].refused, want[i].refusals,
                                                           want[i].refused_by_kind));
  }
}

void CheckSameWindows(const EventWindows& got, const EventWindows& want) {
  REQUIRE(got.windows().size() == want.windows().size());
  CHECK(!want.windows().empty());
  for (size_t i = 0; i < got.windows().size(); ++i) {
    const EventWindow& a = got.windows()[i];
    const EventWindow& b = want.windows()[i];
    CheckSameRecords(
        a.bins, b.bins,
        [](const WindowBin& bin) { return std::tuple(bin.attempts, bin.rejects, bin.congestion); },
        "event window bins");
    CHECK(a.group_attempts == b.group_attempts);
  }
}

void CheckSameCounts(const ShardCounts& got, const ShardCounts& want) {
  REQUIRE(got.shard != nullptr);
  REQUIRE(want.shard != nullptr);
  CHECK(got.events == want.events);
  CHECK(got.timeline_events == want.timeline_events);
  CheckSameSignaling(*got.signaling, *want.signaling, &got.shard->rate_log);
  CheckSameMassEvents(*got.mass_events, *want.mass_events);
  CheckSameRecords(
      *got.forced, *want.forced,
      [](const ForcedReactivation& f) { return std::tuple(f.time, f.sim); },
      "forced reactivations");
  CHECK(got.shard->forced_order == want.shard->forced_order);
  CheckSameOutcomes(*got.actions, *want.actions);
  CHECK(*got.terminate_remaining == *want.terminate_remaining);
  CheckSameWindows(*got.windows, *want.windows);
  CHECK(!want.shard->rate_log.empty());
  CheckSameRecords(ReadAll<WindowCount>(got.shard->rate_log),
                   ReadAll<WindowCount>(want.shard->rate_log), WindowKey, "rate log");
}

// The records, and the ledger's running sums, which the receiver added up again.
void CheckSameRecordsOfPart(const PartRecords& got, const PartRecords& want) {
  CHECK(!want.history->empty());
  CHECK(!want.sessions->empty());
  CHECK(!want.ledger->empty());
  CheckSameRecords(ReadAll<StatusChange>(*got.history), ReadAll<StatusChange>(*want.history),
                   ChangeKey, "status history");
  CheckSameLog(*got.history_order, *want.history_order, "the status history's order");
  CheckSameRecords(ReadAll<SessionRecord>(*got.sessions), ReadAll<SessionRecord>(*want.sessions),
                   SessionKey, "data sessions");
  CheckSameLog(*got.session_order, *want.session_order, "the data sessions' order");
  CheckSameRecords(ReadAll<FeeLine>(*got.ledger), ReadAll<FeeLine>(*want.ledger), FeeKey,
                   "fee ledger");
  const FeeSums& a = got.ledger->sums();
  const FeeSums& b = want.ledger->sums();
  CHECK(got.ledger->total() == want.ledger->total());
  CHECK(a.by_sim() == b.by_sim());
  const auto totals = [](const FeeTotals& t) { return std::tuple(t.total, t.by_category); };
  CheckSameRecords(a.by_group(), b.by_group(), totals, "fees by group");
  REQUIRE(a.by_month().size() == b.by_month().size());
  CHECK(std::equal(a.by_month().begin(), a.by_month().end(), b.by_month().begin(),
                   [&](const auto& x, const auto& y) {
                     return x.first == y.first && totals(x.second) == totals(y.second);
                   }));
  REQUIRE(a.by_group_and_plan().size() == b.by_group_and_plan().size());
  CHECK(std::equal(a.by_group_and_plan().begin(), a.by_group_and_plan().end(),
                   b.by_group_and_plan().begin(), [&](const auto& x, const auto& y) {
                     return x.first == y.first && totals(x.second) == totals(y.second);
                   }));
}

// Records of a few bytes' memory: whatever arrives goes to the receiver's spill files.
SpillOptions TinySpill() {
  SpillOptions spill;
  spill.memory = 64;
  return spill;
}

TEST_CASE("a shard sent to rank 0 arrives as the same shard run there", "[ranks]") {
  // kore-lifecycle: an upstream outage, mass events and expectations, cut in two; the thundering
  // herd: a cell outage, a cell with a capacity and forced reactivations, in one shard.
  for (const auto& example : {std::tuple("kore-lifecycle.yaml", 2u, size_t{1}),
                              std::tuple("firmware-thundering-herd.yaml", 2u, size_t{0})}) {
    const auto [file, shards, index] = example;
    INFO(file << ", shard " << index);
    const Scenario whole = LoadExample(file);
    CHECK(!whole.expectations.empty());
    const Scenario shard_scenario =
        ShardScenario(whole, PlanShards(whole, shards).shards.at(index));
    std::unique_ptr<ReceivedShard> received;
    size_t messages = 0, largest_chunk = 0;  // rank 1's
    RunLoopbackRanks(2, [&, shards = shards, index = index](const RankLinks& links) {
      if (links.rank == 1) {
        const RunShard sender(whole, shards, index);
        RankLinks counted = links;
        counted.send = [&](int to, const std::string& bytes) {
          if (messages++ > 0) largest_chunk = std::max(largest_chunk, bytes.size());
          links.send(to, bytes);
        };
        SendShard(sender.view, counted, 0, 4096);  // small chunks: several to a log
      } else {
        received =
            std::make_unique<ReceivedShard>(ReceiveShard(shard_scenario, links, 1, TinySpill()));
      }
    });
    REQUIRE(received != nullptr);
    CHECK(largest_chunk <= 4096 + 8);  // its records, after their byte count
    const RunShard here(whole, shards, index);
    CheckSameCounts(received->Counts(here.world.directory()), here.view.Counts());
    CHECK(received->Counts(here.world.directory()).directory == &here.world.directory());
    const PartRecords got = received->Records();
    CheckSameRecordsOfPart(got, here.view.Records());
    // Bounded memory: with a few bytes to keep, the received logs are on disk.
    CHECK(got.history->on_disk() > 0);
    CHECK(got.sessions->on_disk() > 0);
    CHECK(got.ledger->on_disk() > 0);
    if (std::string(file) == "firmware-thundering-herd.yaml") {
      CHECK(here.view.Counts().forced->size() == 20);
      CHECK(messages > 100);  // its logs take many chunks each
    }
  }
}

// What rank 0 makes of the messages of kore-lifecycle's shard 1 once `tamper(index, message)`
// has changed them: the WireError's message, or "" if it received the shard.
std::string ReceiveTampered(const std::function<void(size_t, std::string&)>& tamper) {
  const Scenario whole = LoadExample("kore-lifecycle.yaml");
  const Scenario shard_scenario = ShardScenario(whole, PlanShards(whole, 2).shards.at(1));
  std::string error = "(not received)";
  RunLoopbackRanks(2, [&](const RankLinks& links) {
    if (links.rank == 1) {
      const RunShard sender(whole, 2, 1);
      if (!sender.view.Counts().forced->empty()) throw std::logic_error("forced reactivations");
      RankLinks tampering = links;
      size_t sent = 0;
      tampering.send = [&](int to, const std::string& bytes) {
        std::string message = bytes;
        tamper(sent++, message);
        links.send(to, message);
      };
      SendShard(sender.view, tampering, 0, 4096);
      return;
    }
    try {
      ReceiveShard(shard_scenario, links, 1, TinySpill());
      error.clear();
    } catch (const WireError& e) {
      error = e.what();
    }
  });
  return error;
}

TEST_CASE("a shard whose messages are cut or corrupt is a WireError", "[ranks]") {
  CHECK(ReceiveTampered([](size_t, std::string&) {}).empty());
  // The first message, one byte short, and one byte long.
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 0) m.pop_back();
             }),
             Contains("the counts of the shard from rank 1 ends at byte"));
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 0) m.push_back('\0');
             }),
             Contains("the counts of the shard from rank 1 goes on past byte"));
  // Message 1 is the status history's first chunk (the shard forced no reactivations): its
  // byte count, one more, is not whole 16-byte records; cut short, it holds fewer than it says.
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 1) ++m[0];
             }),
             Contains("a chunk of the status history of the shard from rank 1 holds") &&
                 Contains("not a whole number of 16-byte records"));
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 1) m.resize(m.size() - 16);
             }),
             Contains("a chunk of the status history of the shard from rank 1 ends at byte"));
  // One byte more than its count says; one record more than the first message announced (the
  // history of this shard fits in one chunk).
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 1) m.push_back('\0');
             }),
             Contains("a chunk of the status history of the shard from rank 1 goes on past byte"));
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i != 1) return;
               m[0] = static_cast<char>(m[0] + 16);
               m.append(16, '\0');
             }),
             Contains("more were announced"));
  // Its first record names a SIM far beyond the shard's (the SIM follows the record's time).
  CHECK_THAT(ReceiveTampered([](size_t i, std::string& m) {
               if (i == 1) std::memset(m.data() + 8 + 8, 0x7f, 4);
             }),
             Contains("the status history of the shard from rank 1: record 0 names SIM"));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
