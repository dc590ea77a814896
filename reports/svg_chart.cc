#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/human_format.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

constexpr double kWidth = 760, kHeight = 250;
constexpr double kLeft = 64, kRight = 16, kTop = 12, kBottom = 40;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr double kLegendRow = 16;
// Markers closer than this (in px) share one label: labels are 10 px tall, turned upright.
constexpr double kMarkerGap = 12;
constexpr size_t kMarkerLabelBytes = 34;  // what fits down the plot's height

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Colour(const ChartSeries& s) { return s.colour.empty() ? ColourOf(s.name) : s.colour; }

// Where x positions and values land, in px.
struct Axes {
  double x_of_first, x_step;
  double y_min, y_max, y_step;  // round values: multiples of the step
  double X(double x) const { return std::clamp(x_of_first + x * x_step, kLeft, kWidth - kRight); }
  double Y(double v) const { return kTop + kPlotH - (v - y_min) / (y_max - y_min) * kPlotH; }
};

// A y axis from a round value at or below min(lo, 0) to one at or above max(hi, 0), in about
// four steps of 1, 2 or 5 times a power of ten.
Axes NiceAxes(double x_of_first, double x_step, double lo, double hi) {
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (hi - lo <= 0) return {x_of_first, x_step, 0, 1, 0.25};
  const double raw = (hi - lo) / 4;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (const double f : {1.0, 2.0, 5.0, 10.0}) {
    step = f * power;
    if (step >= raw) break;
  }
  return {x_of_first, x_step, step * std::floor(lo / step), step * std::ceil(hi / step), step};
}

// The legend's entries, wrapped into rows under the plot; `rows` is set to how many.
std::string Legend(const ChartSpec& chart, int* rows) {
  std::string svg;
  double lx = kLeft;
  *rows = 1;
  for (const ChartSeries& s : chart.series) {
    const double width = 24 + 6.5 * static_cast<double>(s.name.size());
    if (lx > kLeft && lx + width > kWidth - kRight) {
      lx = kLeft;
      ++*rows;
    }
    const double y = kHeight + 4 + kLegendRow * (*rows - 1);
    svg += "<rect x=\"" + Num(lx) + "\" y=\"" + Num(y) + "\" width=\"10\" height=\"10\" fill=\"" +
           Colour(s) + "\"/><text x=\"" + Num(lx + 14) + "\" y=\"" + Num(y + 9) +
           "\" class=\"legend\">" + XmlEscape(s.name) + "</text>";
    lx += width;
  }
  return svg;
}

// The opening tag, the grid with its y ticks, the unit, the x labels (at most about eight) and
// the bands of the markers, beneath what is drawn next.
std::string Open(const ChartSpec& chart, const Axes& a, int legend_rows) {
  const double height = kHeight + 24 + kLegendRow * (legend_rows - 1);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(kWidth) + " " +
                    Num(height) + "\" class=\"chart\" role=\"img\">";
  for (size_t i = 0; i < chart.markers.size(); ++i) {
    const ChartMarker& m = chart.markers[i];
    // A band once: actions over the same span (outages of several cells) would darken it.
    const auto same = [&](const ChartMarker& o) { return o.x == m.x && o.x_end == m.x_end; };
    if (m.x_end <= m.x ||
        std::any_of(chart.markers.begin(), chart.markers.begin() + static_cast<long>(i), same)) {
      continue;
    }
    svg += "<rect x=\"" + Num(a.X(m.x)) + "\" y=\"" + Num(kTop) + "\" width=\"" +
           Num(std::max(1.0, a.X(m.x_end) - a.X(m.x))) + "\" height=\"" + Num(kPlotH) +
           "\" class=\"band\"/>";
  }
  // Ticks by count, not by adding steps up: 0.1 added from -0.2 would miss 0 by 3e-17.
  const int ticks = static_cast<int>(std::lround((a.y_max - a.y_min) / a.y_step));
  for (int k = 0; k <= ticks; ++k) {
    const double v = a.y_min + k * a.y_step;
    const double y = a.Y(v);
    svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kWidth - kRight) +
           "\" y2=\"" + Num(y) + "\" class=\"grid\"/><text x=\"" + Num(kLeft - 6) + "\" y=\"" +
           Num(y + 4) + "\" class=\"tick\" text-anchor=\"end\">" + ChartValue(v) + "</text>";
  }
  svg += "<text x=\"12\" y=\"" + Num(kTop + kPlotH / 2) + "\" class=\"unit\" " +
         "transform=\"rotate(-90 12 " + Num(kTop + kPlotH / 2) + ")\" text-anchor=\"middle\">" +
         XmlEscape(chart.y_unit) + "</text>";
  // Labels left empty on purpose are already thinned out (at round times); else every k-th.
  const size_t n = chart.x_labels.size();
  const bool chosen = std::any_of(chart.x_labels.begin(), chart.x_labels.end(),
                                  [](const std::string& l) { return l.empty(); });
  const size_t every = chosen ? 1 : std::max<size_t>(1, (n + 7) / 8);
  for (size_t i = 0; i < n; i += every) {
    if (chart.x_labels[i].empty()) continue;
    svg += "<text x=\"" + Num(a.X(static_cast<double>(i))) + "\" y=\"" + Num(kTop + kPlotH + 18) +
           "\" class=\"tick\" text-anchor=\"middle\">" + XmlEscape(chart.x_labels[i]) + "</text>";
  }
  return svg;
}

