// The fee ledger: every charge of a run, as compact records. Descriptions a person can read
// ("plan01s basic fee, 2026-03-01..2026-03-14, 14 days active") are made when reports are
// written, not stored: a year of a million SIMs makes tens of millions of lines, and a year of
// ten million SIMs more than memory should hold, so the lines past SpillOptions::memory go to a
// spill file (base/spill_log.h) and the totals are kept as the lines are charged (fee_sums.h).
#ifndef CARRIERSIM_BILLING_LEDGER_H_
#define CARRIERSIM_BILLING_LEDGER_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "simulator/base/sim_time.h"
#include "simulator/base/spill_log.h"
#include "simulator/billing/fee_line.h"
#include "simulator/billing/fee_sums.h"
#include "simulator/carrier/tariff.h"

namespace carriersim {

// A fee the reports could not count: a line, or the run's fees so far, past 2^63 - 1 micro-units.
// Thrown as the fee is charged, so that no report ever shows a wrapped amount. The loader's bound
// (scenario/fee_bound.h) rules it out for every fee but the transition fees that rules set off.
class FeeOverflow : public std::overflow_error {
 public:
  // `detail`: the fee or the sum that does not fit ("a usage fee of 3MB at ..."); `where`: the
  // SIM and the time, as the thrower can name them.
  FeeOverflow(uint32_t sim, SimTime time, const std::string& detail, const std::string& where);
  FeeOverflow(uint32_t sim, SimTime time, const std::string& detail);  // where: "SIM 3 at 2d"
  uint32_t sim() const { return sim_; }
  SimTime time() const { return time_; }
  const std::string& detail() const { return detail_; }

 private:
  uint32_t sim_;
  SimTime time_;
  std::string detail_;
};

// The fee lines of a run, kept in 24 bytes each rather than FeeLine's 32: the amount as is, and
// the time and quantity in one 64-bit word. Nearly every line is a whole-second time with a
// quantity below 2^32 (days, months, bytes of a month) or an exact time with quantity 1 (a
// transition fee); the rare line that is neither is kept whole in a log of its own. Lines are
// read back as FeeLine values: in the order charged (operator[], a Reader, range-for), or in
// ledger.csv's order (ForEachByTime).
class FeeLedger {
 private:
  // How `word` holds time and quantity, in the two high bits of `kind` (FeeLine::kind uses six).
  enum Encoding : uint8_t { kSecondsAndQuantity, kExactTime, kWhole };
  struct Packed {
    uint32_t sim;
    PlanId plan;
    uint8_t kind;  // FeeLine::kind | Encoding << 6
    StatusId status;
    int64_t micros;
    uint64_t word;
  };
  static_assert(sizeof(Packed) == 24);
  // REQUIRES: not kWhole.
  static FeeLine Unpack(const Packed& p) {
    const uint8_t kind = p.kind & 0x3f;
    if ((p.kind >> 6) == kExactTime) {
      return {p.sim, p.plan, kind, p.status, static_cast<SimTime>(p.word), p.micros, 1};
    }
    return {p.sim, p.plan, kind, p.status,
            SimTime{static_cast<int32_t>(static_cast<uint32_t>(p.word >> 32))} * 1000, p.micros,
            static_cast<int64_t>(p.word & UINT32_MAX)};
  }

 public:
  explicit FeeLedger(const SpillOptions& spill = {}, const FeeGroups& groups = {});

  void push_back(const FeeLine& line) {
    // No line is negative and their total fits, so every sum a report makes of them fits too.
    int64_t total;
    if (line.micros < 0 || __builtin_add_overflow(total_, line.micros, &total)) [[unlikely]] {
      ThrowTotalOverflow(line);
    }
    total_ = total;
    sums_.Add(line);
    Packed p{line.sim, line.plan, line.kind, line.status, line.micros, 0};  // kSecondsAndQuantity
    const bool whole_second = line.time % 1000 == 0 && line.time / 1000 >= INT32_MIN &&
                              line.time / 1000 <= INT32_MAX;
    if (whole_second && line.quantity >= 0 && line.quantity <= UINT32_MAX) {
      p.word = uint64_t{static_cast<uint32_t>(static_cast<int32_t>(line.time / 1000))} << 32 |
               static_cast<uint64_t>(line.quantity);
    } else if (line.quantity == 1) {
      p.kind |= kExactTime << 6;
      p.word = static_cast<uint64_t>(line.time);
    } else {
      p.kind |= kWhole << 6;
      p.word = whole_.size();
      whole_.push_back(line);
    }
    packed_.push_back(p);
  }
  // Line i: from memory, or read from the spill file. For a few lines; a pass uses a Reader.
  FeeLine operator[](size_t i) const {
    const Packed p = packed_[i];
    return (p.kind >> 6) == kWhole ? whole_[p.word] : Unpack(p);
  }
  size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  int64_t total() const { return total_; }  // of every line, in micro-units
  const FeeSums& sums() const { return sums_; }
  // Lines written to the spill file so far.
  uint64_t on_disk() const { return packed_.on_disk(); }
  // Writes the lines in memory to disk, if they take more than `bytes` (SpillLog::SpillIfOver).
  void SpillIfOver(uint64_t bytes) {
    packed_.SpillIfOver(bytes);
    whole_.SpillIfOver(bytes);
  }

  // Every line in the order charged, through bounded buffers.
  class Reader {
   public:
    explicit Reader(const FeeLedger& ledger)
        : packed_(ledger.packed_, 0), whole_(ledger.whole_, 0) {}
    bool Next(FeeLine* line) {
      Packed p;
      if (!packed_.Next(&p)) return false;
      if ((p.kind >> 6) != kWhole) {
        *line = Unpack(p);
        return true;
      }
      return whole_.Next(line);  // the whole lines come in the order of their packed ones
    }

   private:
    SpillLog<Packed>::Reader packed_;
    SpillLog<FeeLine>::Reader whole_;
  };
  ReadIterator<Reader, FeeLine> begin() const { return ReadIterator<Reader, FeeLine>(*this); }
  ReadEnd end() const { return {}; }

  // emit(line) for every line in ledger.csv's order: by time, then by SIM, then as charged. In
  // memory when the lines fit in SpillOptions::memory, else by sorted runs on disk (SortWithin).
  template <typename Emit>
  void ForEachByTime(Emit emit) const {
    Reader reader(*this);
    SortWithin<FeeLine>(
        spill_, ".ledger-by-time.spill", "the fee ledger, sorted by time for ledger.csv",
        [&](FeeLine* line) { return reader.Next(line); },
        [](const FeeLine& a, const FeeLine& b) {
          return a.time != b.time ? a.time < b.time : a.sim < b.sim;
        },
        emit);
  }

 private:
  [[noreturn]] void ThrowTotalOverflow(const FeeLine& line) const;

  SpillOptions spill_;
  SpillLog<Packed> packed_;
  SpillLog<FeeLine> whole_;
  FeeSums sums_;
  int64_t total_ = 0;
};

struct Ledger {
  FeeLedger lines;  // in the order they were charged
};

}  // namespace carriersim

#endif  // CARRIERSIM_BILLING_LEDGER_H_
