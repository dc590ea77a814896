#include "reports/csv_reports.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "reports/network_json.h"
#include "simulator/network/core_network.h"
#include "simulator/base/calendar.h"

namespace carriersim {

std::string AmountColumn(const World& world, std::string_view what) {
  std::string currency(world.scenario.currency.str());
  for (char& c : currency) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(what) + "_" + currency;
}

namespace {

// The dates of the run's days, formatted once for the whole report.
DateText RunDates(const World& world) {
  return DateText(world.scenario.start, world.scenario.start + world.scenario.duration);
}

void TimestampField(CsvWriter& out, const World& world, const DateText& dates, SimTime t) {
  std::string& text = out.scratch();
  dates.AppendTimestamp(text, world.scenario.start + t);
  out.Field(text);
}

void SimNameField(CsvWriter& out, const World& world, uint32_t sim) {
  std::string& text = out.scratch();
  AppendSimName(text, world, sim);
  out.Field(text);
}

template <typename WriteFn>
std::string CsvToString(WriteFn write) {
  std::string text;
  CsvWriter out([&text](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  write(out);
  out.Finish();
  return text;
}

}  // namespace

void AppendSimName(std::string& out, const World& world, uint32_t sim) {
  const GroupSpec& group = world.GroupOf(sim);
  out += group.name;
  out += '#';
  out += std::to_string(sim - group.first_sim);
}

std::string SimName(const World& world, uint32_t sim) {
  std::string out;
  AppendSimName(out, world, sim);
  return out;
}

bool ListedAtEnd(const World& world, uint32_t sim) {
  const StatusDef& status = world.StableStatusOf(sim);
  if (!status.final || status.retention.empty()) return true;
  const UnixMillis since = world.scenario.start + world.subscribers.stable_since[sim];
  return AddSpan(since, status.retention) > world.scenario.start + world.scenario.duration;
}

void WriteLedgerCsv(const World& world, CsvWriter& out) {
  out.Row({"time", "sim", "group", "carrier", "plan", "category", "quantity", "unit",
           AmountColumn(world, "amount"), "description"});
  static constexpr std::string_view kUnits[] = {"days", "months", "once", "bytes"};
  // In time order (lines are charged when periods close, which is later than they start), then
  // by SIM, then as charged: one packed key per line sorts fast and keeps equal lines in order.
  struct Key {
    SimTime time;
    uint64_t sim_and_index;
    bool operator<(const Key& o) const {
      return time != o.time ? time < o.time : sim_and_index < o.sim_and_index;
    }
  };
  const FeeLedger& lines = world.ledger.lines;
  // 2^32 lines would take 128 GiB of ledger before this point: far beyond any machine it runs on.
  if (lines.size() > UINT32_MAX) throw std::length_error("ledger too long to sort for ledger.csv");
  std::vector<Key> order(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    order[i] = {lines[i].time, uint64_t{lines[i].sim} << 32 | i};
  }
  std::sort(order.begin(), order.end());
  const DateText dates = RunDates(world);
  for (const Key& key : order) {
    const FeeLine line = lines[static_cast<uint32_t>(key.sim_and_index)];
    const CarrierSpec& carrier = world.CarrierOf(line.sim);
    TimestampField(out, world, dates, line.time);
    SimNameField(out, world, line.sim);
    out.Field(world.GroupOf(line.sim).name);
    out.Field(carrier.name);
    out.Field(carrier.profile.plans[line.plan].name);
    out.Field(FeeCategoryName(line.category()));
    out.Field(line.quantity);
    out.Field(kUnits[static_cast<int>(line.unit())]);
    std::string& amount = out.scratch();
    AppendAmount(amount, line.micros);
    out.Field(amount);
    std::string& description = out.scratch();
    AppendFeeDescription(description, world, dates, line);
    out.Field(description);
    out.EndRow();
  }
}

void WriteHistoryCsv(const World& world, CsvWriter& out) {
  out.Row({"time", "sim", "group", "from", "to", "cause"});
  const DateText dates = RunDates(world);
  for (const StatusChange& c : world.history.changes) {
    const CarrierProfile& profile = world.ProfileOf(c.sim);
    TimestampField(out, world, dates, c.time);
    SimNameField(out, world, c.sim);
    out.Field(world.GroupOf(c.sim).name);
    out.Field(profile.statuses[c.from].name);
    out.Field(profile.statuses[c.to].name);
    out.Field(ChangeCauseName(c.cause));
    out.EndRow();
  }
}

void WriteSessionsCsv(const World& world, CsvWriter& out) {
  out.Row({"sim", "group", "opened", "closed", "online_ms", "uplink_bytes", "downlink_bytes",
           "sms_sent", "end"});
  const DateText dates = RunDates(world);
  const ChunkedVector<SessionRecord>& records = world.sessions.records;
  for (size_t i = 0; i < records.size(); ++i) {
    const SessionRecord& r = records[i];
    const bool open = r.closed == kNever;
    SimNameField(out, world, r.sim);
    out.Field(world.GroupOf(r.sim).name);
    TimestampField(out, world, dates, r.opened);
    if (open) {
      out.Field("");
    } else {
      TimestampField(out, world, dates, r.closed);
    }
    out.Field((open ? world.scenario.duration : r.closed) - r.opened);
    const SessionUsage usage = UsageOf(world, r);
    out.Field(usage.uplink);
    out.Field(usage.downlink);
    out.Field(usage.sms);
    out.Field(SessionEndName(r.end));
    out.EndRow();
  }
}

void WriteSimsCsv(const World& world, const FeeSummary& fees, CsvWriter& out) {
  std::vector<std::string> header = {
      "sim",           "group",          "carrier",     "plan",         "status",
      "session",       "listed",         "renewal_tracking_date",       "uplink_bytes",
      "downlink_bytes", "online_ms",     "sms_sent",    "commands_received",
      "attach_attempts", "attach_rejects", "pdn_requests", "cell",      "modem",
      "radio_on_ms",   "modem_reboots"};
  for (int c = 0; c < kFeeCategoryCount; ++c) {
    header.push_back(AmountColumn(
        world, "fees_" + std::string(FeeCategoryName(static_cast<FeeCategory>(c)))));
  }
  header.push_back(AmountColumn(world, "fees"));
  for (const std::string& column : header) out.Field(column);
  out.EndRow();
  // Fees by category per SIM: a pass over the ledger, kept only while the report is written.
  std::vector<std::array<int64_t, kFeeCategoryCount>> by_category(world.subscribers.size());
  for (const FeeLine& line : world.ledger.lines) {
    by_category[line.sim][static_cast<size_t>(line.category())] += line.micros;
  }
  const Subscribers& subs = world.subscribers;
  const DateText dates = RunDates(world);
  for (uint32_t sim = 0; sim < subs.size(); ++sim) {
    SimNameField(out, world, sim);
    out.Field(world.GroupOf(sim).name);
    out.Field(world.CarrierOf(sim).name);
    out.Field(world.PlanOf(sim).name);
    out.Field(world.ProfileOf(sim).statuses[subs.status[sim]].name);
    out.Field(subs.online[sim] ? "online" : "offline");
    out.Field(ListedAtEnd(world, sim) ? "yes" : "no");
    const SimTime renewal = world.billing.renewal_since(sim);
    if (renewal == kNever) {
      out.Field("");
    } else {
      TimestampField(out, world, dates, renewal);
    }
    out.Field(subs.uplink_bytes[sim]);
    out.Field(subs.downlink_bytes[sim]);
    out.Field(subs.online_ms[sim]);
    out.Field(subs.sms_sent[sim]);
    out.Field(subs.commands_received[sim]);
    out.Field(world.fleet.attach_attempts[sim]);
    out.Field(world.fleet.rejects[sim]);
    out.Field(world.fleet.pdn_requests[sim]);
    out.Field(world.scenario.cells[world.fleet.cell[sim]].name);
    out.Field(ModemStateName(world.fleet.modem[sim]));
    out.Field(world.fleet.radio_ms[sim]);
    out.Field(world.fleet.reboots[sim]);
    for (const int64_t micros : by_category[sim]) {
      std::string& part = out.scratch();
      AppendAmount(part, micros);
      out.Field(part);
    }
    std::string& amount = out.scratch();
    AppendAmount(amount, fees.by_sim[sim]);
    out.Field(amount);
    out.EndRow();
  }
}

std::string LedgerCsv(const World& world) {
  return CsvToString([&](CsvWriter& out) { WriteLedgerCsv(world, out); });
}

std::string HistoryCsv(const World& world) {
  return CsvToString([&](CsvWriter& out) { WriteHistoryCsv(world, out); });
}

std::string SessionsCsv(const World& world) {
  return CsvToString([&](CsvWriter& out) { WriteSessionsCsv(world, out); });
}

std::string SimsCsv(const World& world, const FeeSummary& fees) {
  return CsvToString([&](CsvWriter& out) { WriteSimsCsv(world, fees, out); });
}

}  // namespace carriersim
