// The questions rank 0 asks of the ranks that hold its shards (results/remote_shard_view.h):
// what the first byte of a question and of an answer mean, shared by the asking side
// (remote_shard_view.cc) and the answering side (shard_server.cc). Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_QUESTIONS_H_
#define CARRIERSIM_RESULTS_SHARD_QUESTIONS_H_

#include <cstdint>

namespace carriersim {

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

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_QUESTIONS_H_
