// `carriersim compare`: every run of a scenario family (scenario/parameters.h), added up per
// variant and sweep point, set against the baseline, with the break-even points along the
// sweep. Reports (reports/compare_*.h) read a Comparison and nothing else.
#ifndef CARRIERSIM_COMPARE_COMPARISON_H_
#define CARRIERSIM_COMPARE_COMPARISON_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/compare/figures.h"
#include "simulator/compare/statistics.h"
#include "simulator/scenario/family.h"

namespace carriersim {

// One variant at one sweep point, over its replicates.
struct PointResult {
  RunPoint point;                          // replicate 0
  std::vector<RunFigures> replicates;      // replicate k's figures
  std::vector<Estimate> fees_by_category;  // by Comparison::categories
  std::vector<Estimate> figures;           // by Figure
  // Against the baseline at the same sweep point, replicate by replicate (the same random
  // numbers: common random numbers make the difference far tighter than the two totals).
  Estimate delta_total;
  std::vector<Estimate> delta_figures;  // by Figure
  // The run's expectations (`expect:`) that failed, "replicate 2: fees.total < 100 USD: got
  // 120.00 USD", and how many were checked.
  std::vector<std::string> failures;
  size_t expectations = 0;
};

// Where a variant starts to cost less than the baseline along the first axis of the sweep.
struct BreakEven {
  size_t variant = 0;
  std::vector<size_t> where;   // the index of each later axis' value
  std::optional<size_t> from;  // the first axis' index from which it stays cheaper
  bool never = false;          // cheaper at no point
  bool always = false;         // cheaper at every point
  std::string sentence;        // in words, for every report
};

struct BreakEvenOutcome {
  const BreakEvenCheck* check = nullptr;
  bool passed = false;
  std::string actual;  // the value found, or "never"
};

struct Comparison {
  const ScenarioFamily* family = nullptr;
  std::string name;                     // the scenario's
  std::string currency;                 // of every amount
  std::vector<std::string> categories;  // fee categories of every run, in first-seen order
  std::vector<PointResult> points;      // AllRunPoints order
  std::vector<BreakEven> break_evens;
  std::vector<BreakEvenOutcome> checks;
  uint64_t events = 0;    // over every run
  size_t failed() const;  // expectations and checks that failed
};

struct CompareOptions {
  static CompareOptions OnWorkers(int jobs) {
    CompareOptions options;
    options.jobs = jobs;
    return options;
  }
  int jobs = 1;
  // Called as runs finish, from the thread that calls RunComparison, never from a worker.
  std::function<void(size_t done, size_t total)> progress;
  // Runs spread over processes (the ranks of an MPI job, simulator/mpi/): this process makes
  // the jobs whose number modulo `ranks` is `rank` (on `jobs` workers), and `all_gather` hands
  // every process the bytes each one passed it, in rank order, so that every process ends with
  // every run's figures and the same Comparison. Unset: one process makes every run.
  int rank = 0;
  int ranks = 1;
  std::function<std::vector<std::string>(const std::string& mine)> all_gather;
};

// Loads every run (errors go to `diag`, each naming its run; nullopt then), runs them on
// `jobs` workers and adds them up. The result is the same whatever the number of workers; it
// refers to `family`, which must outlive it.
std::optional<Comparison> RunComparison(const ScenarioFamily& family, const CompareOptions& options,
                                        Diagnostics& diag);

// Fills points[].delta_*, break_evens and checks of a comparison whose runs are in.
void Compare(Comparison& comparison);

}  // namespace carriersim

#endif  // CARRIERSIM_COMPARE_COMPARISON_H_
