#include "simulator/base/units.h"

#include <cctype>
#include <cstdio>
#include <limits>

#include "simulator/base/diagnostics.h"
#include "simulator/base/int128.h"

namespace carriersim {
namespace {

// A non-negative decimal as written: value = mantissa / 10^scale. Exact, unlike a double.
struct Decimal {
  uint64_t mantissa = 0;
  int scale = 0;
};

constexpr int kMaxDigits = 18;  // 10^18 < 2^63: any such mantissa fits an int64

Int128 Pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Reads digits[.digits] at *pos. Fails without consuming anything when there is no digit.
bool ReadDecimal(std::string_view s, size_t* pos, Decimal* out, std::string* error) {
  size_t i = *pos;
  if (i >= s.size() || !IsDigit(s[i])) return false;
  Decimal d;
  int digits = 0;
  bool in_fraction = false;
  for (; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      if (d.mantissa != 0 || s[i] != '0') ++digits;
      if (digits > kMaxDigits) {
        *error = "too many digits in " + Quoted(s);
        return false;
      }
      d.mantissa = d.mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      if (in_fraction && ++d.scale > kMaxDigits) {
        // Leading zeros of a fraction do not count as digits above, but they do scale it: an
        // unbounded scale would overflow the divisor.
        *error = "too many decimal places in " + Quoted(s);
        return false;
      }
    } else if (s[i] == '.' && !in_fraction && i + 1 < s.size() && IsDigit(s[i + 1])) {
      in_fraction = true;
    } else {
      break;
    }
  }
  *pos = i;
  *out = d;
  return true;
}

std::string_view ReadWord(std::string_view s, size_t* pos) {
  const size_t start = *pos;
  while (*pos < s.size() && IsAlpha(s[*pos])) ++*pos;
  return s.substr(start, *pos - start);
}

void SkipSpaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t')) ++*pos;
}

struct Unit {
  std::string_view name;
  int64_t factor;
};

constexpr Unit kDurationUnits[] = {{"ms", 1},    {"s", kSecond}, {"m", kMinute}, {"min", kMinute},
                                   {"h", kHour}, {"d", kDay},    {"w", kWeek}};
constexpr std::string_view kDurationUnitNames[] = {"ms", "s", "m", "min", "h", "d", "w"};
constexpr std::string_view kCalendarUnits[] = {"mo", "mon", "month", "months",
                                               "y",  "yr",  "year",  "years"};
constexpr std::string_view kSubMillisecondUnits[] = {"us", "ns"};

constexpr Unit kSizeUnits[] = {{"B", 1},
                               {"KB", int64_t{1} << 10},
                               {"kB", int64_t{1} << 10},
                               {"KiB", int64_t{1} << 10},
                               {"MB", int64_t{1} << 20},
                               {"MiB", int64_t{1} << 20},
                               {"GB", int64_t{1} << 30},
                               {"GiB", int64_t{1} << 30},
                               {"TB", int64_t{1} << 40},
                               {"TiB", int64_t{1} << 40}};
constexpr std::string_view kSizeUnitNames[] = {"B", "KB", "MB", "GB", "TB"};
constexpr std::string_view kBitUnits[] = {"b",    "bit", "bits", "kb", "Kb",
                                          "kbit", "Mb",  "Mbit", "Gb", "Gbit"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  for (std::string_view w : list) {
    if (w == word) return true;
  }
  return false;
}

template <size_t N>
const Unit* FindUnit(const Unit (&units)[N], std::string_view name) {
  for (const Unit& u : units) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

// mantissa * factor / 10^scale as an int64, rounding half up; false on overflow.
bool Scale(const Decimal& d, int64_t factor, int64_t* out, bool* exact) {
  const Int128 numerator = static_cast<Int128>(d.mantissa) * factor;
  const Int128 divisor = Pow10(d.scale);
  Int128 q = numerator / divisor;
  const Int128 r = numerator % divisor;
  *exact = r == 0;
  if (2 * r >= divisor) ++q;
  if (q > std::numeric_limits<int64_t>::max()) return false;
  *out = static_cast<int64_t>(q);
  return true;
}

std::string Quote(std::string_view s) { return Quoted(s); }

}  // namespace

