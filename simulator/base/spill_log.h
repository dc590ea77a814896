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
// A record may be patched (Update: a data session completed when it closes): at once when it is
// in memory; when it is on disk, the patch waits in a bounded batch that is applied in index
// order, reading and writing back a whole region at a time where the batch is dense (a mass
// power-off closes sessions that opened together), before any read of the file.
//
// Thread safety: none; a log belongs to one run.
#ifndef CARRIERSIM_BASE_SPILL_LOG_H_
#define CARRIERSIM_BASE_SPILL_LOG_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/spill_file.h"

namespace carriersim {

// A patch that replaces the whole record.
template <typename T>
struct Overwrite {
  T record;
  void operator()(T& r) const { r = record; }
};

// `Patch`: what Update applies to a record, patch(record).
template <typename T, typename Patch = Overwrite<T>>
class SpillLog {
  static_assert(std::is_trivially_copyable_v<T>, "records go to disk byte for byte");

 public:
  // `name` and `what` name the spill file and what it holds (spill_file.h).
  explicit SpillLog(const SpillOptions& options = {}, std::string name = ".records.spill",
                    std::string what = "records")
      : memory_(options.memory),
        tail_limit_(std::max<uint64_t>(1, options.memory / sizeof(T))),
        patch_limit_(std::max<uint64_t>(1, options.memory / 8 / sizeof(Pending))),
        file_(options, std::move(name), std::move(what)) {}

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

  // Record i, from memory or with one read of the file: for a few records at random (the live
  // APIs, tests). A pass over many records uses a Reader.
  T operator[](size_t i) const {
    if (i >= on_disk_) return tail_[i - on_disk_];
    T record;
    ReadFromDisk(i, 1, &record);
    return record;
  }
  T back() const { return (*this)[size() - 1]; }

  // Applies `patch` to record i (i < size()).
  void Update(size_t i, const Patch& patch) {
    if (i >= on_disk_) {
      patch(tail_[i - on_disk_]);
      return;
    }
    patches_.push_back({i, patch});
    if (patches_.size() >= patch_limit_) ApplyPatches();
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
                                   : std::min<uint64_t>(log.memory_, uint64_t{1} << 20)) /
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
  struct End {};
  class Iterator {
   public:
    explicit Iterator(const SpillLog& log) : reader_(log, 0) { ++*this; }
    const T& operator*() const { return current_; }
    const T* operator->() const { return &current_; }
    Iterator& operator++() {
      done_ = !reader_.Next(&current_);
      return *this;
    }
    bool operator==(End) const { return done_; }
    bool operator!=(End) const { return !done_; }

   private:
    Reader reader_;
    T current_{};
    bool done_ = false;
  };
  Iterator begin() const { return Iterator(*this); }
  End end() const { return {}; }

 private:
  struct Pending {
    uint64_t index;
    Patch patch;
  };
  // Patches closer than this many bytes apart are applied to the region between them, read and
  // written back whole; farther apart, to their records one by one.
  static constexpr size_t kRegionGap = 4096;
  static constexpr size_t kRegionRecords = std::max<size_t>(1, (size_t{64} << 10) / sizeof(T));

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
    if (!patches_.empty()) ApplyPatches();
    file_.Read(first * sizeof(T), out, count * sizeof(T));
  }

  // In index order, the patches of one record in the order made.
  void ApplyPatches() const {
    std::stable_sort(patches_.begin(), patches_.end(),
                     [](const Pending& a, const Pending& b) { return a.index < b.index; });
    for (size_t i = 0; i < patches_.size();) {
      size_t j = i + 1;
      while (j < patches_.size() && patches_[j].index - patches_[i].index < kRegionRecords &&
             (patches_[j].index - patches_[j - 1].index) * sizeof(T) <= kRegionGap) {
        ++j;
      }
      const uint64_t first = patches_[i].index;
      const size_t count = patches_[j - 1].index - first + 1;
      if (region_.size() < count) region_.resize(count);
      file_.Read(first * sizeof(T), region_.data(), count * sizeof(T));
      for (size_t k = i; k < j; ++k) patches_[k].patch(region_[patches_[k].index - first]);
      file_.Write(first * sizeof(T), region_.data(), count * sizeof(T));
      i = j;
    }
    patches_.clear();
  }

  uint64_t memory_;
  uint64_t tail_limit_;    // records
  uint64_t patch_limit_;   // patches waiting: an eighth of the memory
  ChunkedVector<T> tail_;  // records [on_disk_, size())
  uint64_t on_disk_ = 0;
  // Applying the patches changes no record as a reader sees it, so a const log may do it.
  mutable SpillFile file_;
  mutable std::vector<Pending> patches_;
  mutable std::vector<T> region_;  // a region read to apply patches to it
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SPILL_LOG_H_
