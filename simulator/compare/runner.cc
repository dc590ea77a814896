// Running a family's runs on a pool of workers. Each run is independent (its own world, its
// own random streams), so the only shared state is the next job's number and each job's slot:
// the results land in job order, whatever order the workers finish in. Across processes (MPI
// ranks) the same holds: each makes every ranks-th job and the results are swapped, in job order.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#include "simulator/base/no_progress.h"
#include "simulator/base/spill_file.h"
#include "simulator/billing/ledger.h"
#include "simulator/compare/comparison.h"
#include "simulator/compare/job_result.h"
#include "simulator/results/pipeline.h"

namespace carriersim {
namespace {

struct Job {
  size_t point = 0;
  int replicate = 0;
};

void RunJob(const Scenario& scenario, const Job& job, const std::vector<std::string>& categories,
            JobResult* slot) {
  try {
    RunOptions options;
    options.seed = ReplicateSeed(scenario.seed, job.replicate);
    options.timeseries = false;
    const RunResult run = RunScenario(scenario, options);
    slot->figures = MeasureRun(run, categories);
    slot->expectations = run.expectations().size();
    for (size_t i = 0; i < run.expectations().size(); ++i) {
      const ExpectationResult& r = run.expectations()[i];
      if (r.passed) continue;
      const Expectation& e = scenario.expectations[i];
      slot->failures.push_back(
          (job.replicate > 0 ? "replicate " + std::to_string(job.replicate + 1) + ": " : "") +
          "line " + std::to_string(e.line) + ": " + e.text + ": got " + r.actual_text);
    }
  } catch (const NoProgressError& e) {
    slot->error = JobResult::Error::kStopped;
    slot->error_text = e.what();
  } catch (const FeeOverflow& e) {
    slot->error = JobResult::Error::kStopped;
    slot->error_text = e.what();
  } catch (const std::bad_alloc& e) {
    slot->error = JobResult::Error::kOutOfMemory;
    slot->error_text = e.what();
  } catch (const SpillError& e) {  // the disk's doing, not a bug: compare exits 4
    slot->error = JobResult::Error::kDisk;
    slot->error_text = e.what();
  } catch (const std::exception& e) {
    slot->error = JobResult::Error::kInternal;
    slot->error_text = e.what();
  } catch (...) {
    slot->error = JobResult::Error::kInternal;
    slot->error_text = "an exception that is not a std::exception";
  }
}

// Runs `mine` (indices into `jobs`) on `workers` threads, each result into its job's slot.
void RunPool(const std::vector<Scenario>& scenarios, const std::vector<Job>& jobs,
             const std::vector<size_t>& mine, const std::vector<std::string>& categories,
             const CompareOptions& options, std::vector<JobResult>& slots) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable finished;
  size_t done = 0;
  const auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < mine.size();) {
      const size_t j = mine[k];
      RunJob(scenarios[jobs[j].point], jobs[j], categories, &slots[j]);
      std::lock_guard lock(mutex);
      ++done;
      finished.notify_one();
    }
  };
  const size_t workers =
      std::min<size_t>(static_cast<size_t>(std::max(options.jobs, 1)), mine.size());
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
  {
    std::unique_lock lock(mutex);
    for (size_t reported = 0; reported < mine.size();) {
      finished.wait(lock, [&] { return done > reported; });
      reported = done;
      if (options.progress) {
        lock.unlock();
        options.progress(reported, mine.size());
        lock.lock();
      }
    }
  }
  for (std::thread& t : threads) t.join();
}

// With several processes: hands each one the results of the others' jobs. Job j is made by
// process j % ranks, and each process sends its results in job order.
void ShareResults(const CompareOptions& options, std::vector<JobResult>& slots) {
  std::string mine;
  for (size_t j = static_cast<size_t>(options.rank); j < slots.size();
       j += static_cast<size_t>(options.ranks)) {
    EncodeJobResult(slots[j], mine);
  }
  const std::vector<std::string> all = options.all_gather(mine);
  if (all.size() != static_cast<size_t>(options.ranks)) {
    throw std::runtime_error("expected the results of " + std::to_string(options.ranks) +
                             " processes, got " + std::to_string(all.size()));
  }
  for (size_t r = 0; r < all.size(); ++r) {
    if (static_cast<int>(r) == options.rank) continue;
    std::optional<std::vector<JobResult>> theirs = DecodeJobResults(all[r]);
    size_t k = 0;
    for (size_t j = r; j < slots.size(); j += all.size(), ++k) {
      if (!theirs || k >= theirs->size()) {
        throw std::runtime_error("process " + std::to_string(r) + " sent unreadable results");
      }
      slots[j] = std::move((*theirs)[k]);
    }
  }
}