bool ParseDuration(std::string_view text, SimTime* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a duration such as 500ms, 10s, 12m, 3h, 90d or 1d 6h";
  if (s.empty()) {
    *error = "empty duration; " + form;
    return false;
  }
  if (s.front() == '-') {
    *error = Quote(s) + " is negative; durations cannot be negative";
    return false;
  }
  if (s == "0") {
    *out = 0;
    return true;
  }
  Int128 total = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    Decimal d;
    if (!ReadDecimal(s, &pos, &d, error)) {
      if (error->empty()) *error = "bad duration " + Quote(s) + "; " + form;
      return false;
    }
    SkipSpaces(s, &pos);
    const std::string_view unit_name = ReadWord(s, &pos);
    if (unit_name.empty() && (pos == s.size() || s[pos] == ' ')) {
      *error = "duration " + Quote(s) + " has a number without a unit; write e.g. 10s (units: " +
               QuotedList(kDurationUnitNames) + ")";
      return false;
    }
    const Unit* unit = FindUnit(kDurationUnits, unit_name);
    if (unit == nullptr) {
      if (Contains(kCalendarUnits, unit_name)) {
        *error =
            "months and years have no fixed length; write days (e.g. 365d), or use a "
            "calendar date";
      } else if (Contains(kSubMillisecondUnits, unit_name)) {
        *error = "the simulation clock counts whole milliseconds; use ms or larger units";
      } else if (unit_name.empty()) {
        *error = "bad duration " + Quote(s) + "; " + form;
      } else {
        *error = "unknown duration unit " + Quote(unit_name) + " in " + Quote(s) +
                 DidYouMean(unit_name, kDurationUnitNames) + "; units are " +
                 QuotedList(kDurationUnitNames);
      }
      return false;
    }
    int64_t ms = 0;
    bool exact = false;
    if (!Scale(d, unit->factor, &ms, &exact)) {
      *error = "duration " + Quote(s) + " is too long";
      return false;
    }
    if (!exact) {
      *error = "duration " + Quote(s) +
               " is not a whole number of milliseconds (the simulation clock's resolution)";
      return false;
    }
    total += ms;
    if (total > static_cast<Int128>(100) * 366 * kDay) {
      *error = "duration " + Quote(s) + " is too long (at most 100 years)";
      return false;
    }
    SkipSpaces(s, &pos);
  }
  *out = static_cast<SimTime>(total);
  return true;
}

bool ParseCalendarSpan(std::string_view text, CalendarSpan* out, std::string* error) {
  const std::string_view s = Trim(text);
  size_t pos = 0;
  Decimal d;
  std::string ignored;
  if (ReadDecimal(s, &pos, &d, &ignored) && d.scale == 0) {
    size_t unit_pos = pos;
    SkipSpaces(s, &unit_pos);
    const std::string_view unit = ReadWord(s, &unit_pos);
    const bool month = unit == "month" || unit == "months" || unit == "mo";
    const bool year = unit == "year" || unit == "years" || unit == "y";
    if ((month || year) && unit_pos == s.size()) {
      if (d.mantissa > 1200) {
        *error = "span " + Quote(s) + " is too long (at most 100 years)";
        return false;
      }
      *out = CalendarSpan{static_cast<int32_t>(d.mantissa) * (year ? 12 : 1), 0};
      return true;
    }
  }
  CalendarSpan span;
  std::string duration_error;
  if (!ParseDuration(s, &span.ms, &duration_error)) {
    *error = duration_error.find("months and years") == 0
                 ? "write calendar spans as '3 months' or '1 year', on their own"
                 : duration_error + "; or a calendar span such as '3 months' or '1 year'";
    return false;
  }
  *out = span;
  return true;
}

bool ParseDurationRange(std::string_view text, DurationRange* out, std::string* error) {
  const std::string_view s = Trim(text);
  const size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    if (!ParseDuration(s, &out->min, error)) return false;
    out->max = out->min;
    return true;
  }
  if (!ParseDuration(s.substr(0, dots), &out->min, error) ||
      !ParseDuration(s.substr(dots + 2), &out->max, error)) {
    *error = "in range " + Quote(s) + ": " + *error;
    return false;
  }
  if (out->max < out->min) {
    *error = "range " + Quote(s) + " ends before it starts";
    return false;
  }
  return true;
}

bool ParseDataSize(std::string_view text, int64_t* bytes, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a data size such as 512B, 250KB, 1.5MB or 2GB";
  if (s.empty()) {
    *error = "empty data size; " + form;
    return false;
  }
  if (s.front() == '-') {
    *error = Quote(s) + " is negative; data sizes cannot be negative";
    return false;
  }
  if (s == "0") {
    *bytes = 0;
    return true;
  }
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error)) {
    if (error->empty()) *error = "bad data size " + Quote(s) + "; " + form;
    return false;
  }
  SkipSpaces(s, &pos);
  const std::string_view unit_name = ReadWord(s, &pos);
  if (pos != s.size()) {
    *error = "bad data size " + Quote(s) + "; " + form;
    return false;
  }
  if (unit_name.empty()) {
    *error = "data size " + Quote(s) + " has no unit; write e.g. " + Excerpt(s) + "B or " +
             Excerpt(s) + "KB (1 KB = 1024 B)";
    return false;
  }
  const Unit* unit = FindUnit(kSizeUnits, unit_name);
  if (unit == nullptr) {
    if (Contains(kBitUnits, unit_name)) {
      *error = Quote(unit_name) + " is a unit of bits; data sizes are in bytes (" +
               QuotedList(kSizeUnitNames) + ")";
    } else {
      *error = "unknown data size unit " + Quote(unit_name) + " in " + Quote(s) +
               DidYouMean(unit_name, kSizeUnitNames) + "; units are " + QuotedList(kSizeUnitNames);
    }
    return false;
  }
  bool exact = false;
  if (!Scale(d, unit->factor, bytes, &exact)) {
    *error = "data size " + Quote(s) + " is too large";
    return false;
  }
  return true;
}

