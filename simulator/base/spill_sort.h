// Records in another order than they were made, in bounded memory: ledger.csv lists fee lines by
// time, while they are charged when periods close. The records are sorted in memory when they
// fit in SpillOptions::memory; otherwise sorted runs of that size go to a spill file and are
// merged, each run read through a buffer of its share of the memory.
#ifndef CARRIERSIM_BASE_SPILL_SORT_H_
#define CARRIERSIM_BASE_SPILL_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "simulator/base/spill_log.h"

namespace carriersim {

// Hands emit(record) every record that next(&record) gives until it returns false, in the order
// of less(a, b); records equal under `less` in the order given. About options.memory bytes are
// used, twice that while a run is sorted; the spill file, if needed, is `name`, holding `what`.
template <typename T, typename Next, typename Less, typename Emit>
void SortWithin(const SpillOptions& options, const std::string& name, const std::string& what,
                Next next, Less less, Emit emit) {
  const size_t batch = std::max<uint64_t>(1, options.memory / sizeof(T));
  std::vector<T> records;
  records.reserve(std::min<size_t>(batch, 4096));
  std::vector<uint64_t> runs;  // where each sorted run starts in `sorted`
  SpillOptions buffered = options;
  buffered.memory = std::min<uint64_t>(options.memory, uint64_t{1} << 20);  // a write buffer
  SpillLog<T> sorted(buffered, name, what);
  for (bool more = true; more;) {
    records.clear();
    T record;
    while (records.size() < batch && (more = next(&record))) records.push_back(record);
    std::stable_sort(records.begin(), records.end(), less);
    if (!more && runs.empty()) {  // it all fitted: nothing goes to disk
      for (const T& r : records) emit(r);
      return;
    }
    if (records.empty()) break;
    runs.push_back(sorted.size());
    for (const T& r : records) sorted.push_back(r);
  }
  records = std::vector<T>();
  runs.push_back(sorted.size());
  // Each run's reader gets an equal share of the memory; a tie goes to the earlier run, which
  // holds the records given first.
  const size_t share = std::max<uint64_t>(sizeof(T), options.memory / (runs.size() - 1));
  std::vector<typename SpillLog<T>::Reader> readers;
  using Head = std::pair<T, size_t>;  // a run's next record, and the run
  const auto later = [&](const Head& a, const Head& b) {
    if (less(a.first, b.first)) return false;
    return less(b.first, a.first) || a.second > b.second;
  };
  std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
  for (size_t r = 0; r + 1 < runs.size(); ++r) {
    readers.emplace_back(sorted, runs[r], share);
    T first;
    if (readers.back().Next(&first)) heads.push({first, r});
  }
  while (!heads.empty()) {
    const Head head = heads.top();
    heads.pop();
    emit(head.first);
    T following;
    typename SpillLog<T>::Reader& reader = readers[head.second];
    if (reader.position() < runs[head.second + 1] && reader.Next(&following)) {
      heads.push({following, head.second});
    }
  }
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SPILL_SORT_H_