// A label cut to what fits, at a character boundary of its UTF-8.
std::string Cut(const std::string& label) {
  if (label.size() <= kMarkerLabelBytes) return label;
  size_t end = kMarkerLabelBytes - 3;
  while (end > 0 && (static_cast<unsigned char>(label[end]) & 0xC0) == 0x80) --end;
  return label.substr(0, end) + "...";
}

// The markers' lines over the data, each run of close ones with one label: the first one's,
// and how many more.
std::string Markers(const ChartSpec& chart, const Axes& a) {
  std::vector<const ChartMarker*> lines;
  for (const ChartMarker& m : chart.markers) {
    if (m.x_end <= m.x) lines.push_back(&m);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const ChartMarker* l, const ChartMarker* r) { return l->x < r->x; });
  std::string svg;
  for (size_t i = 0; i < lines.size();) {
    const double px = a.X(lines[i]->x);
    size_t j = i;
    for (; j < lines.size() && a.X(lines[j]->x) - px < kMarkerGap; ++j) {
      const std::string x = Num(a.X(lines[j]->x));
      svg += "<line x1=\"" + x + "\" y1=\"" + Num(kTop) + "\" x2=\"" + x + "\" y2=\"" +
             Num(kTop + kPlotH) + "\" class=\"marker\"/>";
    }
    const std::string label =
        Cut(lines[i]->label) + (j - i > 1 ? " +" + std::to_string(j - i - 1) : "");
    const std::string lx = Num(px + 11), ly = Num(kTop + 2);
    svg += "<text x=\"" + lx + "\" y=\"" + ly + "\" transform=\"rotate(-90 " + lx + " " + ly +
           ")\" text-anchor=\"end\" class=\"mlabel\">" + XmlEscape(label) + "</text>";
    i = j;
  }
  return svg;
}

double SumAt(const ChartSpec& chart, size_t i) {
  double total = 0;
  for (const ChartSeries& s : chart.series) total += i < s.values.size() ? s.values[i] : 0;
  return total;
}

}  // namespace

std::string ChartValue(double v) {
  char buf[32];
  const double abs = std::fabs(v);
  if (abs >= 1e9) {
    std::snprintf(buf, sizeof buf, "%gG", v / 1e9);
  } else if (abs >= 1e6) {
    std::snprintf(buf, sizeof buf, "%gM", v / 1e6);
  } else if (abs >= 1e4) {
    std::snprintf(buf, sizeof buf, "%gk", v / 1e3);
  } else if (v == std::floor(v)) {
    return Thousands(static_cast<int64_t>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  return buf;
}

std::string LineChart(const ChartSpec& chart, bool stacked_area) {
  const size_t n = chart.x_labels.size();
  std::vector<std::vector<double>> tops;  // per series, the top of its band (or its value)
  std::vector<double> base(n, 0);
  double min = 0, max = 0;
  for (const ChartSeries& s : chart.series) {
    std::vector<double> top(n);
    for (size_t i = 0; i < n; ++i) {
      top[i] = (stacked_area ? base[i] : 0) + (i < s.values.size() ? s.values[i] : 0);
      min = std::min(min, top[i]);
      max = std::max(max, top[i]);
    }
    if (stacked_area) base = top;
    tops.push_back(top);
  }
  const Axes a = NiceAxes(kLeft, n > 1 ? kPlotW / static_cast<double>(n - 1) : 0, min, max);
  int rows = 1;
  const std::string legend = Legend(chart, &rows);
  std::string svg = Open(chart, a, rows);
  std::vector<double> below(n, 0);
  for (size_t s = 0; s < tops.size(); ++s) {
    std::string points;
    for (size_t i = 0; i < n; ++i) {
      points += Num(a.X(static_cast<double>(i))) + "," + Num(a.Y(tops[s][i])) + " ";
    }
    const std::string colour = Colour(chart.series[s]);
    if (stacked_area) {
      std::string back;
      for (size_t i = n; i-- > 0;) {
        back += Num(a.X(static_cast<double>(i))) + "," + Num(a.Y(below[i])) + " ";
      }
      svg += "<polygon points=\"" + points + back + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.75\" stroke=\"none\"/>";
      below = tops[s];
    } else {
      svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
             "\" stroke-width=\"2\"/>";
    }
  }
  return svg + Markers(chart, a) + legend + "</svg>";
}

std::string BarChart(const ChartSpec& chart) {
  const size_t n = chart.x_labels.size();
  double max = 0;
  for (size_t i = 0; i < n; ++i) max = std::max(max, SumAt(chart, i));
  const double slot = n > 0 ? kPlotW / static_cast<double>(n) : kPlotW;
  const double bar = std::max(1.0, slot * 0.7);
  const Axes a = NiceAxes(kLeft + slot / 2, slot, 0, max);  // bars stack up from 0
  int rows = 1;
  const std::string legend = Legend(chart, &rows);
  std::string svg = Open(chart, a, rows);
  for (size_t i = 0; i < n; ++i) {
    double base = 0;
    for (const ChartSeries& s : chart.series) {
      const double v = i < s.values.size() ? s.values[i] : 0;
      if (v <= 0) continue;
      const double h = v / a.y_max * kPlotH;
      svg += "<rect x=\"" + Num(kLeft + slot * static_cast<double>(i) + (slot - bar) / 2) +
             "\" y=\"" + Num(kTop + kPlotH - base - h) + "\" width=\"" + Num(bar) + "\" height=\"" +
             Num(h) + "\" fill=\"" + Colour(s) + "\"><title>" +
             XmlEscape(s.name + " " + chart.x_labels[i] + ": " + ChartValue(v)) + "</title></rect>";
      base += h;
    }
  }
  return svg + Markers(chart, a) + legend + "</svg>";
}

}  // namespace carriersim