bool ParseMoney(std::string_view text, Money* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected an amount and an ISO 4217 currency, such as '0.06 USD'";
  if (s.empty()) {
    *error = "empty amount; " + form;
    return false;
  }
  if (s.front() == '-') {
    *error = "amount " + Quote(s) + " is negative; prices cannot be negative";
    return false;
  }
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error)) {
    if (error->empty()) *error = "bad amount " + Quote(s) + "; " + form;
    return false;
  }
  if (d.scale > 6) {
    *error =
        "amount " + Quote(s) + " has more than 6 decimal places (money is counted in millionths)";
    return false;
  }
  SkipSpaces(s, &pos);
  const std::string_view code = s.substr(pos);
  if (code.empty()) {
    *error = "amount " + Quote(s) + " has no currency; " + form;
    return false;
  }
  if (!LookUpCurrency(code, &out->currency)) {
    *error = "unknown currency " + Quote(code) + SuggestCurrency(code) +
             "; use an ISO 4217 code such as USD, EUR or JPY";
    return false;
  }
  bool exact = false;
  if (!Scale(d, 1'000'000, &out->micros, &exact)) {
    *error = "amount " + Quote(s) + " is too large";
    return false;
  }
  return true;
}

bool ParseFraction(std::string_view text, double* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a percentage such as 25% or a fraction such as 0.25";
  if (!s.empty() && s.front() == '-') {
    *error = Quote(s) + " is negative; " + form;
    return false;
  }
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error)) {
    if (error->empty()) *error = "bad fraction " + Quote(s) + "; " + form;
    return false;
  }
  int scale = d.scale;
  if (pos < s.size() && s[pos] == '%') {
    scale += 2;
    ++pos;
  }
  if (pos != s.size()) {
    *error = "bad fraction " + Quote(s) + "; " + form;
    return false;
  }
  // One IEEE division of two exactly representable numbers: correctly rounded everywhere.
  *out = static_cast<double>(d.mantissa) / static_cast<double>(Pow10(scale));
  if (*out > 1.0) {
    *error = Quote(s) + " is more than 100%";
    return false;
  }
  return true;
}

bool ParseRate(std::string_view text, Rate* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a rate such as 50/s, 3000/min or 10/5m";
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) {
    *error = "bad rate " + Quote(s) + "; " + form;
    return false;
  }
  const std::string_view count_text = Trim(s.substr(0, slash));
  std::string_view period_text = Trim(s.substr(slash + 1));
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(count_text, &pos, &d, error) || pos != count_text.size()) {
    if (error->empty()) *error = "bad rate " + Quote(s) + "; " + form;
    return false;
  }
  std::string period_with_count(period_text);
  if (!period_text.empty() && IsAlpha(period_text.front())) period_with_count.insert(0, "1");
  std::string period_error;
  if (!ParseDuration(period_with_count, &out->per, &period_error)) {
    *error = "bad period in rate " + Quote(s) + ": " + period_error;
    return false;
  }
  if (out->per <= 0) {
    *error = "rate " + Quote(s) + " has a zero period";
    return false;
  }
  out->count = static_cast<double>(d.mantissa) / static_cast<double>(Pow10(d.scale));
  return true;
}

bool ParseMultiplier(std::string_view text, int64_t* milli, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a factor such as 2 or 1.5 (from 1 to 100, at most 3 decimals)";
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error) || pos != s.size() || d.scale > 3) {
    *error = "bad factor " + Quote(s) + "; " + form;
    return false;
  }
  const Int128 value = Int128{d.mantissa} * Pow10(3 - d.scale);
  if (value < 1000 || value > 100'000) {
    *error = "factor " + Quote(s) + " is out of range; " + form;
    return false;
  }
  *milli = static_cast<int64_t>(value);
  return true;
}

bool ParseCount(std::string_view text, int64_t* out, std::string* error) {
  const std::string_view s = Trim(text);
  if (!s.empty() && s.front() == '-') {
    *error = Quote(s) + " is negative; expected a whole number such as 10 or 1_000_000";
    return false;
  }
  Int128 value = 0;
  bool digit_before = false;
  for (char c : s) {
    if (IsDigit(c)) {
      value = value * 10 + (c - '0');
      digit_before = true;
      if (value > std::numeric_limits<int64_t>::max()) {
        *error = Quote(s) + " is too large";
        return false;
      }
    } else if (c == '_' && digit_before) {
      digit_before = false;
    } else {
      *error = "expected a whole number such as 10 or 1_000_000, not " + Quote(s);
      return false;
    }
  }
  if (!digit_before) {
    *error = "expected a whole number such as 10 or 1_000_000, not " + Quote(s);
    return false;
  }
  *out = static_cast<int64_t>(value);
  return true;
}

}  // namespace carriersim
