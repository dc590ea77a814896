#include "reports/csv_reports.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "reports/csv.h"
#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

std::string AmountColumn(const World& world, std::string_view what) {
  std::string currency(world.scenario.currency.str());
  for (char& c : currency) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(what) + "_" + currency;
}

}  // namespace

std::string SimName(const World& world, uint32_t sim) {
  const GroupSpec& group = world.GroupOf(sim);
  return group.name + "#" + std::to_string(sim - group.first_sim);
}

bool ListedAtEnd(const World& world, uint32_t sim) {
  const StatusDef& status = world.StableStatusOf(sim);
  if (!status.final || status.retention.empty()) return true;
  const UnixMillis since = world.scenario.start + world.subscribers.stable_since[sim];
  return AddSpan(since, status.retention) > world.scenario.start + world.scenario.duration;
}

std::string LedgerCsv(const World& world) {
  std::string out;
  AppendCsvRow(out, {"time", "sim", "group", "carrier", "plan", "category", "quantity", "unit",
                     AmountColumn(world, "amount"), "description"});
  static constexpr std::string_view kUnits[] = {"days", "months", "once", "bytes"};
  // In time order (lines are charged when periods close, which is later than they start).
  std::vector<const FeeLine*> lines;
  lines.reserve(world.ledger.lines.size());
  for (const FeeLine& line : world.ledger.lines) lines.push_back(&line);
  std::stable_sort(lines.begin(), lines.end(), [](const FeeLine* a, const FeeLine* b) {
    return a->time != b->time ? a->time < b->time : a->sim < b->sim;
  });
  for (const FeeLine* line_ptr : lines) {
    const FeeLine& line = *line_ptr;
    const CarrierSpec& carrier = world.CarrierOf(line.sim);
    AppendCsvRow(out, {FormatTimestamp(world.scenario.start + line.time), SimName(world, line.sim),
                       world.GroupOf(line.sim).name, carrier.name,
                       carrier.profile.plans[line.plan].name, FeeCategoryName(line.category()),
                       std::to_string(line.quantity), kUnits[static_cast<int>(line.unit())],
                       FormatAmount(line.micros), DescribeFeeLine(world, line)});
  }
  return out;
}

std::string HistoryCsv(const World& world) {
  std::string out;
  AppendCsvRow(out, {"time", "sim", "group", "from", "to", "cause"});
  for (const StatusChange& c : world.history.changes) {
    const CarrierProfile& profile = world.ProfileOf(c.sim);
    AppendCsvRow(out, {FormatTimestamp(world.scenario.start + c.time), SimName(world, c.sim),
                       world.GroupOf(c.sim).name, profile.statuses[c.from].name,
                       profile.statuses[c.to].name, ChangeCauseName(c.cause)});
  }
  return out;
}

std::string SimsCsv(const World& world, const FeeSummary& fees) {
  std::string out;
  AppendCsvRow(out, {"sim", "group", "carrier", "plan", "status", "session", "listed",
                     "renewal_tracking_date", "uplink_bytes", "downlink_bytes", "online_ms",
                     "attach_attempts", AmountColumn(world, "fees")});
  const Subscribers& subs = world.subscribers;
  for (uint32_t sim = 0; sim < subs.size(); ++sim) {
    const SimTime renewal = world.billing.renewal_since(sim);
    AppendCsvRow(
        out, {SimName(world, sim), world.GroupOf(sim).name, world.CarrierOf(sim).name,
              world.PlanOf(sim).name, world.ProfileOf(sim).statuses[subs.status[sim]].name,
              subs.online[sim] ? "online" : "offline", ListedAtEnd(world, sim) ? "yes" : "no",
              renewal == kNever ? "" : FormatTimestamp(world.scenario.start + renewal),
              std::to_string(subs.uplink_bytes[sim]), std::to_string(subs.downlink_bytes[sim]),
              std::to_string(subs.online_ms[sim]), std::to_string(world.fleet.attach_attempts[sim]),
              FormatAmount(fees.by_sim[sim])});
  }
  return out;
}

}  // namespace carriersim
