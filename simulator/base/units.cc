#include "simulator/base/units.h"

#include <cctype>
#include <cstdio>
#include <limits>

#include "simulator/base/diagnostics.h"
#include "simulator/base/int128.h"
#include "simulator/base/units_lexer.h"

namespace carriersim {

using units_lexer::Decimal;
using units_lexer::Trim;
using units_lexer::ReadDecimal;
using units_lexer::ReadWord;
using units_lexer::SkipSpaces;
using units_lexer::Scale;
using units_lexer::Quote;

namespace {

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
            "months and years have no fixed length, so they are not a duration here; write "
            "days (e.g. 30d, 365d)";
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

// Months and years, whole, come first; then any duration. A span adds its months, then its
// milliseconds, so "1 month 2d" and "2d 1 month" would differ at a month's end: the order is fixed.
bool ParseCalendarSpan(std::string_view text, CalendarSpan* out, std::string* error) {
  const std::string_view s = Trim(text);
  CalendarSpan span;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t next = pos;
    Decimal d;
    std::string ignored;
    if (!ReadDecimal(s, &next, &d, &ignored)) break;
    SkipSpaces(s, &next);
    const std::string_view unit = ReadWord(s, &next);
    const bool month = unit == "month" || unit == "months" || unit == "mo";
    const bool year = unit == "year" || unit == "years" || unit == "y";
    if (!month && !year) break;
    if (d.scale != 0) {
      *error = "span " + Quote(s) + ": months and years are whole numbers (write 18 months, not " +
               "1.5 years)";
      return false;
    }
    if (d.mantissa > 1200 || span.months + static_cast<int64_t>(d.mantissa) * (year ? 12 : 1) >
                                 1200) {
      *error = "span " + Quote(s) + " is too long (at most 100 years)";
      return false;
    }
    span.months += static_cast<int32_t>(d.mantissa) * (year ? 12 : 1);
    SkipSpaces(s, &next);
    pos = next;
  }
  const std::string_view rest = s.substr(pos);
  if (pos > 0 && rest.empty()) {
    *out = span;
    return true;
  }
  std::string duration_error;
  if (!ParseDuration(rest, &span.ms, &duration_error)) {
    if (duration_error.find("months and years") != 0) {
      *error = duration_error + "; or a calendar span such as '3 months' or '1 year 6 months'";
    } else if (pos > 0) {
      *error = "span " + Quote(s) + ": write months and years first, then days and smaller " +
               "units ('1 year 6 months 2d'): a span adds its months, then the rest";
    } else {
      *error = "span " + Quote(s) + ": write months and years whole and first, such as " +
               "'3 months', '1 year 6 months' or '1 month 2d'";
    }
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

}  // namespace carriersim
