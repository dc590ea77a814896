// An append-only log of fixed-size plain records whose memory stays bounded: the newest records
// (its tail) stay in memory, and once they fill the memory the log may keep, the whole tail is
// written to the log's spill file (spill_file.h) and memory is used again from the start. A
// million-SIM year makes tens of millions of fee lines; with this, the ledger, the status history
// and the sessions cost at most SpillOptions::memory each, and the run's memory grows with its
// SIMs, not with its records.
//
// Reading is by index (operator[]: memory, or one read from the file) or, for the passes the
// reports make, sequential through a Reader with a bounded buffer, in the order appended. A
// Reader reads on as the log grows, so a reader made at the start of a run (the status census)
// sees every record (a Reader's buffer holds the records on disk as they were when it read them).
//
// A record may be patched (Update: a data session completed when it closes): at once when it
// is in memory. A patch to a record on disk is appended to a log of patches, itself spilling,
// and all of them are applied before the file is next read: sorted by record (spill sorting,
// SortWithin below), then in one pass over the file. Applied as they came, ten million sessions
// closed by a power-off, whose records lie anywhere in a file of hundreds of MB, cost a read and
// a write each; a run that never reads its sessions back (a benchmark) never applies them.
//
// SortWithin sorts a stream in bounded memory: in memory when it fits, otherwise by sorted runs
// in a spill file, then merged. ledger.csv lists fee lines by time with it.
//
// Thread safety: none; a log belongs to one run.
#ifndef CARRIERSIM_BASE_SPILL_LOG_H_
#define CARRIERSIM_BASE_SPILL_LOG_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/spill_file.h"

namespace carriersim {

// Hands emit(record) every record that next(&record) gives until it returns false, in the order
// of less(a, b); records equal under `less` in the order given (a stable sort). About
// options.memory bytes are used, twice that while a run is sorted; the spill file, if needed, is
// `name`, holding `what`.
template <typename T, typename Next, typename Less, typename Emit>
void SortWithin(const SpillOptions& options, const std::string& name, const std::string& what,
                Next next, Less less, Emit emit);

// The Patch of a log whose records are never patched.
struct NoPatch {};

// `Patch`: what Update applies to a record, patch(record).
// Range-for over anything read one record at a time by `bool Next(T*)` (a SpillLog's Reader,
// the fee ledger's): begin() builds the reader, end() is ReadEnd{}.
struct ReadEnd {};
template <typename Reader, typename T>
class ReadIterator {
 public:
  template <typename... ReaderArgs>
  explicit ReadIterator(const ReaderArgs&... args) : reader_(args...) {
    ++*this;
  }
  const T& operator*() const { return current_; }
  const T* operator->() const { return &current_; }
  ReadIterator& operator++() {
    done_ = !reader_.Next(&current_);
    return *this;
  }
  bool operator==(ReadEnd) const { return done_; }
  bool operator!=(ReadEnd) const { return !done_; }

 private:
  Reader reader_;
  T current_{};
  bool done_ = false;
};

template <typename T, typename Patch = NoPatch>
class SpillLog {
  static_assert(std::is_trivially_copyable_v<T>, "records go to disk byte for byte");
  static constexpr bool kPatched = !std::is_same_v<Patch, NoPatch>;
  struct Pending {
    uint64_t index;
    Patch patch;
  };
  // The patches waiting for records on disk, in the order made.
  using PendingLog = std::conditional_t<kPatched, SpillLog<Pending>, NoPatch>;

 public:
  // `name` and `what` name the spill file and what it holds (spill_file.h).
  explicit SpillLog(const SpillOptions& options = {}, std::string name = ".records.spill",
                    std::string what = "records")
      : options_(options),
        tail_limit_(std::max<uint64_t>(1, options.memory / sizeof(T))),
        file_(options, name, what),
        patches_(Patches(options, name, what)) {}

  void push_back(const T& record) {
    if (tail_.size() >= tail_limit_) [[unlikely]] {
      Spill();
    }
    tail_.push_back(record);
  }
  size_t size() const { return on_disk_ + tail_.size(); }
  bool empty() const { return size() == 0; }
  // Records written to the spill file so far (the oldest ones).
  uint64_t on_disk() const { return on_disk_; }

  // Empties the log; its file is written again from the start.
  void clear() {
    tail_.clear();
    on_disk_ = 0;
    if constexpr (kPatched) patches_.clear();
  }

  // Writes the records in memory to disk now, and gives their memory back, if they take more
  // than `bytes` and the log may spill: a log that will take few records more (a mass event
  // once a newer one began) need not keep its tail.
  void SpillIfOver(uint64_t bytes) {
    if (options_.memory == kNoSpill || tail_.size() * sizeof(T) <= bytes) return;
    Spill();
    tail_.release();
  }

  // Applies the patches waiting for records on disk now, rather than at the next read: a run cut
  // into shards (`run --threads`) does it on each shard's thread, before the merge reads them.
  void Settle() const {
    if constexpr (kPatched) {
      if (!patches_.empty()) ApplyPatches();
    }
  }

  // Record i, from memory or with one read of the file: for a few records at random (the live
  // APIs, tests). A pass over many records uses a Reader.
  T operator[](size_t i) const {
    if (i >= on_disk_) return tail_[i - on_disk_];
    T record;
    ReadFromDisk(i, 1, &record);
    return record;
  }
  T back() const { return (*this)[size() - 1]; }

