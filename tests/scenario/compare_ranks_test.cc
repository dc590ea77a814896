// compare over several processes (the ranks of an MPI job, simulator/mpi/): each makes every
// ranks-th run and the results are swapped as bytes. Here the ranks are threads of one process
// with an all-gather that meets in memory, so the rule is checked in every build; CI runs the
// real thing under mpirun too (tests/mpi/).
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "reports/compare_reports.h"
#include "simulator/compare/comparison.h"
#include "simulator/compare/job_result.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// 6 sensors parked in standby (or not) at day 10 and woken at `wake`, 3 replicates: 2 variants
// x 4 points x 3 = 24 runs, which 3 ranks share 8 each, interleaved.
constexpr const char* kFamily = R"(
name: ranks
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 11
replicates: 3
parameters:
  park: activate
  wake: 15d
variants:
  active: {}
  standby: { park: set-to-standby }
sweep:
  wake: [12d, 16d, 19d, 22d]
carriers:
  soracom: { profile: soracom }
devices:
  sensor: { boot: 5s..30s, traffic: { every: 6h, uplink: 1KB } }
fleet:
  - { group: fleet, count: 6, carrier: soracom, plan: plan01s, device: sensor }
timeline:
  - { at: 10d, power-off: { group: fleet } }
  - { at: 10d, ${park}: { group: fleet } }
  - { at: ${wake}, power-on: { group: fleet } }
)";

// An all-gather among `ranks` threads: each hands its bytes in and gets everyone's once all
// have. One use per instance, as a comparison makes one exchange.
class Rendezvous {
 public:
  explicit Rendezvous(int ranks) : parts_(static_cast<size_t>(ranks)) {}
  std::vector<std::string> AllGather(int rank, const std::string& mine) {
    std::unique_lock lock(mutex_);
    parts_[static_cast<size_t>(rank)] = mine;
    if (++arrived_ == parts_.size()) all_in_.notify_all();
    all_in_.wait(lock, [&] { return arrived_ == parts_.size(); });
    return parts_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_in_;
  std::vector<std::string> parts_;
  size_t arrived_ = 0;
};

ScenarioFamily Family() {
  Diagnostics diag;
  FamilyResult read = ReadScenarioFamilyText("ranks.yaml", kFamily, diag);
  INFO(diag.ToText());
  REQUIRE(read.family);
  return std::move(*read.family);
}

// Every rank's comparison, made on `ranks` threads that swap results through `exchange`.
std::vector<std::optional<Comparison>> RunOnRanks(
    const ScenarioFamily& family, int ranks,
    const std::function<std::vector<std::string>(int, const std::string&)>& exchange) {
  std::vector<std::optional<Comparison>> results(static_cast<size_t>(ranks));
  std::vector<std::string> errors(static_cast<size_t>(ranks));
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r) {
    threads.emplace_back([&, r] {
      CompareOptions options;
      options.jobs = 1;
      options.rank = r;
      options.ranks = ranks;
      options.all_gather = [&, r](const std::string& mine) { return exchange(r, mine); };
      Diagnostics diag;
      try {
        results[static_cast<size_t>(r)] = RunComparison(family, options, diag);
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(r)] = e.what();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& e : errors) {
    if (!e.empty()) throw std::runtime_error(e);
  }
  return results;
}

TEST_CASE("compare over 3 ranks writes the same bytes as one process on every rank",
          "[compare][mpi]") {
  const ScenarioFamily family = Family();
  Diagnostics diag;
  const std::optional<Comparison> one =
      RunComparison(family, CompareOptions::OnWorkers(2), diag);
  INFO(diag.ToText());
  REQUIRE(one);
  REQUIRE(one->points.size() == 8);
  Rendezvous meeting(3);
  const std::vector<std::optional<Comparison>> ranks = RunOnRanks(
      family, 3, [&](int r, const std::string& mine) { return meeting.AllGather(r, mine); });
  for (const std::optional<Comparison>& c : ranks) {
    REQUIRE(c);
    REQUIRE(c->points.size() == 8);
    CHECK(CompareCsv(*c) == CompareCsv(*one));
    CHECK(CompareJson(*c) == CompareJson(*one));
    CHECK(CompareHtml(*c) == CompareHtml(*one));
  }
}

TEST_CASE("compare over ranks: a rank that sends unreadable results stops the comparison",
          "[compare][mpi]") {
  const ScenarioFamily family = Family();
  Rendezvous meeting(2);
  const auto garble = [&](int r, const std::string& mine) {
    return meeting.AllGather(r, r == 1 ? mine.substr(0, mine.size() / 2) : mine);
  };
  CHECK_THROWS_WITH(RunOnRanks(family, 2, garble), "process 1 sent unreadable results");
}

TEST_CASE("a run's result survives encoding, and a cut one is refused", "[compare][mpi]") {
  JobResult ok;
  ok.figures = RunFigures{{1, -2, 3}, {4, 5}, 99};
  ok.failures = {"line 3: fees.total < 1 USD: got 2.00 USD", ""};
  ok.expectations = 7;
  JobResult stopped;
  stopped.error = JobResult::Error::kStopped;
  stopped.error_text = "SIM fleet#0 looped at 2d";
  std::string bytes;
  EncodeJobResult(ok, bytes);
  EncodeJobResult(stopped, bytes);
  const std::optional<std::vector<JobResult>> back = DecodeJobResults(bytes);
  REQUIRE(back);
  REQUIRE(back->size() == 2);
  REQUIRE((*back)[0].figures);
  CHECK((*back)[0].figures->fees_by_category == std::vector<int64_t>{1, -2, 3});
  CHECK((*back)[0].figures->figures == std::vector<int64_t>{4, 5});
  CHECK((*back)[0].figures->events == 99);
  CHECK((*back)[0].failures == ok.failures);
  CHECK((*back)[0].expectations == 7);
  CHECK_FALSE((*back)[1].figures);
  CHECK((*back)[1].error == JobResult::Error::kStopped);
  CHECK((*back)[1].error_text == "SIM fleet#0 looped at 2d");
  CHECK(DecodeJobResults("")->empty());
  std::string first;
  EncodeJobResult(ok, first);
  for (size_t cut = 1; cut < bytes.size(); ++cut) {
    if (cut == first.size()) continue;  // the first result, whole
    INFO("cut at " << cut);
    CHECK_FALSE(DecodeJobResults(std::string_view(bytes).substr(0, cut)));
  }
  CHECK(DecodeJobResults(first)->size() == 1);
  std::string bad_error;
  stopped.error = static_cast<JobResult::Error>(9);
  EncodeJobResult(stopped, bad_error);
  CHECK_FALSE(DecodeJobResults(bad_error));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
