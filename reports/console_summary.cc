#include "reports/console_summary.h"

#include <cstdio>

#include "simulator/base/units.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

std::string Row(const std::string& label, const std::string& text) {
  std::string row = "  " + label;
  row.resize(14, ' ');
  return row + text + "\n";
}

std::string Counts(const Json& object) {
  std::string text;
  for (const auto& [name, count] : object.items()) {
    if (count.get<uint64_t>() == 0) continue;
    text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count.get<uint64_t>());
  }
  return text.empty() ? "none" : text;
}

}  // namespace

std::string FormatConsoleSummary(const Json& s) {
  const Json& scenario = s["scenario"];
  std::string text = scenario["name"].get<std::string>() + " (seed " +
                     std::to_string(scenario["seed"].get<uint64_t>()) +
                     "): " + scenario["start"].get<std::string>() + " .. " +
                     scenario["end"].get<std::string>() + " (" +
                     scenario["duration"].get<std::string>() + ")\n";

  const Json& sims = s["sims"];
  text += Row("SIMs", std::to_string(sims["total"].get<int64_t>()) + " total, " +
                          std::to_string(sims["online_at_end"].get<uint64_t>()) +
                          " online at the end; " + Counts(sims["by_status"]));

  const Json& sig = s["signaling"];
  std::string rejects;
  for (const Json& r : sig["rejects_by_cause"]) {
    rejects += (rejects.empty() ? " (" : ", ") + std::string("#") +
               std::to_string(r["cause"].get<int>()) + " " + r["name"].get<std::string>() + ": " +
               std::to_string(r["count"].get<uint64_t>());
  }
  if (!rejects.empty()) rejects += ")";
  text +=
      Row("signaling",
          std::to_string(sig["attach_attempts"].get<uint64_t>()) + " attach attempts, " +
              std::to_string(sig["attach_accepts"].get<uint64_t>()) + " accepted, " +
              std::to_string(sig["attach_rejects"].get<uint64_t>()) + " rejected" + rejects + "; " +
              std::to_string(sig["network_detaches"].get<uint64_t>()) + " network detaches");

  const Json& usage = s["usage"];
  char online[64];
  std::snprintf(online, sizeof online, "%.1f",
                static_cast<double>(usage["online_ms"].get<int64_t>()) / kHour);
  text += Row("data", FormatDataSizeApprox(usage["uplink_bytes"].get<int64_t>()) + " up, " +
                          FormatDataSizeApprox(usage["downlink_bytes"].get<int64_t>()) + " down, " +
                          online + " SIM-hours online");
  const Json& fees = s["fees"];
  std::string categories;
  for (const auto& [name, amount] : fees["by_category"].items()) {
    if (amount.get<std::string>() == "0.00") continue;
    categories += (categories.empty() ? "" : ", ") + name + " " + amount.get<std::string>();
  }
  text += Row("fees", fees["total"].get<std::string>() + " " + fees["currency"].get<std::string>() +
                          (categories.empty() ? "" : " (" + categories + ")") + " over " +
                          std::to_string(fees["invoices"].size()) + " monthly invoice(s)");
  text += Row("history", std::to_string(s["status_changes"]["total"].get<uint64_t>()) +
                             " status changes: " + Counts(s["status_changes"]["by_cause"]));
  for (const Json& a : s["timeline"]) {
    std::string outcome = std::to_string(a["applied"].get<uint64_t>()) + " applied";
    if (a["unchanged"].get<uint64_t>() > 0) {
      outcome += ", " + std::to_string(a["unchanged"].get<uint64_t>()) + " unchanged";
    }
    if (a["refused"].get<uint64_t>() > 0) {
      outcome += ", " + std::to_string(a["refused"].get<uint64_t>()) + " refused";
      for (const auto& [reason, count] : a["refusals"].items()) outcome += " (" + reason + ")";
    }
    text +=
        Row("at " + a["at"].get<std::string>(), a["action"].get<std::string>() + ": " + outcome);
  }
  const Json& expectations = s["expectations"];
  if (!expectations.empty()) {
    size_t failed = 0;
    for (const Json& e : expectations) failed += !e["passed"].get<bool>();
    text += Row("expect", std::to_string(expectations.size() - failed) + " passed, " +
                              std::to_string(failed) + " failed");
    for (const Json& e : expectations) {
      const bool passed = e["passed"].get<bool>();
      text += "    " + std::string(passed ? "PASS  " : "FAIL  ") +
              e["expectation"].get<std::string>() +
              "  (got " + e["actual"].get<std::string>() + ")\n";
    }
  }
  return text;
}

}  // namespace carriersim
