#include "simulator/base/calendar.h"

#include <algorithm>
#include <cstdio>

#include "simulator/base/units_lexer.h"

namespace carriersim {
namespace {

// Floor division: the calendar must be right before 1970 too, and C++ division truncates.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool ParseDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int64_t DaysFromCivil(const CivilDate& d) {
  const int64_t y = d.year - (d.month <= 2);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;                                                   // [0, 399]
  const int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2), month, day};
}

CivilDateTime ToCivil(UnixMillis t) {
  const int64_t days = FloorDiv(t, kDay);
  int64_t ms = t - days * kDay;
  CivilDateTime c{CivilFromDays(days), 0, 0, 0, 0};
  c.hour = static_cast<int>(ms / kHour);
  ms %= kHour;
  c.minute = static_cast<int>(ms / kMinute);
  ms %= kMinute;
  c.second = static_cast<int>(ms / kSecond);
  c.millisecond = static_cast<int>(ms % kSecond);
  return c;
}

UnixMillis FromCivil(const CivilDateTime& c) {
  return DaysFromCivil(c.date) * kDay + c.hour * kHour + c.minute * kMinute + c.second * kSecond +
         c.millisecond;
}

UnixMillis StartOfDay(UnixMillis t) { return FloorDiv(t, kDay) * kDay; }
UnixMillis StartOfNextDay(UnixMillis t) { return StartOfDay(t) + kDay; }

UnixMillis StartOfMonth(UnixMillis t) {
  CivilDate d = CivilFromDays(FloorDiv(t, kDay));
  d.day = 1;
  return DaysFromCivil(d) * kDay;
}

UnixMillis StartOfNextMonth(UnixMillis t) {
  CivilDate d = CivilFromDays(FloorDiv(t, kDay));
  d.day = 1;
  if (++d.month > 12) {
    d.month = 1;
    ++d.year;
  }
  return DaysFromCivil(d) * kDay;
}

UnixMillis AddMonths(UnixMillis t, int64_t months) {
  CivilDateTime c = ToCivil(t);
  const int64_t index = c.date.year * 12 + (c.date.month - 1) + months;
  c.date.year = FloorDiv(index, 12);
  c.date.month = static_cast<int>(index - c.date.year * 12) + 1;
  const int last = DaysInMonth(c.date.year, c.date.month);
  if (c.date.day > last) c.date.day = last;
  return FromCivil(c);
}

UnixMillis AddSpan(UnixMillis t, const CalendarSpan& span) {
  return (span.months != 0 ? AddMonths(t, span.months) : t) + span.ms;
}

UnixMillis SubtractSpan(UnixMillis t, const CalendarSpan& span) {
  return (span.months != 0 ? AddMonths(t, -int64_t{span.months}) : t) - span.ms;
}

int64_t DayIndex(UnixMillis t) { return FloorDiv(t, kDay); }

int64_t MonthIndex(UnixMillis t) {
  const CivilDate d = CivilFromDays(FloorDiv(t, kDay));
  return (d.year - 1970) * 12 + (d.month - 1);
}

MonthTable::MonthTable(UnixMillis from, UnixMillis to)
    : first_day_(DayIndex(from)), first_month_(MonthIndex(from)) {
  const int64_t last_month = MonthIndex(to);
  for (int64_t m = first_month_; m <= last_month + 1; ++m) starts_.push_back(StartOfMonthIndex(m));
  for (int64_t day = first_day_; day * kDay < to; ++day) {
    month_of_day_.push_back(static_cast<int32_t>(MonthIndex(day * kDay) - first_month_));
  }
}

UnixMillis StartOfMonthIndex(int64_t month) {
  const int64_t year = 1970 + FloorDiv(month, 12);
  return DaysFromCivil({year, static_cast<int>(month - (year - 1970) * 12) + 1, 1}) * kDay;
}

std::optional<UnixMillis> ParseTimestamp(std::string_view s, std::string* error) {
  const auto fail = [&](const char* why) -> std::optional<UnixMillis> {
    *error = why;
    return std::nullopt;
  };
  constexpr const char* kForm =
      "expected a UTC date-time such as 2026-01-01T00:00:00Z (or a date such as 2026-01-01)";
  CivilDateTime c{{0, 0, 0}, 0, 0, 0, 0};
  int year = 0;
  if (s.size() < 10 || !ParseDigits(s, 0, 4, &year) || s[4] != '-' ||
      !ParseDigits(s, 5, 2, &c.date.month) || s[7] != '-' || !ParseDigits(s, 8, 2, &c.date.day)) {
    return fail(kForm);
  }
  c.date.year = year;
  if (c.date.month < 1 || c.date.month > 12) return fail("month must be between 01 and 12");
  if (c.date.day < 1 || c.date.day > DaysInMonth(c.date.year, c.date.month)) {
    return fail("day does not exist in that month");
  }
  if (s.size() == 10) return FromCivil(c);
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return fail(kForm);
  if (!ParseDigits(s, 11, 2, &c.hour) || s.size() < 16 || s[13] != ':' ||
      !ParseDigits(s, 14, 2, &c.minute)) {
    return fail(kForm);
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ParseDigits(s, pos + 1, 2, &c.second)) return fail(kForm);
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t digits = 0;
      int ms = 0;
      for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits) {
        if (digits >= 3) return fail("date-times have millisecond resolution at most");
        ms = ms * 10 + (s[pos] - '0');
      }
      if (digits == 0) return fail(kForm);
      while (digits++ < 3) ms *= 10;
      c.millisecond = ms;
    }
  }
  if (c.hour > 23 || c.minute > 59 || c.second > 59) return fail("time of day out of range");
  int64_t offset_minutes = 0;
  if (pos == s.size()) {
    return fail("a date-time needs a time zone: add 'Z' for UTC or an offset such as '+09:00'");
  }
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!ParseDigits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ParseDigits(s, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return fail("time zone offset must look like +09:00 or -05:30");
    }
    offset_minutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
  } else {
    return fail(kForm);
  }
  if (pos != s.size()) return fail(kForm);
  return FromCivil(c) - offset_minutes * kMinute;
}

