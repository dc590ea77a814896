#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/human_format.h"
#include "reports/svg_chart_internal.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace svg {
namespace {

// Markers closer than this (in px) share one label: labels are 10 px tall, turned upright.
constexpr double kMarkerGap = 12;
constexpr size_t kMarkerLabelBytes = 34;  // what fits down the plot's height

// A legend entry drawn as a sample of the line (its dash and mark), not a square.
bool Styled(const ChartSeries& s) { return !s.dash.empty() || s.shape != PointShape::kNone; }

// The y ticks, counted rather than added up: 0.1 added from -0.2 would miss 0 by 3e-17.
std::string YTicks(const ChartSpec& chart, const Axes& a) {
  std::string svg;
  const int ticks = static_cast<int>(std::lround((a.y_max - a.y_min) / a.y_step));
  for (int k = 0; k <= ticks; ++k) {
    const double v = a.y_min + k * a.y_step;
    const double y = a.Y(v);
    svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(a.right) +
           "\" y2=\"" + Num(y) + "\" class=\"grid\"/><text x=\"" + Num(kLeft - 6) + "\" y=\"" +
           Num(y + 4) + "\" class=\"tick\" text-anchor=\"end\">" +
           (chart.full_values ? FullValue(v, a.y_step) : ChartValue(v)) + "</text>";
  }
  return svg;
}

// The x labels: a numeric axis' ticks, or the positions' labels, at most about eight (labels
// left empty on purpose are already thinned out, at round times; else every k-th).
std::string XLabels(const ChartSpec& chart, const Axes& a) {
  std::string svg;
  const std::string label_y = Num(kTop + kPlotH + 18);
  if (!chart.x_values.empty()) {
    for (const ChartTick& t : chart.x_ticks) {
      const std::string x = Num(a.X(t.x));
      svg += "<line x1=\"" + x + "\" y1=\"" + Num(kTop + kPlotH) + "\" x2=\"" + x + "\" y2=\"" +
             Num(kTop + kPlotH + 5) + "\" stroke=\"#6b7280\"/><text x=\"" + x + "\" y=\"" +
             label_y + "\" class=\"tick\" text-anchor=\"middle\">" + XmlEscape(t.label) + "</text>";
    }
    return svg;
  }
  const size_t n = chart.x_labels.size();
  const bool chosen = std::any_of(chart.x_labels.begin(), chart.x_labels.end(),
                                  [](const std::string& l) { return l.empty(); });
  size_t every = chosen ? 1 : std::max<size_t>(1, (n + 7) / 8);
  if (!chosen && chart.groups.size() > 1 && a.x_step > 0) {
    // Bars side by side take wide slots: as many labels as fit (6.5 px a character).
    size_t widest = 0;
    for (const std::string& l : chart.x_labels) widest = std::max(widest, l.size());
    every = static_cast<size_t>(
        std::max(1.0, std::ceil((6.5 * static_cast<double>(widest) + 8) / a.x_step)));
  }
  for (size_t i = 0; i < n; i += every) {
    if (chart.x_labels[i].empty()) continue;
    svg += "<text x=\"" + Num(a.X(static_cast<double>(i))) + "\" y=\"" + label_y +
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

// A sample of the series' line, 22 px long from (x, y) with its mark in the middle.
std::string LineSample(const ChartSeries& s, double x, double y) {
  const std::string colour = Colour(s);
  return "<line x1=\"" + Num(x) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(x + 22) + "\" y2=\"" +
         Num(y) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
         (s.dash.empty() ? "" : " stroke-dasharray=\"" + s.dash + "\"") + "/>" +
         Mark(s.shape, x + 11, y, colour, "");
}

}  // namespace

std::string Mark(PointShape shape, double x, double y, const std::string& colour,
                 const std::string& tip) {
  const std::string paint = "fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"";
  const std::string title = tip.empty() ? "" : "<title>" + XmlEscape(tip) + "</title>";
  const auto polygon = [&](std::initializer_list<std::pair<double, double>> corners) {
    std::string points;
    for (const auto& [dx, dy] : corners) points += Num(x + dx) + "," + Num(y + dy) + " ";
    points.pop_back();
    return "<polygon points=\"" + points + "\" " + paint + ">" + title + "</polygon>";
  };
  switch (shape) {
    case PointShape::kNone:
      return "";
    case PointShape::kCircle:
      return "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"3.5\" " + paint + ">" +
             title + "</circle>";
    case PointShape::kSquare:
      return "<rect x=\"" + Num(x - 4.5) + "\" y=\"" + Num(y - 4.5) +
             "\" width=\"9\" height=\"9\" " + paint + ">" + title + "</rect>";
    case PointShape::kTriangle:
      return polygon({{0, -6}, {5.5, 4}, {-5.5, 4}});
    case PointShape::kDiamond:
      return polygon({{0, -6.5}, {6.5, 0}, {0, 6.5}, {-6.5, 0}});
    case PointShape::kCross:
      return "<path d=\"M" + Num(x - 5) + " " + Num(y - 5) + "L" + Num(x + 5) + " " + Num(y + 5) +
             "M" + Num(x - 5) + " " + Num(y + 5) + "L" + Num(x + 5) + " " + Num(y - 5) + "\" " +
             paint + ">" + title + "</path>";
    case PointShape::kTriangleDown:
      return polygon({{0, 6}, {5.5, -4}, {-5.5, -4}});
  }
  return "";
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Colour(const ChartSeries& s) { return s.colour.empty() ? ColourOf(s.name) : s.colour; }

double PlotWidth(const ChartSpec& chart) { return chart.width - kLeft - kRight; }

Axes NiceAxes(const ChartSpec& chart, double x_of_first, double x_step, double lo, double hi) {
  Axes a;
  a.x_of_first = x_of_first;
  a.x_step = x_step;
  a.right = chart.width - kRight;
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (hi - lo <= 0) return a;
  const double raw = (hi - lo) / 4;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (const double f : {1.0, 2.0, 5.0, 10.0}) {
    step = f * power;
    if (step >= raw) break;
  }
  a.y_min = step * std::floor(lo / step);
  a.y_max = step * std::ceil(hi / step);
  a.y_step = step;
  return a;
}

std::string Legend(const ChartSpec& chart, int* rows) {
  std::string svg;
  double lx = kLeft;
  *rows = 1;
  // Each entry: its width, and how it is drawn at (x, y), the top of its row.
  const auto entry = [&](const std::string& name, double sample, auto&& draw) {
    const double width = sample + 14 + 6.5 * static_cast<double>(name.size());
    if (lx > kLeft && lx + width > chart.width - kRight) {
      lx = kLeft;
      ++*rows;
    }
    const double y = kHeight + 4 + kLegendRow * (*rows - 1);
    svg += draw(lx, y) + "<text x=\"" + Num(lx + sample + 4) + "\" y=\"" + Num(y + 9) +
           "\" class=\"legend\">" + XmlEscape(name) + "</text>";
    lx += width;
  };
  std::vector<std::string> shown;  // bars side by side repeat their categories' names
  for (const ChartSeries& s : chart.series) {
    if (s.name.empty()) continue;
    if (!chart.groups.empty()) {
      if (std::find(shown.begin(), shown.end(), s.name) != shown.end()) continue;
      shown.push_back(s.name);
    }
    entry(s.name, Styled(s) ? 22 : 10, [&](double x, double y) {
      if (Styled(s)) return LineSample(s, x, y + 5);
      return "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"10\" height=\"10\" fill=\"" +
             Colour(s) + "\"/>";
    });
  }
  if (chart.groups.size() > 1) {
    for (const ChartGroup& g : chart.groups) {
      entry(g.name, 14, [&](double x, double y) {
        return "<rect x=\"" + Num(x) + "\" y=\"" + Num(y + 6) +
               "\" width=\"14\" height=\"4\" fill=\"" + g.colour + "\"/>";
      });
    }
  }
  return svg;
}

std::string Open(const ChartSpec& chart, const Axes& a, int legend_rows) {
  const double height = kHeight + 24 + kLegendRow * (legend_rows - 1);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(chart.width) +
                    " " + Num(height) + "\" class=\"chart\" role=\"img\">";
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
  svg += YTicks(chart, a);
  svg += "<text x=\"12\" y=\"" + Num(kTop + kPlotH / 2) + "\" class=\"unit\" " +
         "transform=\"rotate(-90 12 " + Num(kTop + kPlotH / 2) + ")\" text-anchor=\"middle\">" +
         XmlEscape(chart.y_unit) + "</text>";
  svg += XLabels(chart, a);
  if (!chart.x_title.empty()) {
    svg += "<text x=\"" + Num((kLeft + a.right) / 2) + "\" y=\"" + Num(kTop + kPlotH + 33) +
           "\" class=\"unit\" text-anchor=\"middle\">" + XmlEscape(chart.x_title) + "</text>";
  }
  return svg;
}

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

std::string ZeroLine(const ChartSpec& chart, const Axes& a) {
  if (!chart.zero_line) return "";
  const std::string y = Num(a.Y(0));
  return "<line x1=\"" + Num(kLeft) + "\" y1=\"" + y + "\" x2=\"" + Num(a.right) + "\" y2=\"" + y +
         "\" stroke=\"#334155\" stroke-width=\"1.5\"/>";
}

std::string TipValue(const ChartSpec& chart, const ChartSeries& s, size_t i) {
  if (i < s.tips.size()) return s.tips[i];
  const double v = i < s.values.size() ? s.values[i] : 0;
  return chart.full_values ? FullValue(v, 0.01) : ChartValue(v);
}

}  // namespace svg

using svg::Axes;
using svg::Num;

ChartSeries Series(const std::string& name, const std::string& colour, std::vector<double> values) {
  ChartSeries s;
  s.name = name;
  s.colour = colour;
  s.values = std::move(values);
  return s;
}

ChartSpec Chart(std::vector<std::string> x_labels, std::vector<ChartSeries> series,
                const std::string& y_unit, std::vector<ChartMarker> markers) {
  ChartSpec c;
  c.x_labels = std::move(x_labels);
  c.series = std::move(series);
  c.y_unit = y_unit;
  c.markers = std::move(markers);
  return c;
}

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

std::string FullValue(double v, double step) {
  int decimals = 0;
  for (double scaled = std::fabs(step); decimals < 6; ++decimals, scaled *= 10) {
    if (std::fabs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, scaled)) break;
  }
  return Thousands(v, decimals);
}

std::string LineChart(const ChartSpec& chart, bool stacked_area) {
  const size_t n = chart.x_labels.size();
  const bool numeric = !chart.x_values.empty();
  const auto at = [&](size_t i) { return numeric ? chart.x_values[i] : static_cast<double>(i); };
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
  // The x span: the positions' count, or the values' range on a numeric axis.
  double x_lo = 0, x_span = n > 1 ? static_cast<double>(n - 1) : 0;
  if (numeric && n > 0) {
    const auto [lo, hi] = std::minmax_element(chart.x_values.begin(), chart.x_values.end());
    x_lo = *lo;
    x_span = *hi - *lo;
  }
  Axes a =
      svg::NiceAxes(chart, svg::kLeft, x_span > 0 ? svg::PlotWidth(chart) / x_span : 0, min, max);
  a.x_lo = x_lo;
  int rows = 1;
  const std::string legend = svg::Legend(chart, &rows);
  std::string svg = svg::Open(chart, a, rows) + svg::ZeroLine(chart, a);
  std::vector<double> below(n, 0);
  for (size_t s = 0; s < tops.size(); ++s) {
    const ChartSeries& series = chart.series[s];
    std::string points;
    for (size_t i = 0; i < n; ++i) points += Num(a.X(at(i))) + "," + Num(a.Y(tops[s][i])) + " ";
    const std::string colour = svg::Colour(series);
    if (stacked_area) {
      std::string back;
      for (size_t i = n; i-- > 0;) back += Num(a.X(at(i))) + "," + Num(a.Y(below[i])) + " ";
      svg += "<polygon points=\"" + points + back + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.75\" stroke=\"none\"/>";
      below = tops[s];
      continue;
    }
    svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"2\"" +
           (series.dash.empty() ? "" : " stroke-dasharray=\"" + series.dash + "\"") + "/>";
    for (size_t i = 0; series.shape != PointShape::kNone && i < n; ++i) {
      const std::string tip =
          series.name + ", " + chart.x_labels[i] + ": " + svg::TipValue(chart, series, i);
      svg += svg::Mark(series.shape, a.X(at(i)), a.Y(tops[s][i]), colour, tip);
    }
  }
  return svg + svg::Markers(chart, a) + legend + "</svg>";
}

}  // namespace carriersim
