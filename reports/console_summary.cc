#include "reports/console_summary.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/base/units.h"
#include "simulator/nas/emm_cause.h"

namespace carriersim {
namespace {

using Counts = std::vector<std::pair<std::string, int64_t>>;

// A label longer than its column ("at 1d 6h 10m 30s") is kept whole, one space from the text.
std::string Row(const std::string& label, const std::string& text) {
  constexpr size_t kColumn = 14;
  std::string row = "  " + label;
  row.resize(std::max(kColumn, row.size() + 1), ' ');
  return row + text + "\n";
}

// "active 10, suspended 2", or "none": the non-zero counts, in order.
std::string Join(const Counts& counts) {
  std::string text;
  for (const auto& [name, count] : counts) {
    if (count == 0) continue;
    text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  return text.empty() ? "none" : text;
}

// SIMs per status name, every carrier's statuses in profile order, each name once.
Counts StatusCounts(const RunResult& run) {
  const StatusCensus& census = run.census();
  const std::vector<int64_t> sims = census.ByColumn();
  Counts counts;
  for (size_t c = 0; c < sims.size(); ++c) counts.emplace_back(census.columns()[c], sims[c]);
  return counts;
}

std::string Signaling(const RunResult& run) {
  const SignalingCounters& sig = run.signaling().total;
  std::string rejects;
  for (size_t cause = 0; cause < sig.rejects_by_cause.size(); ++cause) {
    if (sig.rejects_by_cause[cause] == 0) continue;
    rejects += (rejects.empty() ? " (" : ", ") + std::string("#") + std::to_string(cause) + " " +
               std::string(EmmCauseName(static_cast<EmmCause>(cause))) + ": " +
               std::to_string(sig.rejects_by_cause[cause]);
  }
  if (!rejects.empty()) rejects += ")";
  return std::to_string(sig.attach_attempts) + " attach attempts, " +
         std::to_string(sig.attach_accepts) + " accepted, " + std::to_string(sig.AttachRejects()) +
         " rejected" + rejects + "; " + std::to_string(sig.network_detaches) + " network detaches";
}

std::string Fees(const RunResult& run) {
  const FeeTotals& fees = run.totals().all.fees;
  std::string categories;
  const std::vector<std::string>& names = run.scenario().fee_categories;
  for (size_t c = 0; c < names.size(); ++c) {
    const int64_t amount = fees.by_category[c];
    if (amount == 0) continue;
    categories += (categories.empty() ? "" : ", ") + names[c] + " " + FormatAmount(amount);
  }
  return FormatAmount(fees.total) + " " + std::string(run.scenario().currency.str()) +
         (categories.empty() ? "" : " (" + categories + ")") + " over " +
         std::to_string(run.totals().invoices.size()) + " monthly invoice(s)";
}

std::string Timeline(const RunResult& run) {
  std::string text;
  for (size_t i = 0; i < run.scenario().timeline.size(); ++i) {
    const TimelineAction& a = run.scenario().timeline[i];
    const ActionOutcome& o = run.actions()[i];
    std::string outcome = std::to_string(o.applied) + " applied";
    if (o.unchanged > 0) outcome += ", " + std::to_string(o.unchanged) + " unchanged";
    if (o.refused > 0) {
      outcome += ", " + std::to_string(o.refused) + " refused";
      for (const auto& [reason, count] : o.refusals) outcome += " (" + reason + ")";
    }
    text += Row("at " + FormatDuration(a.at), a.text + ": " + outcome);
  }
  return text;
}

// A time for people: whole seconds from 10 s on, where milliseconds say nothing more.
std::string Approx(SimTime t) {
  return FormatDuration(t < 10 * kSecond ? t : (t + kSecond / 2) / kSecond * kSecond);
}

// Each mass event: how many devices it hit, how many were back, and when 50/95/100 % were.
std::string RecoveryRows(const RunResult& run) {
  constexpr size_t kShown = 5;  // a timeline of many outages lists the first few
  const std::vector<MassEvent>& events = run.mass_events();
  std::string text;
  for (size_t i = 0; i < events.size() && i < kShown; ++i) {
    const MassEvent& e = events[i];
    std::string times;
    for (const uint64_t percent : {50, 95, 100}) {
      const std::optional<SimTime> t = e.BackBy(percent);
      times += (times.empty() ? "" : ", ") + std::string("p") + std::to_string(percent) + " " +
               (t ? Approx(*t) : std::string("never"));
    }
    text += Row("recovery", e.what + ": " + std::to_string(e.back.size()) + " of " +
                                std::to_string(e.affected) + " back; " + times);
  }
  if (const size_t more = events.size() > kShown ? events.size() - kShown : 0; more > 0) {
    text += Row("recovery", "and " + std::to_string(more) + " more mass event" +
                                (more == 1 ? "" : "s") + " (summary.json)");
  }
  return text;
}

// The energy proxy (DEV-4) per device: attach attempts and radio-on time, on average.
std::string Energy(const RunResult& run) {
  const SimTotals& all = run.totals().all;
  if (all.sims == 0) return "";
  char attempts[32];
  std::snprintf(attempts, sizeof attempts, "%.1f",
                static_cast<double>(all.attach_attempts) / static_cast<double>(all.sims));
  // Whole seconds: the mean of milliseconds says no more to a person.
  return Row("energy", std::string(attempts) + " attach attempts and " +
                           Approx(all.radio_ms / all.sims) + " radio-on per device (most " +
                           Approx(all.radio_ms_max) + "), " + std::to_string(all.modem_reboots) +
                           " modem reboots");
}

// SIMs the network forced out of a storm status (SOR-7): they pay active fees again.
std::string Forced(const RunResult& run) {
  constexpr size_t kNamed = 3;
  const std::vector<ForcedReactivation>& forced = run.forced_reactivations();
  if (forced.empty()) return Row("forced", "no reactivations after signaling storms");
  std::string text = std::to_string(forced.size()) + " reactivation" +
                     (forced.size() == 1 ? "" : "s") + " after signaling storms: ";
  for (size_t i = 0; i < forced.size() && i < kNamed; ++i) {
    text += (i == 0 ? "" : ", ") + run.directory().SimName(forced[i].sim) + " at " +
            Approx(forced[i].time);
  }
  return Row("forced", text + (forced.size() > kNamed ? ", ..." : ""));
}

std::string Expectations(const RunResult& run) {
  const std::vector<ExpectationResult>& results = run.expectations();
  if (results.empty()) return "";
  const size_t failed = run.expectation_failures();
  std::string text = Row("expect", std::to_string(results.size() - failed) + " passed, " +
                                       std::to_string(failed) + " failed");
  for (size_t i = 0; i < results.size(); ++i) {
    const Expectation& e = run.scenario().expectations[i];
    text += "    " + std::string(results[i].passed ? "PASS  " : "FAIL  ") + e.text + "  (got " +
            results[i].actual_text + ")";
    // A failure says where it is written, as the loader's errors do: editors jump to FILE:LINE.
    if (!results[i].passed) text += "  " + run.scenario().file + ":" + std::to_string(e.line);
    text += "\n";
  }
  return text;
}

}  // namespace

std::string FormatConsoleSummary(const RunResult& run) {
  const Scenario& s = run.scenario();
  const Totals& t = run.totals();
  std::string text =
      s.name + " (seed " + std::to_string(run.seed()) + "): " + FormatTimestamp(s.start) + " .. " +
      FormatTimestamp(s.start + s.duration) + " (" + FormatDuration(s.duration) + ")\n";
  text += Row("SIMs", std::to_string(s.sim_count) + " total, " + std::to_string(t.all.online) +
                          " online at the end; " + Join(StatusCounts(run)));
  text += Row("signaling", Signaling(run));
  char online[64];
  std::snprintf(online, sizeof online, "%.1f", static_cast<double>(t.all.online_ms) / kHour);
  text += Row("data", FormatDataSizeApprox(t.all.uplink_bytes) + " up, " +
                          FormatDataSizeApprox(t.all.downlink_bytes) + " down, " + online +
                          " SIM-hours online");
  text += Row("fees", Fees(run));
  Counts causes;
  for (int i = 0; i < kChangeCauseCount; ++i) {
    causes.emplace_back(std::string(ChangeCauseName(static_cast<ChangeCause>(i))),
                        t.changes_by_cause[static_cast<size_t>(i)]);
  }
  text += Row("history", std::to_string(run.history().size()) + " status changes: " + Join(causes));
  text += Forced(run);
  text += Energy(run);
  text += RecoveryRows(run);
  text += Timeline(run);
  text += Expectations(run);
  return text;
}

}  // namespace carriersim
