#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/xml_escape.h"

namespace carriersim {
namespace {

constexpr double kWidth = 760, kHeight = 250;
constexpr double kLeft = 64, kRight = 16, kTop = 12, kBottom = 40;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A round axis maximum at or above `max`, and its tick step: 1, 2 or 5 times a power of ten.
std::pair<double, double> NiceScale(double max) {
  if (max <= 0) return {1, 0.25};
  const double raw = max / 4;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (const double f : {1.0, 2.0, 5.0, 10.0}) {
    step = f * power;
    if (step >= raw) break;
  }
  return {step * std::ceil(max / step), step};
}

std::string TickLabel(double v) {
  char buf[32];
  if (std::fabs(v) >= 1e9) {
    std::snprintf(buf, sizeof buf, "%gG", v / 1e9);
  } else if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%gM", v / 1e6);
  } else if (std::fabs(v) >= 1e4) {
    std::snprintf(buf, sizeof buf, "%gk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

// The frame: grid lines, y ticks, x labels (at most about eight), the unit, and the legend.
std::string Frame(const ChartSpec& chart, double y_max, double step, double x_of_first,
                  double x_step) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(kWidth) +
                    " " + Num(kHeight + 24) + "\" class=\"chart\" role=\"img\">";
  for (double v = 0; v <= y_max + step / 2; v += step) {
    const double y = kTop + kPlotH - v / y_max * kPlotH;
    svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kWidth - kRight) +
           "\" y2=\"" + Num(y) + "\" class=\"grid\"/>";
    svg += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(y + 4) + "\" class=\"tick\" " +
           "text-anchor=\"end\">" + TickLabel(v) + "</text>";
  }
  svg += "<text x=\"12\" y=\"" + Num(kTop + kPlotH / 2) + "\" class=\"unit\" " +
         "transform=\"rotate(-90 12 " + Num(kTop + kPlotH / 2) + ")\" text-anchor=\"middle\">" +
         XmlEscape(chart.y_unit) + "</text>";
  const size_t n = chart.x_labels.size();
  const size_t every = std::max<size_t>(1, (n + 7) / 8);
  for (size_t i = 0; i < n; i += every) {
    svg += "<text x=\"" + Num(x_of_first + static_cast<double>(i) * x_step) + "\" y=\"" +
           Num(kTop + kPlotH + 18) + "\" class=\"tick\" text-anchor=\"middle\">" +
           XmlEscape(chart.x_labels[i]) + "</text>";
  }
  double lx = kLeft;
  for (size_t s = 0; s < chart.series.size(); ++s) {
    svg += "<rect x=\"" + Num(lx) + "\" y=\"" + Num(kHeight + 4) + "\" width=\"10\" height=\"10\" "
           "fill=\"" + SeriesColour(s) + "\"/><text x=\"" + Num(lx + 14) + "\" y=\"" +
           Num(kHeight + 13) + "\" class=\"legend\">" + XmlEscape(chart.series[s].name) +
           "</text>";
    lx += 24 + 7 * static_cast<double>(chart.series[s].name.size());
  }
  return svg;
}

}  // namespace

const char* SeriesColour(size_t i) {
  static constexpr const char* kPalette[] = {"#2563eb", "#16a34a", "#f59e0b", "#dc2626",
                                             "#7c3aed", "#0891b2", "#db2777", "#65a30d",
                                             "#9ca3af", "#ea580c", "#4f46e5", "#0d9488"};
  return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

std::string LineChart(const ChartSpec& chart, bool stacked_area) {
  const size_t n = chart.x_labels.size();
  std::vector<std::vector<double>> tops;  // per series, the top of its band (or its value)
  std::vector<double> base(n, 0);
  double max = 0;
  for (const ChartSeries& s : chart.series) {
    std::vector<double> top(n);
    for (size_t i = 0; i < n; ++i) {
      top[i] = (stacked_area ? base[i] : 0) + (i < s.values.size() ? s.values[i] : 0);
      max = std::max(max, top[i]);
    }
    if (stacked_area) base = top;
    tops.push_back(top);
  }
  const auto [y_max, step] = NiceScale(max);
  const double x_step = n > 1 ? kPlotW / static_cast<double>(n - 1) : 0;
  const auto x = [&](size_t i) { return kLeft + static_cast<double>(i) * x_step; };
  // A copy: C++20 lets a lambda capture a structured binding, clang 14 does not yet.
  const auto y = [&, top = y_max](double v) { return kTop + kPlotH - v / top * kPlotH; };
  std::string svg = Frame(chart, y_max, step, kLeft, x_step);
  std::vector<double> below(n, 0);
  for (size_t s = 0; s < tops.size(); ++s) {
    std::string points;
    for (size_t i = 0; i < n; ++i) points += Num(x(i)) + "," + Num(y(tops[s][i])) + " ";
    if (stacked_area) {
      std::string back;
      for (size_t i = n; i-- > 0;) back += Num(x(i)) + "," + Num(y(below[i])) + " ";
      svg += "<polygon points=\"" + points + back + "\" fill=\"" + SeriesColour(s) +
             "\" fill-opacity=\"0.75\" stroke=\"none\"/>";
      below = tops[s];
    } else {
      svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + SeriesColour(s) +
             "\" stroke-width=\"2\"/>";
    }
  }
  return svg + "</svg>";
}

std::string BarChart(const ChartSpec& chart) {
  const size_t n = chart.x_labels.size();
  double max = 0;
  for (size_t i = 0; i < n; ++i) {
    double total = 0;
    for (const ChartSeries& s : chart.series) total += i < s.values.size() ? s.values[i] : 0;
    max = std::max(max, total);
  }
  const auto [y_max, step] = NiceScale(max);
  const double slot = n > 0 ? kPlotW / static_cast<double>(n) : kPlotW;
  const double bar = std::max(1.0, slot * 0.7);
  std::string svg = Frame(chart, y_max, step, kLeft + slot / 2, slot);
  for (size_t i = 0; i < n; ++i) {
    double base = 0;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const double v = i < chart.series[s].values.size() ? chart.series[s].values[i] : 0;
      if (v <= 0) continue;
      const double h = v / y_max * kPlotH;
      svg += "<rect x=\"" + Num(kLeft + slot * static_cast<double>(i) + (slot - bar) / 2) +
             "\" y=\"" + Num(kTop + kPlotH - base - h) + "\" width=\"" + Num(bar) +
             "\" height=\"" + Num(h) + "\" fill=\"" + SeriesColour(s) + "\"><title>" +
             XmlEscape(chart.series[s].name + " " + chart.x_labels[i] + ": " + TickLabel(v)) +
             "</title></rect>";
      base += h;
    }
  }
  return svg + "</svg>";
}

}  // namespace carriersim