// The fee categories of every run, each once, in the order the runs first name them.
std::vector<std::string> AllCategories(const std::vector<Scenario>& scenarios) {
  std::vector<std::string> names;
  for (const Scenario& s : scenarios) {
    for (const std::string& c : s.fee_categories) {
      if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
    }
  }
  return names;
}

}  // namespace

size_t Comparison::failed() const {
  size_t n = 0;
  for (const PointResult& p : points) n += p.failures.size();
  for (const BreakEvenOutcome& c : checks) n += c.passed ? 0 : 1;
  return n;
}

std::optional<Comparison> RunComparison(const ScenarioFamily& family, const CompareOptions& options,
                                        Diagnostics& diag) {
  const CompareSpec& spec = family.spec;
  const std::vector<RunPoint> points = AllRunPoints(spec);
  // Every run is loaded (and checked) before any runs: an error in the last variant must not
  // cost the time of all the runs before it.
  std::vector<Scenario> scenarios;
  for (const RunPoint& point : points) {
    LoadResult loaded = LoadRun(family, point, diag, spec.parameterized);
    if (loaded.scenario) scenarios.push_back(std::move(*loaded.scenario));
    if (diag.count() >= Diagnostics::kMaxKept) break;
  }
  if (diag.has_errors()) return std::nullopt;
  if (!scenarios.empty()) {
    for (const Scenario& s : scenarios) {
      if (!(s.currency == scenarios[0].currency)) {
        diag.Error({family.file, 0, 0}, "every run must report in one currency; variants give " +
                                            std::string(scenarios[0].currency.str()) + " and " +
                                            std::string(s.currency.str()));
        return std::nullopt;
      }
    }
  }
  Comparison comparison;
  comparison.family = &family;
  comparison.name = scenarios[0].name;
  comparison.currency = std::string(scenarios[0].currency.str());
  comparison.categories = AllCategories(scenarios);

  std::vector<Job> jobs;
  for (size_t p = 0; p < points.size(); ++p) {
    for (int r = 0; r < spec.replicates; ++r) jobs.push_back({p, r});
  }
  std::vector<JobResult> slots(jobs.size());
  const int ranks = options.all_gather ? std::max(options.ranks, 1) : 1;
  std::vector<size_t> mine;
  for (size_t j = static_cast<size_t>(ranks > 1 ? options.rank : 0); j < jobs.size();
       j += static_cast<size_t>(ranks)) {
    mine.push_back(j);
  }
  RunPool(scenarios, jobs, mine, comparison.categories, options, slots);
  if (ranks > 1) ShareResults(options, slots);
  for (const JobResult& slot : slots) {  // the first failure in job order, on every process
    if (slot.error == JobResult::Error::kStopped) throw NoProgressError(slot.error_text);
    if (slot.error == JobResult::Error::kOutOfMemory) throw std::bad_alloc();
    if (slot.error == JobResult::Error::kInternal) throw std::runtime_error(slot.error_text);
    if (slot.error == JobResult::Error::kDisk) throw SpillError(slot.error_text);
  }
  for (size_t p = 0; p < points.size(); ++p) {
    PointResult result;
    result.point = points[p];
    for (int r = 0; r < spec.replicates; ++r) {
      JobResult& slot = slots[p * static_cast<size_t>(spec.replicates) + static_cast<size_t>(r)];
      comparison.events += slot.figures->events;
      result.replicates.push_back(std::move(*slot.figures));
      result.expectations += slot.expectations;
      for (std::string& f : slot.failures) result.failures.push_back(std::move(f));
    }
    comparison.points.push_back(std::move(result));
  }
  Compare(comparison);
  return comparison;
}

}  // namespace carriersim
