// report.html's view of each group: what its devices did, spread over the devices (p50, p95)
// as well as summed, its fees by category, its SIMs per status, and how fast its devices came
// back from each mass event; and the energy proxy of every group side by side.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "reports/html_page.h"
#include "reports/html_sections.h"
#include "reports/human_format.h"
#include "reports/xml_escape.h"

namespace carriersim {
namespace {

using Format = std::string (*)(int64_t);

std::string Count(int64_t n) { return Thousands(n); }
std::string Hours(int64_t ms) { return HumanHours(ms); }
std::string Amount(int64_t micros) { return HumanAmount(micros); }

std::vector<std::string> DistributionRow(const std::string& what, const Distribution& s,
                                         Format format) {
  return {what,          format(s.total), format(static_cast<int64_t>(s.mean + 0.5)),
          format(s.p50), format(s.p95),   format(s.max)};
}

std::string DeviceTable(const Scenario& s, const GroupFigures& f) {
  HtmlTable table{{"per device", "total", "mean", "p50", "p95", "max"}, {}, {1, 2, 3, 4, 5}, {}};
  table.rows.push_back(DistributionRow("attach attempts", f.attempts, Count));
  table.rows.push_back(DistributionRow("rejects", f.rejects, Count));
  table.rows.push_back(DistributionRow("radio time", f.radio_ms, Hours));
  table.rows.push_back(DistributionRow("modem reboots", f.reboots, Count));
  table.rows.push_back(
      DistributionRow("fees (" + std::string(s.currency.str()) + ")", f.fees, Amount));
  return RenderTable(table);
}

std::string FeeTable(const RunResult& run, uint32_t g) {
  const Scenario& s = run.scenario();
  const FeeTotals& fees = run.totals().by_group[g].fees;
  HtmlTable table{{"fees by category", std::string(s.currency.str())}, {}, {1}, {}};
  for (size_t c = 0; c < s.fee_categories.size(); ++c) {
    if (fees.by_category[c] == 0) continue;
    table.rows.push_back({Swatch(ColourOf(s.fee_categories[c])) + XmlEscape(s.fee_categories[c]),
                          HumanAmount(fees.by_category[c])});
  }
  table.rows.push_back({"<b>total</b>", "<b>" + HumanAmount(fees.total) + "</b>"});
  return RenderTable(table);
}

std::string StatusTable(const RunResult& run, uint32_t g) {
  const Scenario& s = run.scenario();
  const std::vector<StatusDef>& statuses = s.carriers[s.groups[g].carrier].profile.statuses;
  HtmlTable table{{"SIMs at the end", ""}, {}, {1}, {}};
  for (StatusId st = 0; st < statuses.size(); ++st) {
    const int64_t n = run.census().InGroup(g, st);
    if (n == 0) continue;
    table.rows.push_back(
        {Swatch(ColourOf(statuses[st].name)) + XmlEscape(statuses[st].name), Thousands(n)});
  }
  table.rows.push_back({"online", Thousands(run.totals().by_group[g].online)});
  return RenderTable(table);
}

// Each mass event's recovery per group (RecoveryByGroup), taken once for every group's panel.
using RecoveryByEvent = std::vector<std::vector<GroupRecovery>>;

// One row per mass event that hit the group.
std::string RecoveryTable(const RunResult& run, const RecoveryByEvent& by_event, uint32_t g) {
  HtmlTable table{
      {"mass event", "at", "hit", "back", "50 % back", "95 %", "100 %"}, {}, {2, 3, 4, 5, 6}, {}};
  for (size_t i = 0; i < by_event.size(); ++i) {
    const MassEvent& e = run.mass_events()[i];
    for (const GroupRecovery& r : by_event[i]) {
      if (r.group != g) continue;
      std::vector<std::string> row{XmlEscape(e.what), HumanTime(run.scenario(), e.start)};
      for (std::string& cell : RecoveryCells(r.affected, r.back)) row.push_back(std::move(cell));
      table.rows.push_back(std::move(row));
    }
  }
  if (table.rows.empty()) return "";
  return "<h3>Recovery after mass events</h3>" + RenderTable(table);
}

// The device's reconnect policy in a few words: a preset by its name, else what it does.
std::string FirmwareText(const DeviceSpec& d) {
  if (d.external) return "external firmware";
  if (d.firmware.preset != "modem") return "firmware " + d.firmware.preset;
  const Backoff& b = d.firmware.retry;
  switch (d.firmware.retry_policy) {
    case RetryPolicy::kModem:
      return "the modem's own retries";
    case RetryPolicy::kFixed:
      return "firmware retries every " + HumanDuration(b.initial);
    case RetryPolicy::kExponential:
      break;
  }
  static constexpr const char* kJitter[] = {"no", "full", "equal", "decorrelated"};
  return "firmware back-off from " + HumanDuration(b.initial) + " x" +
         Thousands(static_cast<double>(b.multiplier_milli) / 1000, 1) + " to " +
         HumanDuration(b.cap) + ", " + kJitter[static_cast<size_t>(b.jitter)] + " jitter";
}

std::string Subtitle(const Scenario& s, const GroupSpec& g) {
  const CarrierSpec& carrier = s.carriers[g.carrier];
  const DeviceSpec& device = s.devices[g.device];
  return Thousands(g.count) + (g.count == 1 ? " SIM" : " SIMs") + "; carrier " + carrier.name +
         ", plan " + carrier.profile.plans[g.plan].name + "; device " + device.name + " (" +
         FirmwareText(device) + "); cell " + s.cell_sets[g.cell_set].name +
         (g.powered ? "" : "; off at the start");
}

template <typename T>
Distribution DistributionOf(std::vector<T>* values) {
  Distribution s;
  const size_t n = values->size();
  if (n == 0) return s;
  for (const T v : *values) s.total += static_cast<int64_t>(v);
  s.mean = static_cast<double>(s.total) / static_cast<double>(n);
  // Nearest rank, by selection: a group of millions is not sorted for three values.
  const auto at_rank = [values](size_t rank) {
    std::nth_element(values->begin(), values->begin() + static_cast<std::ptrdiff_t>(rank),
                     values->end());
    return static_cast<int64_t>((*values)[rank]);
  };
  s.p50 = at_rank((n * 50 + 99) / 100 - 1);
  s.p95 = at_rank((n * 95 + 99) / 100 - 1);
  s.max = static_cast<int64_t>(*std::max_element(values->begin(), values->end()));
  return s;
}

}  // namespace

std::vector<std::string> GroupColours(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const GroupSpec& g : scenario.groups) names.push_back(g.name);
  return DistinctColours(names);
}

