// The big records of a run (status history, data sessions, fee ledger) as the reports read them:
// in the run's order, with each SIM known by its id in the whole fleet. A run on one thread has
// one log of each, read as it is. A run cut into shards (`run --threads`, results/sharded_run.h)
// has one per shard; they are merged as they are read, never copied, so that merging costs no
// disk and no time unless a report reads them.
//
// The order of the whole run is (time, order word, SIM in the whole fleet): see kDeviceOrder in
// observers/recorder.h. Within a shard the records are already in that order, and two records
// with the same key are always in the same shard, so a merge of the shards' logs is the run's.
#ifndef CARRIERSIM_RESULTS_RUN_RECORDS_H_
#define CARRIERSIM_RESULTS_RUN_RECORDS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "simulator/base/spill_log.h"
#include "simulator/billing/ledger.h"
#include "simulator/observers/session_log.h"
#include "simulator/observers/status_history.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

inline SimTime RecordTime(const StatusChange& c) { return c.time; }
inline SimTime RecordTime(const SessionRecord& r) { return r.opened; }

// `Log`: SpillLog<StatusChange> or SessionRecords; `T` its record.
template <typename Log, typename T>
class RunRecords {
 public:
  struct Part {
    const Log* log;
    const SpillLog<uint32_t>* order;  // a shard's order words; null for a whole run
    const SimDirectory* directory;    // the shard's, to name its SIMs in the whole fleet
  };
  RunRecords() = default;
  explicit RunRecords(const Log& whole) : parts_{{&whole, nullptr, nullptr}} {}
  explicit RunRecords(std::vector<Part> shards) : parts_(std::move(shards)) {}

  size_t size() const {
    size_t n = 0;
    for (const Part& p : parts_) n += p.log->size();
    return n;
  }

  // Reads the records in the run's order, each shard's through its own buffer.
  class Reader {
   public:
    Reader(const RunRecords& records, size_t) {
      for (const Part& p : records.parts_) heads_.push_back(Head(p));
      for (Head& h : heads_) h.Advance();
    }
    // At the end of the logs as they are now, false; a log that grew since gives more (a run
    // on one world, read while it goes on).
    bool Next(T* out) {
      Head* best = nullptr;
      for (Head& h : heads_) {
        if (h.done) h.Advance();
        if (h.done) continue;
        if (best == nullptr || h.Key() < best->Key()) best = &h;
      }
      if (best == nullptr) return false;
      *out = best->record;
      best->Advance();
      return true;
    }

   private:
    struct Head {
      explicit Head(const Part& p)
          : records(*p.log, 0),
            order(p.order != nullptr ? std::make_unique<SpillLog<uint32_t>::Reader>(*p.order, 0)
                                     : nullptr),
            directory(p.directory) {}
      void Advance() {
        done = !records.Next(&record);
        if (done) return;
        if (order != nullptr) order->Next(&word);
        if (directory != nullptr) record.sim = directory->GlobalSim(record.sim);
      }
      std::tuple<SimTime, uint32_t, uint32_t> Key() const {
        return {RecordTime(record), word, record.sim};
      }
      typename Log::Reader records;
      std::unique_ptr<SpillLog<uint32_t>::Reader> order;
      const SimDirectory* directory;
      T record{};
      uint32_t word = 0;
      bool done = false;
    };
    std::vector<Head> heads_;
  };
  ReadIterator<Reader, T> begin() const { return ReadIterator<Reader, T>(*this, 0); }
  ReadEnd end() const { return {}; }

 private:
  std::vector<Part> parts_;
};

using HistoryRecords = RunRecords<SpillLog<StatusChange>, StatusChange>;
using SessionRecordsOfRun = RunRecords<SessionRecords, SessionRecord>;

// The fee ledger of a run, or of its shards: every line once, SIMs by their whole-fleet ids.
class FeeRecords {
 public:
  struct Part {
    const FeeLedger* ledger;
    const SimDirectory* directory;  // the shard's; null for a whole run
  };
  FeeRecords() = default;
  FeeRecords(std::vector<Part> parts, SpillOptions spill)
      : parts_(std::move(parts)), spill_(std::move(spill)) {}

  size_t size() const;
  uint64_t on_disk() const;  // lines the shards wrote to their spill files
  // emit(line) for every line in ledger.csv's order: by time, then SIM, then as charged. A
  // SIM's lines are all in one shard, in the order charged there.
  void ForEachByTime(const std::function<void(const FeeLine&)>& emit) const;

  // Every line, for sums: each part's in the order charged there, part after part.
  class Reader {
   public:
    Reader(const FeeRecords& records, size_t) : parts_(&records.parts_) {}
    bool Next(FeeLine* line) {
      for (;;) {
        if (!reader_) {
          if (next_ == parts_->size()) return false;
          reader_.emplace(*(*parts_)[next_].ledger);
        }
        if (reader_->Next(line)) {
          const SimDirectory* directory = (*parts_)[next_].directory;
          if (directory != nullptr) line->sim = directory->GlobalSim(line->sim);
          return true;
        }
        reader_.reset();
        ++next_;
      }
    }

   private:
    const std::vector<Part>* parts_;
    size_t next_ = 0;
    std::optional<FeeLedger::Reader> reader_;
  };
  ReadIterator<Reader, FeeLine> begin() const { return ReadIterator<Reader, FeeLine>(*this, 0); }
  ReadEnd end() const { return {}; }

 private:
  std::vector<Part> parts_;
  SpillOptions spill_;  // where the shards' sorted lines wait for the merge
};

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_RUN_RECORDS_H_
