// RemoteShardView (results/remote_shard_view.h) trusts nothing a rank answers: an answer that
// reads well but names groups, plans or SIMs the scenario has not is a WireError, never an index
// out of a report's tables. Rank 1 here answers rank 0's questions by hand.
#include <catch2/catch.hpp>
#include <string>

#include "simulator/base/loopback_ranks.h"
#include "simulator/base/wire.h"
#include "simulator/results/remote_shard_view.h"
#include "simulator/results/view_wire.h"
#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Rank 0 asks `ask` of shard 0, held by rank 1, which answers `answer`; what rank 0 threw.
// `answer` is told the shard's SIMs.
std::string AnswerWith(const std::function<void(const RemoteShardView&)>& ask,
                       const std::function<void(WireWriter&, uint32_t sims)>& answer) {
  const Scenario scenario =
      test::LoadValid(test::ReadText(test::SourcePath("scenarios/cost-idle-fleet.yaml")));
  const SimDirectory directory(scenario, scenario.seed);
  std::string thrown;
  RunLoopbackRanks(2, [&](const RankLinks& links) {
    if (links.rank == 1) {
      links.receive(0);  // the question
      WireWriter w;
      w.Put(uint8_t{1});  // answered
      answer(w, directory.size());
      links.send(0, w.Take());
      return;
    }
    const RemoteShardView view(scenario, directory, 0, 1, links);
    try {
      ask(view);
    } catch (const WireError& e) {
      thrown = e.what();
    }
  });
  return thrown;
}

TEST_CASE("remote view: totals of other groups than the scenario's are a WireError", "[ranks]") {
  Totals wrong;
  wrong.by_group.resize(7);  // the scenario has fewer
  const std::string thrown =
      AnswerWith([](const RemoteShardView& v) { v.Aggregate(); },
                 [&](WireWriter& w, uint32_t) { PutTotals(w, wrong); });
  CHECK(thrown == "an answer from rank 1 names groups the scenario has not");
}

TEST_CASE("remote view: a row with a plan the carrier has not is a WireError", "[ranks]") {
  SimRow row;
  row.plan = 900;
  row.modem = "registered";
  const std::string thrown = AnswerWith(
      [](const RemoteShardView& v) { v.Row(0, false, FeeTotals{}); },
      [&](WireWriter& w, uint32_t sims) {
        w.Put(sims);  // the rows asked for: all of them, this shard being small
        for (uint32_t i = 0; i < sims; ++i) PutSimRow(w, row);
      });
  CHECK(thrown == "an answer from rank 1 names a plan the scenario has not");
}

TEST_CASE("remote view: a value of a SIM past the fleet is a WireError", "[ranks]") {
  const std::string thrown = AnswerWith(
      [](const RemoteShardView& v) {
        v.Values(v.directory().scenario().expectations.front());
      },
      [&](WireWriter& w, uint32_t) { PutSimValues(w, {{4'000'000'000u, 1}}); });
  CHECK(thrown == "an answer from rank 1 names a SIM the scenario has not");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