// Two passes over a group's SIMs, three 4-byte columns then two 8-byte ones, so that at most 16
// bytes a SIM are held at once: with millions of SIMs these columns are what report.html's
// peak memory is made of.
std::vector<GroupFigures> FiguresByGroup(const RunResult& run) {
  std::vector<GroupFigures> figures;
  for (const GroupSpec& g : run.scenario().groups) {
    const auto count = static_cast<size_t>(g.count);
    GroupFigures f;
    {
      std::vector<uint32_t> attempts, rejects, reboots;
      for (auto* v : {&attempts, &rejects, &reboots}) v->reserve(count);
      for (size_t i = 0; i < count; ++i) {
        const SimRow row = run.SimWithoutCategories(static_cast<SimId>(g.first_sim + i));
        attempts.push_back(row.attach_attempts);
        rejects.push_back(row.attach_rejects);
        reboots.push_back(row.modem_reboots);
      }
      f.attempts = DistributionOf(&attempts);
      f.rejects = DistributionOf(&rejects);
      f.reboots = DistributionOf(&reboots);
    }
    std::vector<int64_t> radio, fees;
    for (auto* v : {&radio, &fees}) v->reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const SimRow row = run.SimWithoutCategories(static_cast<SimId>(g.first_sim + i));
      radio.push_back(row.radio_ms);
      fees.push_back(row.fees);
    }
    f.radio_ms = DistributionOf(&radio);
    f.fees = DistributionOf(&fees);
    figures.push_back(f);
  }
  return figures;
}

std::string GroupPanels(const RunResult& run, const std::vector<GroupFigures>& figures) {
  const Scenario& s = run.scenario();
  RecoveryByEvent by_event;
  for (const MassEvent& e : run.mass_events()) by_event.push_back(RecoveryByGroup(run, e));
  std::string html;
  for (uint32_t g = 0; g < s.groups.size(); ++g) {
    const std::string body = "<div class=\"cols\"><div>" + DeviceTable(s, figures[g]) +
                             "</div><div>" + FeeTable(run, g) + StatusTable(run, g) +
                             "</div></div>" + RecoveryTable(run, by_event, g);
    html += Section("Group " + s.groups[g].name, Subtitle(s, s.groups[g]), body,
                    "group-" + s.groups[g].name);
  }
  return html;
}

std::string EnergySection(const RunResult& run, const std::vector<GroupFigures>& figures) {
  const Scenario& s = run.scenario();
  const std::vector<std::string> colours = GroupColours(s);
  int64_t widest = 1;
  for (const GroupFigures& f : figures) widest = std::max(widest, f.radio_ms.p95);
  HtmlTable table{{"group", "devices", "attempts p50", "p95", "radio time p50", "p95", "",
                   "reboots p95", "radio time, all"},
                  {},
                  {1, 2, 3, 4, 5, 7, 8},
                  {}};
  for (uint32_t g = 0; g < s.groups.size(); ++g) {
    const GroupFigures& f = figures[g];
    const double share = 100.0 * static_cast<double>(f.radio_ms.p95) / static_cast<double>(widest);
    table.rows.push_back(
        {Swatch(colours[g]) + XmlEscape(s.groups[g].name), Thousands(s.groups[g].count),
         Thousands(f.attempts.p50), Thousands(f.attempts.p95), HumanHours(f.radio_ms.p50),
         HumanHours(f.radio_ms.p95),
         "<div style=\"width:120px\"><div class=\"bar\" style=\"width:" + Thousands(share, 1) +
             "%;background:" + colours[g] + "\"></div></div>",
         Thousands(f.reboots.p95), HumanHours(f.radio_ms.total)});
  }
  return RenderTable(table);
}

}  // namespace carriersim
