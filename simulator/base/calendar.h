// UTC calendar arithmetic: civil dates, day and month boundaries, ISO 8601 text.
//
// Billing closes invoices per calendar month and fees are computed per day, so every boundary is
// computed here, once, in UTC. The civil-date conversions are Howard Hinnant's public-domain
// algorithms (http://howardhinnant.github.io/date_algorithms.html): exact for the proleptic
// Gregorian calendar, no tables, no time-zone database.
#ifndef CARRIERSIM_BASE_CALENDAR_H_
#define CARRIERSIM_BASE_CALENDAR_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"

namespace carriersim {

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

struct CivilDateTime {
  CivilDate date;
  int hour, minute, second, millisecond;
};

// Days since 1970-01-01 for a civil date, and back.
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);

int DaysInMonth(int64_t year, int month);
bool IsLeapYear(int64_t year);

CivilDateTime ToCivil(UnixMillis t);
UnixMillis FromCivil(const CivilDateTime& c);

// 00:00:00.000 of the day containing t, and of the next day.
UnixMillis StartOfDay(UnixMillis t);
UnixMillis StartOfNextDay(UnixMillis t);
// 00:00 on the 1st of the month containing t, and of the next month.
UnixMillis StartOfMonth(UnixMillis t);
UnixMillis StartOfNextMonth(UnixMillis t);
// Same time of day, `months` calendar months later (or earlier when negative). The day of month
// is clamped to the target month's length: 31 Jan + 1 month = 28 (or 29) Feb, as carriers do.
UnixMillis AddMonths(UnixMillis t, int64_t months);

// t plus a calendar span: months first (clamped as AddMonths does), then milliseconds.
UnixMillis AddSpan(UnixMillis t, const CalendarSpan& span);

// t minus a calendar span: months back first (clamped as AddMonths does), then milliseconds.
UnixMillis SubtractSpan(UnixMillis t, const CalendarSpan& span);

// Days and months since the Unix epoch: the units daily and monthly fees are counted in.
int64_t DayIndex(UnixMillis t);
int64_t MonthIndex(UnixMillis t);
UnixMillis StartOfMonthIndex(int64_t month);

// Parses "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.250Z", "2026-01-01T09:00:00+09:00" or a
// plain date "2026-01-01" (midnight UTC). On failure returns nullopt and sets *error.
std::optional<UnixMillis> ParseTimestamp(std::string_view text, std::string* error);

// A date-time (as ParseTimestamp reads it), alone or plus or minus a calendar span (as
// ParseCalendarSpan reads it, 0 included): "2026-11-01", "2026-11-01 + 5 months",
// "2026-11-01T00:00:00Z - 9d". The operator follows a space. On failure returns nullopt and sets
// *error.
std::optional<UnixMillis> ParseTimeExpression(std::string_view text, std::string* error);

// "2026-01-01T00:00:00Z"; milliseconds are shown only when not zero.
std::string FormatTimestamp(UnixMillis t);
// "2026-01-01".
std::string FormatDate(UnixMillis t);
// The same, appended to `out`.
void AppendTimestamp(std::string& out, UnixMillis t);
void AppendDate(std::string& out, UnixMillis t);

// Month lookups by table, for the calendar arithmetic a run does millions of times (usage split
// by month, monthly fees, invoices): the days of [from, to) map to their month directly; other
// times are computed.
class MonthTable {
 public:
  MonthTable(UnixMillis from, UnixMillis to);
  int64_t Index(UnixMillis t) const {
    const int64_t day = DayIndex(t) - first_day_;
    if (day < 0 || day >= static_cast<int64_t>(month_of_day_.size())) return MonthIndex(t);
    return first_month_ + month_of_day_[static_cast<size_t>(day)];
  }
  // 00:00 on the 1st of the month after t's.
  UnixMillis NextStart(UnixMillis t) const {
    const int64_t next = Index(t) + 1 - first_month_;
    if (next < 0 || next >= static_cast<int64_t>(starts_.size())) return StartOfNextMonth(t);
    return starts_[static_cast<size_t>(next)];
  }

 private:
  int64_t first_day_;
  int64_t first_month_;
  std::vector<int32_t> month_of_day_;  // per day from first_day_: month - first_month_
  std::vector<UnixMillis> starts_;     // per month from first_month_: its first instant
};

// A table for a run from `start`: a year before it to twenty after.
inline MonthTable MonthTableFor(UnixMillis start) {
  return MonthTable(start - 366 * kDay, start + 20 * 366 * kDay);
}

// The same text for report writers, which format millions of times that nearly all fall within
// one run: the dates of the days in [first, last] are formatted once, up front.
class DateText {
 public:
  DateText(UnixMillis first, UnixMillis last);
  void AppendTimestamp(std::string& out, UnixMillis t) const;
  void AppendDate(std::string& out, UnixMillis t) const;
  void AppendMonth(std::string& out, UnixMillis t) const;  // "2026-03"

 private:
  int64_t first_day_;
  std::vector<std::array<char, 10>> days_;  // "YYYY-MM-DD" from first_day_ on
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_CALENDAR_H_
