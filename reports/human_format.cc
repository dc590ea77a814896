#include "reports/human_format.h"

#include <cmath>
#include <cstdio>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

struct TimeUnit {
  SimTime ms;
  const char* name;
};
constexpr TimeUnit kTimeUnits[] = {{kDay, "d"}, {kHour, "h"}, {kMinute, "m"}, {kSecond, "s"}};
constexpr size_t kTimeUnitCount = sizeof kTimeUnits / sizeof kTimeUnits[0];

// The largest unit not above `ms` (seconds for anything shorter).
size_t LargestUnit(SimTime ms) {
  for (size_t u = 0; u < kTimeUnitCount; ++u) {
    if (ms >= kTimeUnits[u].ms) return u;
  }
  return kTimeUnitCount - 1;
}

// Separators into a run of digits: "1234567" -> "1,234,567".
std::string Group(const std::string& digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

const char* OpText(CompareOp op) {
  switch (op) {
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessEqual:
      return "<=";
    case CompareOp::kEqual:
      return "==";
    case CompareOp::kNotEqual:
      return "!=";
    case CompareOp::kGreaterEqual:
      return ">=";
    case CompareOp::kGreater:
      return ">";
    case CompareOp::kBetween:
      return "between";
  }
  return "";
}

}  // namespace

std::string Thousands(int64_t n) {
  const uint64_t abs = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  return (n < 0 ? "-" : "") + Group(std::to_string(abs));
}

std::string Thousands(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, std::fabs(v));
  std::string s = text;
  const size_t dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  const bool negative = v < 0 && s.find_first_not_of("0.") != std::string::npos;
  return (negative ? "-" : "") + Group(whole) + (dot == std::string::npos ? "" : s.substr(dot));
}

std::string HumanDuration(SimTime ms) {
  if (ms == 0) return "0 s";
  if (ms < 0) return "-" + HumanDuration(-ms);
  if (ms < kSecond) return "< 1 s";
  const SimTime seconds = (ms + kSecond / 2) / kSecond * kSecond;
  const size_t major = LargestUnit(seconds);
  const SimTime count = seconds / kTimeUnits[major].ms;
  const SimTime rest = seconds % kTimeUnits[major].ms;
  std::string minor;
  if (rest > 0) {
    // The largest unit of what is left, rounded; a round up to a whole major unit carries.
    const TimeUnit& u = kTimeUnits[LargestUnit(rest)];
    const SimTime n = (rest + u.ms / 2) / u.ms;
    if (n * u.ms >= kTimeUnits[major].ms) return HumanDuration((count + 1) * kTimeUnits[major].ms);
    minor = " " + std::to_string(n) + " " + u.name;
  }
  return Thousands(count) + " " + kTimeUnits[major].name + minor;
}

std::string HumanOffset(SimTime ms) {
  if (ms == 0) return "0";
  return ms > 0 ? "+" + HumanDuration(ms) : HumanDuration(ms);
}

std::string HumanHours(SimTime ms) {
  if (ms == 0) return "0 h";
  const double hours = static_cast<double>(ms) / static_cast<double>(kHour);
  if (std::fabs(hours) < 0.1) {  // two significant digits: 10 s is 0.0028 h, not 0.00 h
    char text[32];
    std::snprintf(text, sizeof text, "%.2g h", hours);
    return text;
  }
  return Thousands(hours, std::fabs(hours) < 10 ? 2 : 1) + " h";
}

std::string HumanAmount(int64_t micros) {
  if (micros > -1'000'000 && micros < 1'000'000) {
    // Under one unit: to four decimals, or exact if that would show nothing.
    const int64_t ten_thousandths = (micros + (micros < 0 ? -50 : 50)) / 100;
    if (ten_thousandths == 0) return FormatAmount(micros);
    return FormatAmount(ten_thousandths * 100);
  }
  // Half a cent away from zero, then whole cents.
  const int64_t cents = (micros + (micros < 0 ? -5'000 : 5'000)) / 10'000;
  const int64_t abs = cents < 0 ? -cents : cents;
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(abs % 100));
  return (cents < 0 ? "-" : "") + Thousands(abs / 100) + "." + frac;
}

std::string HumanTime(const Scenario& scenario, SimTime t) {
  std::string ts = FormatTimestamp(scenario.start + t);  // 2026-03-02T00:05:00[.250]Z
  ts[10] = ' ';
  ts.resize(19);
  if (ts.compare(16, 3, ":00") == 0) ts.resize(16);
  return ts;
}

std::string HumanMetricValue(const Scenario& scenario, MetricUnit unit, int64_t value) {
  switch (unit) {
    case MetricUnit::kCount:
      return Thousands(value);
    case MetricUnit::kBytes:
      return FormatDataSizeApprox(value);
    case MetricUnit::kDuration:
      return HumanDuration(value);
    case MetricUnit::kMoney:
      return HumanAmount(value) + " " + std::string(scenario.currency.str());
  }
  return "";
}

std::string HumanExpected(const Scenario& scenario, const Expectation& e) {
  const auto value = [&](int64_t v) { return HumanMetricValue(scenario, e.unit, v); };
  std::string text = e.op == CompareOp::kBetween
                         ? "between " + value(e.value) + " and " + value(e.high)
                         : std::string(OpText(e.op)) + " " + value(e.value);
  if (e.tolerance > 0) text += " (+/- " + value(e.tolerance) + ")";
  return text;
}

}  // namespace carriersim
