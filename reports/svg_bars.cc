// Bar charts: stacked by series, side by side by group, with an interval's whisker.
#include <algorithm>
#include <cmath>

#include "reports/svg_chart.h"
#include "reports/svg_chart_internal.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

using svg::Axes;
using svg::kLeft;
using svg::kPlotH;
using svg::kTop;
using svg::Num;

double ValueAt(const std::vector<double>& values, size_t i) {
  return i < values.size() ? values[i] : 0;
}

// Where each bar goes within its position's slot: one bar takes 70 % of the slot; several share
// 85 % of it, each 80 % of its share.
struct BarPlace {
  double slot, inner, share, bar;
  double Left(size_t i, size_t g) const {
    return kLeft + slot * static_cast<double>(i) + (slot - inner) / 2 +
           share * static_cast<double>(g) + (share - bar) / 2;
  }
};

BarPlace PlaceOf(const ChartSpec& chart, size_t n, size_t groups) {
  BarPlace p;
  const double plot = svg::PlotWidth(chart);
  p.slot = n > 0 ? plot / static_cast<double>(n) : plot;
  p.inner = p.slot * (groups == 1 ? 0.7 : 0.85);
  p.share = p.inner / static_cast<double>(groups);
  p.bar = std::max(1.0, groups == 1 ? p.inner : p.share * 0.8);
  return p;
}

// The lowest and highest value drawn: each bar's stack up and down from 0, and the whiskers.
std::pair<double, double> Range(const ChartSpec& chart, size_t n, size_t groups) {
  double lo = 0, hi = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t g = 0; g < groups; ++g) {
      double up = 0, down = 0;
      for (const ChartSeries& s : chart.series) {
        if (s.group != g) continue;
        const double v = ValueAt(s.values, i);
        (v > 0 ? up : down) += v;
        if (i < s.low.size()) lo = std::min(lo, s.low[i]);
        if (i < s.high.size()) hi = std::max(hi, s.high[i]);
      }
      hi = std::max(hi, up);
      lo = std::min(lo, down);
    }
  }
  return {lo, hi};
}

// The bar's segment of one series at position i, stacked on what is below (or above) it.
std::string Segment(const ChartSpec& chart, const ChartSeries& s, size_t i, double left, double bar,
                    double y, double h) {
  const std::string value = svg::TipValue(chart, s, i);
  std::string tip = s.name.empty() ? chart.x_labels[i] + ": " + value
                                   : s.name + " " + chart.x_labels[i] + ": " + value;
  if (chart.groups.size() > 1) {
    tip = chart.groups[s.group].name + ", " + chart.x_labels[i] + ": " + s.name + " " + value;
  }
  const std::string colour = i < s.colours.size() ? s.colours[i] : svg::Colour(s);
  return "<rect x=\"" + Num(left) + "\" y=\"" + Num(y) + "\" width=\"" + Num(bar) + "\" height=\"" +
         Num(h) + "\" fill=\"" + colour + "\"><title>" + XmlEscape(tip) + "</title></rect>";
}

// A 95 % interval as a vertical line with caps, over the bar's centre.
std::string Whisker(const Axes& a, double centre, double low, double high) {
  const std::string x = Num(centre), l = Num(centre - 4), r = Num(centre + 4);
  const std::string y1 = Num(a.Y(low)), y2 = Num(a.Y(high));
  const std::string stroke = "\" stroke=\"#111827\" stroke-width=\"1.2\"/>";
  return "<line x1=\"" + x + "\" y1=\"" + y1 + "\" x2=\"" + x + "\" y2=\"" + y2 + stroke +
         "<line x1=\"" + l + "\" y1=\"" + y1 + "\" x2=\"" + r + "\" y2=\"" + y1 + stroke +
         "<line x1=\"" + l + "\" y1=\"" + y2 + "\" x2=\"" + r + "\" y2=\"" + y2 + stroke;
}

}  // namespace

std::string BarChart(const ChartSpec& chart) {
  const size_t n = chart.x_labels.size();
  const size_t groups = std::max<size_t>(1, chart.groups.size());
  const BarPlace place = PlaceOf(chart, n, groups);
  const auto [lo, hi] = Range(chart, n, groups);
  Axes a = svg::NiceAxes(chart, kLeft + place.slot / 2, place.slot, lo, hi);
  int rows = 1;
  const std::string legend = svg::Legend(chart, &rows);
  std::string svg = svg::Open(chart, a, rows);
  const double range = a.y_max - a.y_min;
  std::string whiskers;
  for (size_t i = 0; i < n; ++i) {
    for (size_t g = 0; g < groups; ++g) {
      const double left = place.Left(i, g);
      double up = 0, down = 0;  // px stacked above and below 0 so far
      for (const ChartSeries& s : chart.series) {
        if (s.group != g) continue;
        const double v = ValueAt(s.values, i);
        if (i < s.low.size() && i < s.high.size()) {
          whiskers += Whisker(a, left + place.bar / 2, s.low[i], s.high[i]);
        }
        if (v == 0) continue;
        const double h = std::fabs(v) / range * kPlotH;
        svg += Segment(chart, s, i, left, place.bar, v > 0 ? a.Y(0) - up - h : a.Y(0) + down, h);
        (v > 0 ? up : down) += h;
      }
      if (groups > 1) {
        svg += "<rect x=\"" + Num(left) + "\" y=\"" + Num(kTop + kPlotH + 2) + "\" width=\"" +
               Num(place.bar) + "\" height=\"3\" fill=\"" + chart.groups[g].colour + "\"/>";
      }
    }
  }
  return svg + svg::ZeroLine(chart, a) + whiskers + svg::Markers(chart, a) + legend + "</svg>";
}

}  // namespace carriersim