  // Applies `patch` to record i (i < size()): now, or before the file is next read.
  void Update(size_t i, const Patch& patch) {
    static_assert(kPatched, "a log of records that are never patched");
    if (i >= on_disk_) {
      patch(tail_[i - on_disk_]);
      return;
    }
    patches_.push_back({i, patch});
  }

  // Reads the log in order from record `from`, through a buffer of at most `buffer_bytes` (at
  // least one record; by default the smaller of 1 MB and the log's memory).
  class Reader {
   public:
    Reader(const SpillLog& log, size_t from, size_t buffer_bytes = 0)
        : log_(&log),
          next_(from),
          capacity_(std::max<size_t>(
              1, (buffer_bytes > 0 ? buffer_bytes
                                   : std::min<uint64_t>(log.options_.memory, uint64_t{1} << 20)) /
                     sizeof(T))) {}
    // The next record, or false at the end of the log as it is now.
    bool Next(T* out) {
      if (next_ >= log_->size()) return false;
      if (next_ >= log_->on_disk_) {
        *out = log_->tail_[next_ - log_->on_disk_];
      } else {
        if (next_ < first_ || next_ >= first_ + count_) Fill();
        *out = buffer_[next_ - first_];
      }
      ++next_;
      return true;
    }
    size_t position() const { return next_; }

   private:
    void Fill() {
      if (!buffer_) buffer_ = std::make_unique_for_overwrite<T[]>(capacity_);
      first_ = next_;
      count_ = std::min<uint64_t>(capacity_, log_->on_disk_ - next_);
      log_->ReadFromDisk(first_, count_, buffer_.get());
    }

    const SpillLog* log_;
    size_t next_;
    size_t capacity_;
    std::unique_ptr<T[]> buffer_;  // records [first_, first_ + count_) of the file
    size_t first_ = 0;
    size_t count_ = 0;
  };

  // Range-for over the whole log, by a Reader.
  ReadIterator<Reader, T> begin() const { return ReadIterator<Reader, T>(*this, 0); }
  ReadEnd end() const { return {}; }

 private:
  static PendingLog Patches(SpillOptions options, const std::string& name,
                            const std::string& what) {
    if constexpr (kPatched) {
      if (options.memory != kNoSpill) options.memory /= 4;  // they come a few at a time
      return PendingLog(options, name + "-patches", "the patches to " + what);
    } else {
      return {};
    }
  }

  void Spill() {
    const uint64_t offset = on_disk_ * sizeof(T);
    size_t done = 0;
    for (size_t c = 0; done < tail_.size(); ++c) {
      const size_t n = std::min(tail_.size() - done, decltype(tail_)::kChunk);
      file_.Write(offset + done * sizeof(T), tail_.chunk(c), n * sizeof(T));
      done += n;
    }
    on_disk_ += tail_.size();
    tail_.clear();
  }

  void ReadFromDisk(uint64_t first, size_t count, T* out) const {
    if constexpr (kPatched) {
      if (!patches_.empty()) ApplyPatches();
    }
    file_.Read(first * sizeof(T), out, count * sizeof(T));
  }

  // Sorted by record, the patches of one record in the order made, then applied in one pass
  // over the file, a block at a time.
  void ApplyPatches() const {
    const size_t capacity =
        std::max<size_t>(1, std::min<uint64_t>(options_.memory, uint64_t{1} << 20) / sizeof(T));
    std::vector<T> block;
    uint64_t first = 0;
    const auto write_back = [&] {
      if (!block.empty()) file_.Write(first * sizeof(T), block.data(), block.size() * sizeof(T));
    };
    typename PendingLog::Reader reader(patches_, 0);
    SortWithin<Pending>(
        options_, file_.name().substr(options_.name_prefix.size()) + "-patches-sorted",
        "the patches to " + file_.what(),
        [&](Pending* p) { return reader.Next(p); },
        [](const Pending& a, const Pending& b) { return a.index < b.index; },
        [&](const Pending& p) {
          if (block.empty() || p.index >= first + block.size()) {
            write_back();
            first = p.index;
            block.resize(std::min<uint64_t>(capacity, on_disk_ - first));
            file_.Read(first * sizeof(T), block.data(), block.size() * sizeof(T));
          }
          p.patch(block[p.index - first]);
        });
    write_back();
    patches_.clear();
  }

  SpillOptions options_;
  uint64_t tail_limit_;    // records
  ChunkedVector<T> tail_;  // records [on_disk_, size())
  uint64_t on_disk_ = 0;
  // Applying the patches changes no record as a reader sees it, so a const log may do it.
  mutable SpillFile file_;
  mutable PendingLog patches_;
};

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

// Hands emit(record) every record of `logs`, each already in the order of less(a, b), in that
// order; records equal under `less` in the order of the logs given (a stable merge). For a few
// logs (the shards of a run): each record is compared with every log's next.
template <typename T, typename Patch, typename Less, typename Emit>
void MergeSorted(const std::vector<const SpillLog<T, Patch>*>& logs, Less less, Emit emit) {
  struct Head {
    typename SpillLog<T, Patch>::Reader reader;
    T next{};
    bool done = false;
    void Advance() { done = !reader.Next(&next); }
  };
  std::vector<Head> heads;
  for (const SpillLog<T, Patch>* log : logs) heads.push_back(Head{{*log, 0}});
  for (Head& h : heads) h.Advance();
  for (;;) {
    Head* best = nullptr;
    for (Head& h : heads) {
      if (!h.done && (best == nullptr || less(h.next, best->next))) best = &h;
    }
    if (best == nullptr) return;
    emit(best->next);
    best->Advance();
  }
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SPILL_LOG_H_
