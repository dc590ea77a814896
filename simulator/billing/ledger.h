// The fee ledger: every charge of a run, as compact records. Descriptions a person can read
// ("plan01s basic fee, 2026-03-01..2026-03-14, 14 days active") are made when reports are
// written, not stored: a year of a million SIMs makes tens of millions of lines.
#ifndef CARRIERSIM_BILLING_LEDGER_H_
#define CARRIERSIM_BILLING_LEDGER_H_

#include <cstdint>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "simulator/base/chunked_vector.h"
#include "simulator/base/sim_time.h"
#include "simulator/carrier/tariff.h"

namespace carriersim {

enum class FeeUnit : uint8_t { kDay, kMonth, kOnce, kByte };

struct FeeLine {
  uint32_t sim;
  PlanId plan;       // in the profile of the SIM's carrier
  uint8_t kind;      // category | unit << 4
  StatusId status;   // the status charged (basic fees) or entered (transition fees)
  SimTime time;      // start of the first day or month charged, or when the fee was due
  int64_t micros;    // amount, in the scenario's currency
  int64_t quantity;  // days, months, 1, or billable bytes

  FeeCategory category() const { return static_cast<FeeCategory>(kind & 0xf); }
  FeeUnit unit() const { return static_cast<FeeUnit>(kind >> 4); }
};
static_assert(sizeof(FeeLine) == 32);

inline FeeLine MakeFeeLine(uint32_t sim, PlanId plan, FeeCategory category, FeeUnit unit,
                           StatusId status, SimTime time, int64_t micros, int64_t quantity) {
  return FeeLine{
      sim,
      plan,
      static_cast<uint8_t>(static_cast<uint8_t>(category) | (static_cast<uint8_t>(unit) << 4)),
      status,
      time,
      micros,
      quantity};
}

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
// transition fee); the rare line that is neither is kept whole on the side. Lines are read back
// as FeeLine values.
class FeeLedger {
 public:
  void push_back(const FeeLine& line) {
    // No line is negative and their total fits, so every sum a report makes of them fits too.
    int64_t total;
    if (line.micros < 0 || __builtin_add_overflow(total_, line.micros, &total)) [[unlikely]] {
      ThrowTotalOverflow(line);
    }
    total_ = total;
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
      p.kind |= kSpilled << 6;
      p.word = spilled_.size();
      spilled_.push_back(line);
    }
    packed_.push_back(p);
  }
  FeeLine operator[](size_t i) const {
    const Packed& p = packed_[i];
    const uint8_t kind = p.kind & 0x3f;
    switch (p.kind >> 6) {
      case kExactTime:
        return {p.sim, p.plan, kind, p.status, static_cast<SimTime>(p.word), p.micros, 1};
      case kSpilled:
        return spilled_[p.word];
      default:
        return {p.sim, p.plan, kind, p.status,
                SimTime{static_cast<int32_t>(static_cast<uint32_t>(p.word >> 32))} * 1000,
                p.micros, static_cast<int64_t>(p.word & UINT32_MAX)};
    }
  }
  size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  int64_t total() const { return total_; }  // of every line, in micro-units

  class Iterator {
   public:
    Iterator(const FeeLedger* ledger, size_t i) : ledger_(ledger), i_(i) {}
    FeeLine operator*() const { return (*ledger_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const FeeLedger* ledger_;
    size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

 private:
  // How `word` holds time and quantity, in the two high bits of `kind` (FeeLine::kind uses six).
  enum Encoding : uint8_t { kSecondsAndQuantity, kExactTime, kSpilled };
  struct Packed {
    uint32_t sim;
    PlanId plan;
    uint8_t kind;  // FeeLine::kind | Encoding << 6
    StatusId status;
    int64_t micros;
    uint64_t word;
  };
  static_assert(sizeof(Packed) == 24);
  [[noreturn]] void ThrowTotalOverflow(const FeeLine& line) const;
  ChunkedVector<Packed> packed_;
  std::vector<FeeLine> spilled_;
  int64_t total_ = 0;
};

struct Ledger {
  FeeLedger lines;  // in the order they were charged
};

}  // namespace carriersim

#endif  // CARRIERSIM_BILLING_LEDGER_H_
