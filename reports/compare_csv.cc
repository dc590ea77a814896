// compare.csv and the console summary of `carriersim compare`.
#include <cmath>
#include <cstdio>

#include "reports/compare_reports.h"
#include "reports/csv.h"
#include "reports/human_format.h"
#include "simulator/base/units.h"

namespace carriersim {
namespace {

std::string Fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

const CompareSpec& SpecOf(const Comparison& c) { return c.family->spec; }

void Fields(CsvWriter& out, std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields) out.Field(f);
}

std::string Percent(double part, double whole) {
  if (whole == 0) return "";
  return Fixed(100.0 * part / whole, 1);
}

// Without a sweep, a row per variant: its total, the difference, and what the fleet went through.
std::string VariantTable(const Comparison& c) {
  const CompareSpec& spec = SpecOf(c);
  char line[320];
  std::snprintf(line, sizeof line, "  %-16s %14s %14s %8s %8s %8s %12s %10s\n", "variant",
                ("total " + c.currency).c_str(), "difference", "reactiv.", "forced", "silent",
                "attempts", "radio h/dev");
  std::string text = line;
  for (const PointResult& p : c.points) {
    // For people: separators, money to the cent, a mean of counts to one decimal (compare.csv
    // keeps every digit).
    const auto figure = [&](Figure f) {
      const double v = p.figures[static_cast<size_t>(f)].mean;
      if (f == Figure::kRadioMsPerDevice) return FormatFigureValue(f, v);
      return Thousands(v, v == std::floor(v) ? 0 : 1);
    };
    const auto money = [](double micros) { return Thousands(micros / 1e6, 2); };
    std::string total = money(p.figures[0].mean);
    if (spec.replicates > 1) total += "~";  // a mean
    const std::string delta =
        p.point.variant == 0
            ? "baseline"
            : (p.delta_total.mean > 0 ? "+" : "") + money(p.delta_total.mean);
    std::snprintf(line, sizeof line, "  %-16s %14s %14s %8s %8s %8s %12s %10s\n",
                  spec.variants[p.point.variant].name.c_str(), total.c_str(), delta.c_str(),
                  figure(Figure::kReactivations).c_str(), figure(Figure::kForcedReactivations).c_str(),
                  figure(Figure::kPowerCycleNeeded).c_str(), figure(Figure::kAttachAttempts).c_str(),
                  figure(Figure::kRadioMsPerDevice).c_str());
    text += line;
  }
  if (spec.replicates > 1) {
    text += "  (~: means of " + std::to_string(spec.replicates) +
            " replicates; compare.csv has their spread)\n";
  }
  text += "  silent: devices needing a power cycle at the end\n";
  return text;
}

}  // namespace

std::string FormatMicros(double micros) {
  return FormatAmount(static_cast<int64_t>(std::llround(micros)));
}

std::string FormatFigureValue(Figure figure, double value) {
  if (FigureIsMoney(figure)) return FormatMicros(value);
  if (figure == Figure::kRadioMsPerDevice) return Fixed(value / 3'600'000.0, 3);
  if (value == std::floor(value)) return Fixed(value, 0);
  return Fixed(value, 2);
}

std::string CompareCsv(const Comparison& c) {
  const CompareSpec& spec = SpecOf(c);
  const bool spread = spec.replicates > 1;
  std::string csv;
  CsvWriter out([&](std::string_view chunk) {
    csv += chunk;
    return true;
  });
  out.Field("variant");
  for (const SweepAxis& axis : spec.sweep) out.Field(spec.parameters[axis.parameter].name);
  Fields(out, {"replicates", "fees_total"});
  if (spread) Fields(out, {"fees_total_sd", "fees_total_ci95_low", "fees_total_ci95_high"});
  for (const std::string& category : c.categories) out.Field("fees_" + category);
  Fields(out, {"delta_total", "delta_total_percent"});
  if (spread) Fields(out, {"delta_total_ci95_low", "delta_total_ci95_high"});
  for (size_t f = 1; f < kFigureCount; ++f) out.Field(FigureName(Figure(f)));
  for (size_t f = 1; f < kFigureCount; ++f)
    out.Field("delta_" + std::string(FigureName(Figure(f))));
  out.Field("failed_expectations");
  out.EndRow();
  for (const PointResult& p : c.points) {
    out.Field(spec.variants[p.point.variant].name);
    for (size_t a = 0; a < spec.sweep.size(); ++a)
      out.Field(spec.sweep[a].values[p.point.sweep[a]].text);
    const Estimate& total = p.figures[0];
    out.Field(std::to_string(spec.replicates));
    out.Field(FormatMicros(total.mean));
    if (spread) {
      Fields(out, {FormatMicros(total.sd), FormatMicros(total.low()), FormatMicros(total.high())});
    }
    for (const Estimate& e : p.fees_by_category) out.Field(FormatMicros(e.mean));
    const double base = total.mean - p.delta_total.mean;
    Fields(out, {FormatMicros(p.delta_total.mean), Percent(p.delta_total.mean, base)});
    if (spread)
      Fields(out, {FormatMicros(p.delta_total.low()), FormatMicros(p.delta_total.high())});
    for (size_t f = 1; f < kFigureCount; ++f)
      out.Field(FormatFigureValue(Figure(f), p.figures[f].mean));
    for (size_t f = 1; f < kFigureCount; ++f) {
      out.Field(FormatFigureValue(Figure(f), p.delta_figures[f].mean));
    }
    out.Field(std::to_string(p.failures.size()));
    out.EndRow();
  }
  out.Finish();
  return csv;
}

std::string FormatCompareConsole(const Comparison& c) {
  const CompareSpec& spec = SpecOf(c);
  size_t per_variant = 1;
  for (const SweepAxis& axis : spec.sweep) per_variant *= axis.values.size();
  std::string text =
      c.name + ": " + std::to_string(spec.variants.size()) + " variant" +
      (spec.variants.size() == 1 ? "" : "s") + " x " + std::to_string(per_variant) +
      " sweep point" + (per_variant == 1 ? "" : "s") + " x " + std::to_string(spec.replicates) +
      " replicate" + (spec.replicates == 1 ? "" : "s") + " = " +
      std::to_string(c.points.size() * static_cast<size_t>(spec.replicates)) + " runs\n";
  for (const BreakEven& b : c.break_evens) text += "  break-even  " + b.sentence + "\n";
  if (spec.sweep.empty()) text += VariantTable(c);
  for (const PointResult& p : c.points) {
    for (const std::string& failure : p.failures) {
      text += "  FAIL  " + DescribeRunPoint(spec, p.point) + ": " + failure + "\n";
    }
  }
  for (const BreakEvenOutcome& check : c.checks) {
    text += std::string(check.passed ? "  PASS  " : "  FAIL  ") + "line " +
            std::to_string(check.check->line) + ": " + check.check->text +
            (check.passed ? "" : ": got " + check.actual) + "\n";
  }
  return text;
}

}  // namespace carriersim