namespace {

// Writes n as exactly `width` digits (n < 10^width); reports write millions of these.
void AppendDigits(std::string& out, int64_t n, int width) {
  char buf[8];
  for (int k = width - 1; k >= 0; --k, n /= 10) buf[k] = static_cast<char>('0' + n % 10);
  out.append(buf, static_cast<size_t>(width));
}

void AppendCivilDate(std::string& out, const CivilDate& d) {
  if (d.year >= 0 && d.year <= 9999) {
    AppendDigits(out, d.year, 4);
  } else {  // far outside any scenario, but still printable
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(d.year));
    out += buf;
  }
  out += '-';
  AppendDigits(out, d.month, 2);
  out += '-';
  AppendDigits(out, d.day, 2);
}

void AppendTimeOfDay(std::string& out, int64_t ms) {
  out += 'T';
  AppendDigits(out, ms / kHour, 2);
  out += ':';
  AppendDigits(out, ms % kHour / kMinute, 2);
  out += ':';
  AppendDigits(out, ms % kMinute / kSecond, 2);
  if (ms % kSecond != 0) {
    out += '.';
    AppendDigits(out, ms % kSecond, 3);
  }
  out += 'Z';
}

}  // namespace

void AppendTimestamp(std::string& out, UnixMillis t) {
  const int64_t day = FloorDiv(t, kDay);
  AppendCivilDate(out, CivilFromDays(day));
  AppendTimeOfDay(out, t - day * kDay);
}

void AppendDate(std::string& out, UnixMillis t) {
  AppendCivilDate(out, CivilFromDays(FloorDiv(t, kDay)));
}

DateText::DateText(UnixMillis first, UnixMillis last) : first_day_(FloorDiv(first, kDay)) {
  // A table of a few hundred years at most: anything past it is formatted on demand.
  const int64_t last_day = std::min(FloorDiv(last, kDay), first_day_ + 200'000);
  std::string text;
  for (int64_t day = first_day_; day <= last_day; ++day) {
    text.clear();
    AppendCivilDate(text, CivilFromDays(day));
    std::array<char, 10> entry{};
    if (text.size() != entry.size()) break;  // years past 9999: formatted on demand instead
    std::copy(text.begin(), text.end(), entry.begin());
    days_.push_back(entry);
  }
}

void DateText::AppendDate(std::string& out, UnixMillis t) const {
  const int64_t day = FloorDiv(t, kDay);
  if (day >= first_day_ && day - first_day_ < static_cast<int64_t>(days_.size())) {
    const std::array<char, 10>& text = days_[static_cast<size_t>(day - first_day_)];
    out.append(text.data(), text.size());
  } else {
    AppendCivilDate(out, CivilFromDays(day));
  }
}

void DateText::AppendTimestamp(std::string& out, UnixMillis t) const {
  AppendDate(out, t);
  AppendTimeOfDay(out, t - FloorDiv(t, kDay) * kDay);
}

void DateText::AppendMonth(std::string& out, UnixMillis t) const {
  AppendDate(out, t);
  out.resize(out.size() - 3);
}

std::string FormatTimestamp(UnixMillis t) {
  std::string out;
  AppendTimestamp(out, t);
  return out;
}

std::string FormatDate(UnixMillis t) {
  std::string out;
  AppendDate(out, t);
  return out;
}

std::optional<UnixMillis> ParseTimeExpression(std::string_view text, std::string* error) {
  const std::string_view s = units_lexer::Trim(text);
  // The operator is the first '+' or '-' after a space: a date-time holds none (its offset's
  // sign follows a digit), so "2026-11-01T00:00:00-05:00 - 9d" splits at " - ".
  size_t op = std::string_view::npos;
  for (size_t i = 1; i < s.size() && op == std::string_view::npos; ++i) {
    if ((s[i] == '+' || s[i] == '-') && (s[i - 1] == ' ' || s[i - 1] == '\t')) op = i;
  }
  const std::string_view date = units_lexer::Trim(s.substr(0, op));
  std::optional<UnixMillis> t = ParseTimestamp(date, error);
  const bool glued = date.size() > 10 && (date[10] == '+' || date[10] == '-');
  if (!t && glued) *error += "; write a span after a space and '+' or '-': '2026-11-01 + 5d'";
  if (!t || op == std::string_view::npos) return t;
  CalendarSpan span;
  std::string span_error;
  if (!ParseCalendarSpan(s.substr(op + 1), &span, &span_error)) {
    *error = "after '" + std::string(1, s[op]) + "': " + span_error;
    return std::nullopt;
  }
  return s[op] == '+' ? AddSpan(*t, span) : SubtractSpan(*t, span);
}

}  // namespace carriersim
