#include "reports/csv_reports.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "reports/fees.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"

namespace carriersim {

std::string AmountColumn(const Scenario& scenario, std::string_view what) {
  std::string currency(scenario.currency.str());
  for (char& c : currency) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(what) + "_" + currency;
}

std::string CsvToString(const std::function<void(CsvWriter&)>& write) {
  std::string text;
  CsvWriter out([&text](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  write(out);
  out.Finish();
  return text;
}

namespace {

// The dates of the run's days, formatted once for the whole report.
DateText RunDates(const Scenario& s) { return DateText(s.start, s.start + s.duration); }

void TimestampField(CsvWriter& out, const Scenario& s, const DateText& dates, SimTime t) {
  std::string& text = out.scratch();
  dates.AppendTimestamp(text, s.start + t);
  out.Field(text);
}

void SimNameField(CsvWriter& out, const SimDirectory& directory, uint32_t sim) {
  std::string& text = out.scratch();
  directory.AppendSimName(text, sim);
  out.Field(text);
}

void AmountField(CsvWriter& out, int64_t micros) {
  std::string& amount = out.scratch();
  AppendAmount(amount, micros);
  out.Field(amount);
}

}  // namespace

void WriteLedgerCsv(const RunResult& run, CsvWriter& out) {
  const Scenario& s = run.scenario();
  const SimDirectory& directory = run.directory();
  out.Row({"time", "sim", "group", "carrier", "plan", "category", "quantity", "unit",
           AmountColumn(s, "amount"), "description"});
  static constexpr std::string_view kUnits[] = {"days", "months", "once", "bytes"};
  // In time order (lines are charged when periods close, which is later than they start), then
  // by SIM, then as charged: sorted within bounded memory, on disk for a long ledger.
  const DateText dates = RunDates(s);
  run.ledger().ForEachByTime([&](const FeeLine& line) {
    const CarrierSpec& carrier = directory.CarrierOf(line.sim);
    TimestampField(out, s, dates, line.time);
    SimNameField(out, directory, line.sim);
    out.Field(directory.GroupOf(line.sim).name);
    out.Field(carrier.name);
    out.Field(carrier.profile.plans[line.plan].name);
    out.Field(FeeCategoryName(s.fee_categories, line.category()));
    out.Field(line.quantity);
    out.Field(kUnits[static_cast<int>(line.unit())]);
    AmountField(out, line.micros);
    std::string& description = out.scratch();
    AppendFeeDescription(description, directory, dates, line);
    out.Field(description);
    out.EndRow();
  });
}

void WriteHistoryCsv(const RunResult& run, CsvWriter& out) {
  const Scenario& s = run.scenario();
  const SimDirectory& directory = run.directory();
  out.Row({"time", "sim", "group", "from", "to", "cause"});
  const DateText dates = RunDates(s);
  for (const StatusChange& c : run.history()) {
    const CarrierProfile& profile = directory.ProfileOf(c.sim);
    TimestampField(out, s, dates, c.time);
    SimNameField(out, directory, c.sim);
    out.Field(directory.GroupOf(c.sim).name);
    out.Field(profile.statuses[c.from].name);
    out.Field(profile.statuses[c.to].name);
    out.Field(ChangeCauseName(c.cause));
    out.EndRow();
  }
}

void WriteSessionsCsv(const RunResult& run, CsvWriter& out) {
  const Scenario& s = run.scenario();
  const SimDirectory& directory = run.directory();
  out.Row({"sim", "group", "opened", "closed", "online_ms", "uplink_bytes", "downlink_bytes",
           "sms_sent", "end"});
  const DateText dates = RunDates(s);
  for (const SessionRecord& r : run.sessions()) {
    const bool open = r.closed == kNever;
    SimNameField(out, directory, r.sim);
    out.Field(directory.GroupOf(r.sim).name);
    TimestampField(out, s, dates, r.opened);
    if (open) {
      out.Field("");
    } else {
      TimestampField(out, s, dates, r.closed);
    }
    out.Field((open ? s.duration : r.closed) - r.opened);
    const TrafficTally usage = run.UsageOf(r);
    out.Field(usage.uplink);
    out.Field(usage.downlink);
    out.Field(usage.sms);
    out.Field(SessionEndName(r.end));
    out.EndRow();
  }
}

void WriteSimsCsv(const RunResult& run, CsvWriter& out) {
  const Scenario& s = run.scenario();
  const SimDirectory& directory = run.directory();
  std::vector<std::string> header = {
      "sim",           "group",          "carrier",     "plan",         "status",
      "session",       "listed",         "renewal_tracking_date",       "uplink_bytes",
      "downlink_bytes", "online_ms",     "sms_sent",    "commands_received",
      "attach_attempts", "attach_rejects", "pdn_requests", "cell",      "modem",
      "radio_on_ms",   "modem_reboots"};
  for (const std::string& category : s.fee_categories) {
    header.push_back(AmountColumn(s, "fees_" + category));
  }
  header.push_back(AmountColumn(s, "fees"));
  for (const std::string& column : header) out.Field(column);
  out.EndRow();
  const DateText dates = RunDates(s);
  for (uint32_t sim = 0; sim < directory.size(); ++sim) {
    const SimRow row = run.Sim(sim);
    const CarrierSpec& carrier = directory.CarrierOf(sim);
    SimNameField(out, directory, sim);
    out.Field(s.groups[row.group].name);
    out.Field(carrier.name);
    out.Field(carrier.profile.plans[row.plan].name);
    out.Field(carrier.profile.statuses[row.status].name);
    out.Field(row.online ? "online" : "offline");
    out.Field(row.listed ? "yes" : "no");
    if (row.renewal_since == kNever) {
      out.Field("");
    } else {
      TimestampField(out, s, dates, row.renewal_since);
    }
    out.Field(row.uplink_bytes);
    out.Field(row.downlink_bytes);
    out.Field(row.online_ms);
    out.Field(row.sms_sent);
    out.Field(row.commands_received);
    out.Field(row.attach_attempts);
    out.Field(row.attach_rejects);
    out.Field(row.pdn_requests);
    out.Field(s.cells[row.cell].name);
    out.Field(row.modem);
    out.Field(row.radio_ms);
    out.Field(row.modem_reboots);
    for (size_t c = 0; c < s.fee_categories.size(); ++c) AmountField(out, row.fees_by_category[c]);
    AmountField(out, row.fees);
    out.EndRow();
  }
}

std::string LedgerCsv(const RunResult& run) {
  return CsvToString([&](CsvWriter& out) { WriteLedgerCsv(run, out); });
}

std::string HistoryCsv(const RunResult& run) {
  return CsvToString([&](CsvWriter& out) { WriteHistoryCsv(run, out); });
}

std::string SessionsCsv(const RunResult& run) {
  return CsvToString([&](CsvWriter& out) { WriteSessionsCsv(run, out); });
}

std::string SimsCsv(const RunResult& run) {
  return CsvToString([&](CsvWriter& out) { WriteSimsCsv(run, out); });
}

}  // namespace carriersim
