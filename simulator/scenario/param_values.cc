// Parameter values: what kind each is, its place on an axis, and sweeps' ranges.
#include "simulator/scenario/param_values.h"

#include <algorithm>
#include <cmath>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/base/yaml_reader.h"

namespace carriersim {
namespace {

constexpr double kMonthMs = 30.0 * 86'400'000.0;  // for ordering and charts only

}  // namespace

std::string_view ParamKindName(ParamKind kind) {
  switch (kind) {
    case ParamKind::kCount:
      return "a count";
    case ParamKind::kAmount:
      return "an amount of money";
    case ParamKind::kDuration:
      return "a duration";
    case ParamKind::kSpan:
      return "a calendar span";
    case ParamKind::kSize:
      return "a data size";
    case ParamKind::kTime:
      return "a date";
    case ParamKind::kName:
      return "a name";
  }
  return "a value";
}

std::optional<std::pair<ParamKind, double>> ClassifyValue(std::string_view text) {
  std::string error;
  if (int64_t n = 0; ParseCount(text, &n, &error))
    return std::make_pair(ParamKind::kCount, double(n));
  if (Money m; text.find(' ') != std::string_view::npos && ParseMoney(text, &m, &error)) {
    return std::make_pair(ParamKind::kAmount, double(m.micros));
  }
  if (SimTime d = 0; ParseDuration(text, &d, &error)) {
    return std::make_pair(ParamKind::kDuration, double(d));
  }
  if (CalendarSpan s; ParseCalendarSpan(text, &s, &error)) {
    return std::make_pair(ParamKind::kSpan, s.months * kMonthMs + double(s.ms));
  }
  if (int64_t b = 0; ParseDataSize(text, &b, &error)) {
    return std::make_pair(ParamKind::kSize, double(b));
  }
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    if (auto t = ParseTimestamp(text, &error)) return std::make_pair(ParamKind::kTime, double(*t));
  }
  if (!text.empty() && std::all_of(text.begin(), text.end(), IsNameChar)) {
    return std::make_pair(ParamKind::kName, 0.0);
  }
  return std::nullopt;
}

bool KindsAgree(ParamKind parameter, ParamKind value) {
  if (parameter == value) return true;
  // A duration is a span of calendar time too: `idle: 9d` may take `1 month` in a variant.
  const auto time_span = [](ParamKind k) {
    return k == ParamKind::kDuration || k == ParamKind::kSpan;
  };
  return time_span(parameter) && time_span(value);
}

bool SweepsAsRange(ParamKind kind) { return kind != ParamKind::kName; }

std::optional<std::vector<std::string>> RangeValues(ParamKind kind, std::string_view from,
                                                    std::string_view to, std::string_view step,
                                                    size_t max_values, std::string* error) {
  std::vector<std::string> values;
  const auto too_many = [&] {
    *error = "the range has more than " + std::to_string(max_values) + " values";
    return std::nullopt;
  };
  switch (kind) {
    case ParamKind::kCount: {
      int64_t a = 0, b = 0, s = 1;
      if (!ParseCount(from, &a, error) || !ParseCount(to, &b, error) ||
          (!step.empty() && !ParseCount(step, &s, error))) {
        return std::nullopt;
      }
      if (s <= 0) {
        *error = "the step must be more than 0";
        return std::nullopt;
      }
      for (int64_t v = a; v <= b; v += s) {
        if (values.size() == max_values) return too_many();
        values.push_back(std::to_string(v));
      }
      break;
    }
    case ParamKind::kAmount: {
      Money a, b, s;
      if (!ParseMoney(from, &a, error) || !ParseMoney(to, &b, error) ||
          !ParseMoney(step, &s, error)) {
        return std::nullopt;
      }
      if (s.micros <= 0 || !(a.currency == b.currency) || !(a.currency == s.currency)) {
        *error = "the step must be more than 0, and all three in one currency";
        return std::nullopt;
      }
      for (int64_t v = a.micros; v <= b.micros; v += s.micros) {
        if (values.size() == max_values) return too_many();
        values.push_back(FormatMoney(Money{v, a.currency}));
      }
      break;
    }
    case ParamKind::kDuration:
    case ParamKind::kSpan: {
      CalendarSpan a, b, s;
      if (!ParseCalendarSpan(from, &a, error) || !ParseCalendarSpan(to, &b, error) ||
          !ParseCalendarSpan(step, &s, error)) {
        return std::nullopt;
      }
      const bool months = a.ms == 0 && b.ms == 0 && s.ms == 0;
      const bool fixed = a.months == 0 && b.months == 0 && s.months == 0;
      if ((!months && !fixed) || s.empty()) {
        *error =
            "from, to and step must all be whole months (or years), or all fixed durations, "
            "and the step more than 0";
        return std::nullopt;
      }
      for (CalendarSpan v = a; months ? v.months <= b.months : v.ms <= b.ms;
           v.months += s.months, v.ms += s.ms) {
        if (values.size() == max_values) return too_many();
        values.push_back(months ? FormatCalendarSpan(v) : FormatDuration(v.ms));
      }
      break;
    }
    case ParamKind::kSize: {
      int64_t a = 0, b = 0, s = 0;
      if (!ParseDataSize(from, &a, error) || !ParseDataSize(to, &b, error) ||
          !ParseDataSize(step, &s, error)) {
        return std::nullopt;
      }
      if (s <= 0) {
        *error = "the step must be more than 0";
        return std::nullopt;
      }
      for (int64_t v = a; v <= b; v += s) {
        if (values.size() == max_values) return too_many();
        values.push_back(FormatDataSize(v));
      }
      break;
    }
    case ParamKind::kTime: {
      std::optional<UnixMillis> a = ParseTimestamp(from, error);
      std::optional<UnixMillis> b = a ? ParseTimestamp(to, error) : std::nullopt;
      CalendarSpan s;
      if (!a || !b || !ParseCalendarSpan(step, &s, error)) return std::nullopt;
      if (s.empty()) {
        *error = "the step must be more than 0";
        return std::nullopt;
      }
      for (int k = 0;; ++k) {
        const UnixMillis v = AddSpan(*a, CalendarSpan{s.months * k, s.ms * k});
        if (v > *b) break;
        if (values.size() == max_values) return too_many();
        values.push_back(FormatTimestamp(v));
      }
      break;
    }
    case ParamKind::kName:
      *error = "names have no range: list the values";
      return std::nullopt;
  }
  if (values.empty()) {
    *error = "the range is empty: 'to' is before 'from'";
    return std::nullopt;
  }
  return values;
}

bool PlainSafe(std::string_view text, std::string* why) {
  if (text.empty()) {
    *why = "is empty";
    return false;
  }
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '#' || c == ',' || c == '[' || c == ']' || c == '{' ||
        c == '}' || c == '"' || c == '\'' || c == '$') {
      *why = std::string("contains '") + (c == '\n' ? "\\n" : std::string(1, c)) + "'";
      return false;
    }
  }
  if (text.find(": ") != std::string_view::npos || text.back() == ':') {
    *why = "contains ': '";
    return false;
  }
  return true;
}

}  // namespace carriersim
