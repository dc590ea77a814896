#include "reports/axis_ticks.h"

#include <cmath>
#include <functional>

#include "reports/human_format.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

constexpr double kSecondMs = 1e3, kMinuteMs = 6e4, kHourMs = 3.6e6, kDayMs = 8.64e7;
constexpr double kMonthMs = 30 * kDayMs;  // as ParamValue::number counts a month

using Label = std::function<std::string(double)>;

// How many multiples of `step` lie in [lo, hi].
double Count(double step, double lo, double hi) {
  return std::floor(hi / step) - std::ceil(lo / step) + 1;
}

// The first of `steps` (in increasing order) that gives at most `max_ticks` ticks.
double Pick(const std::vector<double>& steps, double lo, double hi, size_t max_ticks) {
  for (const double s : steps) {
    if (Count(s, lo, hi) <= static_cast<double>(max_ticks)) return s;
  }
  return steps.back();
}

// 1, 2 and 5 times `unit` times each power of ten, until one step spans `span`.
std::vector<double> Decades(double unit, double span) {
  std::vector<double> steps;
  for (double p = unit; steps.empty() || steps.back() < span; p *= 10) {
    for (const double m : {1.0, 2.0, 5.0}) steps.push_back(m * p);
  }
  return steps;
}

std::vector<ChartTick> Multiples(double step, double lo, double hi, const Label& label) {
  std::vector<ChartTick> ticks;
  for (double k = std::ceil(lo / step); k * step <= hi; ++k) {
    ticks.push_back({k * step, label(k * step)});
  }
  return ticks;
}

std::vector<ChartTick> Durations(double lo, double hi, size_t max_ticks) {
  std::vector<double> steps = Decades(1, 500);  // milliseconds
  for (const double s : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0}) steps.push_back(s * kSecondMs);
  for (const double m : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0}) steps.push_back(m * kMinuteMs);
  for (const double h : {1.0, 2.0, 3.0, 6.0, 12.0}) steps.push_back(h * kHourMs);
  for (const double d : {1.0, 2.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 360.0}) {
    steps.push_back(d * kDayMs);
  }
  for (const double d : Decades(720, (hi - lo) / kDayMs)) steps.push_back(d * kDayMs);
  const double step = Pick(steps, lo, hi, max_ticks);
  // 0 in the step's unit ("0d"), the others as a scenario writes them ("30d", "1d 12h").
  const char* unit = std::fmod(step, kDayMs) == 0      ? "d"
                     : std::fmod(step, kHourMs) == 0   ? "h"
                     : std::fmod(step, kMinuteMs) == 0 ? "m"
                     : std::fmod(step, kSecondMs) == 0 ? "s"
                                                       : "ms";
  return Multiples(step, lo, hi, [unit](double x) {
    return x == 0 ? std::string("0") + unit : FormatDuration(std::llround(x));
  });
}

// Whole months (a span's "5 months"), by 1, 2, 3, 6 or 12 of them and then whole years.
std::vector<ChartTick> Months(double lo, double hi, size_t max_ticks) {
  std::vector<double> steps;
  for (const double m : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 60.0, 120.0, 240.0, 600.0, 1200.0}) {
    steps.push_back(m * kMonthMs);
  }
  return Multiples(Pick(steps, lo, hi, max_ticks), lo, hi, [](double x) {
    return FormatCalendarSpan({static_cast<int32_t>(std::llround(x / kMonthMs)), 0});
  });
}

std::vector<ChartTick> Sizes(double lo, double hi, size_t max_ticks) {
  const char* names[] = {"B", "KB", "MB", "GB", "TB"};
  std::vector<double> steps;
  std::vector<size_t> unit_of;
  double unit = 1;
  for (size_t u = 0; u < 5; ++u, unit *= 1024) {
    for (const double m : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0}) {
      steps.push_back(m * unit);
      unit_of.push_back(u);
    }
  }
  const double step = Pick(steps, lo, hi, max_ticks);
  size_t u = 0;
  while (steps[u] != step) ++u;
  const double size = std::pow(1024.0, static_cast<double>(unit_of[u]));
  const std::string name = names[unit_of[u]];
  return Multiples(step, lo, hi,
                   [size, name](double x) { return Thousands(std::llround(x / size)) + name; });
}

std::vector<ChartTick> Amounts(double lo, double hi, size_t max_ticks) {
  const double step = Pick(Decades(1, hi - lo), lo, hi, max_ticks);  // micro-units
  // Whole units without decimals ("1,000"); less than a unit with cents, or finer if needed.
  int decimals = 0;
  if (step < 1e6) {
    decimals = 2;
    while (decimals < 6 && std::fmod(step, std::pow(10.0, 6 - decimals)) != 0) ++decimals;
  }
  return Multiples(step, lo, hi, [decimals](double x) { return Thousands(x / 1e6, decimals); });
}

// Dates: the first of a month every 1, 2, 3, 6 or 12 months over three months or more, else
// midnights every 1, 2, 7 or 14 days, else hours.
std::vector<ChartTick> Dates(double lo, double hi, size_t max_ticks) {
  if (hi - lo >= 90 * kDayMs) {
    const double first = static_cast<double>(MonthIndex(StartOfNextMonth(std::llround(lo) - 1)));
    const double last = static_cast<double>(MonthIndex(std::llround(hi)));
    const double step = Pick({1, 2, 3, 6, 12, 24, 60, 120}, first, last, max_ticks);
    std::vector<ChartTick> ticks;
    for (const ChartTick& m : Multiples(step, first, last, [](double) { return ""; })) {
      const UnixMillis t = StartOfMonthIndex(std::llround(m.x));
      ticks.push_back({static_cast<double>(t), FormatDate(t).substr(0, step >= 12 ? 4 : 7)});
    }
    return ticks;
  }
  std::vector<double> steps;
  for (const double h : {1.0, 2.0, 3.0, 6.0, 12.0}) steps.push_back(h * kHourMs);
  for (const double d : {1.0, 2.0, 7.0, 14.0, 30.0}) steps.push_back(d * kDayMs);
  const double step = Pick(steps, lo, hi, max_ticks);
  return Multiples(step, lo, hi, [step](double x) {
    const std::string text = FormatTimestamp(std::llround(x));  // 2026-11-01T06:00:00Z
    return step < kDayMs ? text.substr(0, 10) + " " + text.substr(11, 5) : text.substr(0, 10);
  });
}

}  // namespace

std::vector<ChartTick> AxisTicks(ParamKind kind, double lo, double hi, size_t max_ticks) {
  if (!(hi > lo) || max_ticks == 0) return {};
  switch (kind) {
    case ParamKind::kCount:
      return Multiples(Pick(Decades(1, hi - lo), lo, hi, max_ticks), lo, hi,
                       [](double x) { return Thousands(std::llround(x)); });
    case ParamKind::kAmount:
      return Amounts(lo, hi, max_ticks);
    case ParamKind::kDuration:
      return Durations(lo, hi, max_ticks);
    case ParamKind::kSpan:
      if (std::fmod(lo, kMonthMs) == 0 && std::fmod(hi, kMonthMs) == 0) {
        return Months(lo, hi, max_ticks);
      }
      return Durations(lo, hi, max_ticks);
    case ParamKind::kSize:
      return Sizes(lo, hi, max_ticks);
    case ParamKind::kTime:
      return Dates(lo, hi, max_ticks);
    case ParamKind::kName:
      break;
  }
  return {};
}

}  // namespace carriersim
