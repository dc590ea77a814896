// The Format* functions of units.h: text that the parsers read back to the same value, and
// approximate sizes for people.
#include <cstdio>

#include "simulator/base/int128.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

struct NamedUnit {
  const char* name;
  int64_t factor;
};

}  // namespace

std::string FormatDuration(SimTime ms) {
  if (ms == 0) return "0";
  std::string text;
  if (ms < 0) {
    text = "-";
    ms = -ms;
  }
  const NamedUnit parts[] = {{"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", kSecond}, {"ms", 1}};
  for (const NamedUnit& u : parts) {
    if (ms >= u.factor) {
      if (text.size() > 1 || (text.size() == 1 && text != "-")) text += ' ';
      text += std::to_string(ms / u.factor) + std::string(u.name);
      ms %= u.factor;
    }
  }
  return text;
}

std::string FormatDurationRange(const DurationRange& range) {
  if (range.min == range.max) return FormatDuration(range.min);
  return FormatDuration(range.min) + ".." + FormatDuration(range.max);
}

std::string FormatCalendarSpan(const CalendarSpan& span) {
  std::string text;
  if (span.months != 0) {
    if (span.months % 12 == 0) {
      const int32_t years = span.months / 12;
      text = std::to_string(years) + (years == 1 ? " year" : " years");
    } else {
      text = std::to_string(span.months) + (span.months == 1 ? " month" : " months");
    }
  }
  if (span.ms != 0 || text.empty()) text += (text.empty() ? "" : " ") + FormatDuration(span.ms);
  return text;
}

std::string FormatDataSizeApprox(int64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  if (unit == 0 || value >= 100) {
    std::snprintf(text, sizeof text, "%.0f%s", value, units[unit]);
  } else {
    std::snprintf(text, sizeof text, value >= 10 ? "%.1f%s" : "%.2f%s", value, units[unit]);
  }
  return text;
}

std::string FormatDataSize(int64_t bytes) {
  const NamedUnit units[] = {{"TB", int64_t{1} << 40},
                        {"GB", int64_t{1} << 30},
                        {"MB", int64_t{1} << 20},
                        {"KB", int64_t{1} << 10}};
  for (const NamedUnit& u : units) {
    // Use the unit when the value is at least 1 of it and exact with three decimals at most.
    if (bytes >= u.factor && (static_cast<Int128>(bytes) * 1000) % u.factor == 0) {
      const int64_t whole = bytes / u.factor;
      int64_t thousandths =
          static_cast<int64_t>((static_cast<Int128>(bytes % u.factor) * 1000) / u.factor);
      std::string text = std::to_string(whole);
      if (thousandths != 0) {
        char frac[24];
        std::snprintf(frac, sizeof frac, ".%03lld", static_cast<long long>(thousandths));
        std::string f = frac;
        while (f.back() == '0') f.pop_back();
        text += f;
      }
      return text + std::string(u.name);
    }
  }
  return std::to_string(bytes) + "B";
}

std::string FormatMoney(const Money& money) {
  return FormatAmount(money.micros) + " " + std::string(money.currency.str());
}

void AppendAmount(std::string& out, int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  if (negative) out += '-';
  out += std::to_string(abs / 1'000'000);
  char frac[6];
  uint64_t rest = abs % 1'000'000;
  for (int k = 5; k >= 0; --k, rest /= 10) frac[k] = static_cast<char>('0' + rest % 10);
  int digits = 6;
  while (digits > 2 && frac[digits - 1] == '0') --digits;  // cents always, then what matters
  out += '.';
  out.append(frac, static_cast<size_t>(digits));
}

std::string FormatAmount(int64_t micros) {
  std::string out;
  AppendAmount(out, micros);
  return out;
}

std::string FormatCount(int64_t n) {
  const std::string digits = std::to_string(n);
  const size_t first = n < 0 ? 1 : 0;  // after the sign
  std::string out = digits.substr(0, first);
  for (size_t i = first; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace carriersim
