// Text <-> value for the units scenario files are written in. Each parser returns false and sets
// *error to a message that names the expected form; the caller adds the file position.
//
//   duration   "500ms" "10s" "12m" "3h" "90d" "2w" "1d 6h" "1.5h" "0"       -> SimTime (ms)
//   range      "10s" "5s..30s"                             -> uniform [min, max]
//   span       "3 months" "1 year 6 months" "1 month 2d" "72h" -> calendar months + ms
//   data size  "512B" "250KB" "1.5MB" "2GB" "0"  (1 KB = 1024 B, as carriers bill) -> bytes
//   money      "0.06 USD"                                  -> integer micro-units + currency
//   fraction   "25%" "0.25"                                -> double in [0, 1]
//   rate       "50/s" "3000/min" "10/5m"                   -> count per period
//   count      "10" "1_000_000"                            -> int64
#ifndef CARRIERSIM_BASE_UNITS_H_
#define CARRIERSIM_BASE_UNITS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/base/currency.h"
#include "simulator/base/sim_time.h"

namespace carriersim {

struct Money {
  int64_t micros = 0;  // 1 USD = 1,000,000 micros: exact for every price carriers publish
  Currency currency;
  friend bool operator==(const Money&, const Money&) = default;
};

// A duration drawn uniformly from [min, max] each time it is used; min == max for a fixed one.
struct DurationRange {
  SimTime min = 0;
  SimTime max = 0;
  friend bool operator==(const DurationRange&, const DurationRange&) = default;
};

// A span of calendar time: `months` calendar months, then `ms` milliseconds. Carriers count in
// months ("free for the first 2 months", "after 3 months"), which have no fixed length.
struct CalendarSpan {
  int32_t months = 0;
  SimTime ms = 0;
  bool empty() const { return months == 0 && ms == 0; }
  friend bool operator==(const CalendarSpan&, const CalendarSpan&) = default;
};

struct Rate {
  double count = 0;  // this many events
  SimTime per = 0;   // per this many milliseconds (> 0)
  double PerSecond() const { return count * 1000.0 / static_cast<double>(per); }
};

bool ParseDuration(std::string_view text, SimTime* out, std::string* error);
// "3 months", "1 year" (12 months), "2 years", "1 year 6 months", any duration ("72h", "30d"), or
// months and years followed by a duration ("1 month 2d"): whole months and years, first.
bool ParseCalendarSpan(std::string_view text, CalendarSpan* out, std::string* error);
// "10s" (fixed) or "5s..30s" (uniform between the two, inclusive).
bool ParseDurationRange(std::string_view text, DurationRange* out, std::string* error);
bool ParseDataSize(std::string_view text, int64_t* bytes, std::string* error);
bool ParseMoney(std::string_view text, Money* out, std::string* error);
bool ParseFraction(std::string_view text, double* out, std::string* error);
bool ParseRate(std::string_view text, Rate* out, std::string* error);
bool ParseCount(std::string_view text, int64_t* out, std::string* error);
// "2" or "1.5" as thousandths (2000, 1500): a back-off multiplier, from 1 to 100.
bool ParseMultiplier(std::string_view text, int64_t* milli, std::string* error);

// Canonical text that the parsers read back to the same value: "1d 6h", "1.5MB", "0.06 USD".
std::string FormatDuration(SimTime ms);
std::string FormatDurationRange(const DurationRange& range);
std::string FormatCalendarSpan(const CalendarSpan& span);
std::string FormatDataSize(int64_t bytes);
// For people, not for parsing back: three significant digits, "9.36MB".
std::string FormatDataSizeApprox(int64_t bytes);
std::string FormatMoney(const Money& money);
// An amount in micro-units as a decimal, cents always, then what matters: 1234567 -> "1.234567",
// 600000 -> "0.60", -5 -> "-0.000005".
std::string FormatAmount(int64_t micros);
void AppendAmount(std::string& out, int64_t micros);
// For people: a count with thousands separators, 1234567 -> "1,234,567".
std::string FormatCount(int64_t n);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_UNITS_H_
