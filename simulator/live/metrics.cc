#include "simulator/live/metrics.h"

#include <cstdio>
#include <map>

#include "simulator/nas/emm_cause.h"

namespace carriersim {
namespace {

// Label values escaped as the text format wants: backslash, quote and line feed.
std::string Label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

void Family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void Sample(std::string& out, const char* name, const std::string& labels, double value) {
  char number[40];
  std::snprintf(number, sizeof number, "%.17g", value);
  out += std::string(name) + (labels.empty() ? "" : "{" + labels + "}") + " " + number + "\n";
}

void SimsByStatus(std::string& out, const LiveService& live) {
  const World& world = live.world();
  const Scenario& s = live.scenario();
  std::map<std::pair<uint32_t, StatusId>, uint64_t> sims;
  uint64_t online = 0;
  for (SimId sim = 0; sim < world.network().size(); ++sim) {
    ++sims[{world.directory().GroupOf(sim).carrier, world.network().status(sim)}];
    online += world.network().online(sim);
  }
  Family(out, "carriersim_sims", "gauge", "SIMs by carrier and subscriber status.");
  for (uint32_t c = 0; c < s.carriers.size(); ++c) {
    const CarrierProfile& p = s.carriers[c].profile;
    for (StatusId st = 0; st < p.statuses.size(); ++st) {
      const auto it = sims.find({c, st});
      Sample(out, "carriersim_sims",
             "carrier=\"" + Label(s.carriers[c].name) + "\",status=\"" + Label(p.statuses[st].name) + "\"",
             it == sims.end() ? 0 : static_cast<double>(it->second));
    }
  }
  Family(out, "carriersim_devices_online", "gauge", "Devices with an open data session.");
  Sample(out, "carriersim_devices_online", "", static_cast<double>(online));
}

void Signaling(std::string& out, const LiveService& live) {
  const SignalingCounters& c = live.world().recorder().signaling().total;
  Family(out, "carriersim_attach_attempts_total", "counter", "Attach requests that reached a cell.");
  Sample(out, "carriersim_attach_attempts_total", "", static_cast<double>(c.attach_attempts));
  Family(out, "carriersim_attach_accepts_total", "counter", "Attach requests accepted.");
  Sample(out, "carriersim_attach_accepts_total", "", static_cast<double>(c.attach_accepts));
  Family(out, "carriersim_attach_rejects_total", "counter", "Attach rejects, by EMM cause.");
  for (size_t cause = 0; cause < c.rejects_by_cause.size(); ++cause) {
    if (c.rejects_by_cause[cause] == 0) continue;
    Sample(out, "carriersim_attach_rejects_total", "cause=\"" + std::to_string(cause) + "\"",
           static_cast<double>(c.rejects_by_cause[cause]));
  }
}

void Fees(std::string& out, const LiveService& live) {
  const Scenario& s = live.scenario();
  std::vector<int64_t> micros(s.fee_categories.size());
  const FeeLedger& lines = live.world().ledger().lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t category = static_cast<size_t>(lines[i].category());
    if (category < micros.size()) micros[category] += lines[i].micros;
  }
  Family(out, "carriersim_fees_total", "counter",
         "Fees charged so far (periods closed up to now), by category, in the scenario's currency.");
  for (size_t k = 0; k < micros.size(); ++k) {
    Sample(out, "carriersim_fees_total",
           "category=\"" + Label(s.fee_categories[k]) + "\",currency=\"" + Label(s.currency.str()) + "\"",
           static_cast<double>(micros[k]) / 1e6);
  }
}

void Live(std::string& out, const LiveService& live) {
  uint64_t ok = 0, failed = 0;
  for (const Delivery& d : live.deliveries()) (d.error.empty() ? ok : failed) += 1;
  Family(out, "carriersim_webhook_deliveries_total", "counter",
         "Outgoing webhooks and callbacks, by whether the receiver answered 2xx.");
  Sample(out, "carriersim_webhook_deliveries_total", "result=\"delivered\"", static_cast<double>(ok));
  Sample(out, "carriersim_webhook_deliveries_total", "result=\"failed\"", static_cast<double>(failed));
  Family(out, "carriersim_requests_journaled_total", "counter",
         "Requests accepted and journaled since the session (re)started.");
  Sample(out, "carriersim_requests_journaled_total", "", static_cast<double>(live.journaled()));
  Family(out, "carriersim_simulated_time_seconds", "gauge",
         "The simulated time, in seconds since the Unix epoch.");
  Sample(out, "carriersim_simulated_time_seconds", "",
         static_cast<double>(live.scenario().start + live.now()) / 1000.0);
}

}  // namespace

std::string PrometheusMetrics(const LiveService& live) {
  std::string out;
  SimsByStatus(out, live);
  Signaling(out, live);
  Fees(out, live);
  Live(out, live);
  return out;
}

}  // namespace carriersim
