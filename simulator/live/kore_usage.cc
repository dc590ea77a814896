// GET /v1/Sims/{Sid}/UsageRecords and /DataSessions of the KORE-shaped API, computed from the
// run: the SIM's data sessions in the recorder's session log, and what its device sent in them
// (Devices::Traffic, the same function the network accounts usage with), so the bytes match
// the network's counters. NOTES-kore-hologram.md lists what is approximated.
#include "simulator/base/calendar.h"
#include "simulator/base/rng.h"
#include "simulator/live/kore_internal.h"

namespace carriersim {
namespace {

// Twilio's default window for usage: the month before End.
constexpr SimTime kDefaultUsageWindow = 30 * kDay;

// One data session of the SIM: [from, to), `to` being now while it is open.
struct Span {
  size_t record;
  SimTime from;
  SimTime to;
  bool open;
};

std::vector<Span> SessionsOf(const LiveService& live, SimId sim) {
  std::vector<Span> spans;
  size_t i = 0;
  for (const SessionRecord& r : live.world().recorder().sessions().records) {
    if (r.sim == sim) {
      const bool open = r.closed == kNever;
      spans.push_back({i, r.opened, open ? live.now() : r.closed, open});
    }
    ++i;
  }
  return spans;
}

TrafficTally TrafficIn(const World& world, SimId sim, const std::vector<Span>& spans, SimTime from,
                       SimTime to) {
  TrafficTally sum;
  for (const Span& s : spans) {
    const SimTime a = std::max(from, s.from), b = std::min(to, s.to);
    if (a >= b) continue;
    const TrafficTally t = world.devices().Traffic(sim, a, b);
    sum.sends += t.sends;
    sum.uplink += t.uplink;
    sum.downlink += t.downlink;
    sum.sms += t.sms;
  }
  return sum;
}

// A Start or End query parameter as simulated time, or false with the 400 in *error.
bool ReadTime(const KoreCall& call, const char* name, SimTime* out, HttpResponse* error) {
  const std::string* text = call.request.Query(name);
  if (text == nullptr) return true;
  std::string why;
  const std::optional<UnixMillis> t = ParseTimestamp(*text, &why);
  if (!t) {
    *error = KoreError(400, 20001, std::string(name) + " '" + *text + "': " + why);
    return false;
  }
  *out = *t - call.live.scenario().start;
  return true;
}

Json UsageRecord(const KoreCall& call, SimId sim, const std::vector<Span>& spans, SimTime from,
                 SimTime to, bool whole_run) {
  const World& world = call.live.world();
  const TrafficTally t = TrafficIn(world, sim, spans, from, to);
  const std::string currency(world.scenario().currency.str());
  Json j;
  j["sim_sid"] = call.live.ids().Sid(sim);
  j["account_sid"] = KoreAccountSid(world.scenario(), call.user.carrier);
  j["period"] = {{"start", KoreTime(call.live, from)}, {"end", KoreTime(call.live, to)}};
  // Commands sent to the SIM are counted by the network for the run only, not by time.
  const Json to_sim = whole_run ? Json(world.network().commands_received(sim)) : Json();
  j["commands"] = {{"billing_units", currency},
                   {"from_sim", t.sms},
                   {"to_sim", to_sim},
                   {"total", t.sms + (whole_run ? world.network().commands_received(sim) : 0)}};
  j["data"] = {{"billing_units", currency},
               {"upload", t.uplink},
               {"download", t.downlink},
               {"total", t.uplink + t.downlink},
               {"units", "bytes"}};
  return j;
}

}  // namespace

HttpResponse KoreUsageRecords(KoreCall& call, SimId sim) {
  KorePage page;
  HttpResponse error;
  if (!ReadKorePage(call.request, &page, &error)) return error;
  const SimTime now = call.live.now();
  SimTime end = now, start = kNever;
  if (!ReadTime(call, "End", &end, &error) || !ReadTime(call, "Start", &start, &error))
    return error;
  if (start == kNever) start = end - kDefaultUsageWindow;
  if (start > end) return KoreError(400, 20001, "Start is after End");
  // Nothing is known before the scenario's start or after the time reached.
  start = std::clamp<SimTime>(start, 0, now);
  end = std::clamp<SimTime>(end, 0, now);
  const std::string* granularity = call.request.Query("Granularity");
  SimTime unit = 0;  // all
  if (granularity != nullptr && *granularity != "all") {
    if (*granularity == "hourly")
      unit = kHour;
    else if (*granularity == "daily")
      unit = kDay;
    else
      return KoreError(400, 20001, "Granularity must be hourly, daily or all");
  }
  // Hours and days are UTC ones: buckets start at whole hours and days of the calendar.
  const UnixMillis origin = call.live.scenario().start;
  const SimTime first = unit == 0 ? start : (origin + start) / unit * unit - origin;
  const int64_t count = unit == 0 ? 1 : (end - first + unit - 1) / unit;
  const std::vector<Span> spans = SessionsOf(call.live, sim);
  const int64_t offset = page.token.value_or(page.page * page.size);
  Json records = Json::array();
  for (int64_t k = offset; k < count && k < offset + page.size; ++k) {
    const SimTime from = unit == 0 ? start : std::max(start, first + k * unit);
    const SimTime to = unit == 0 ? end : std::min(end, first + (k + 1) * unit);
    records.push_back(UsageRecord(call, sim, spans, from, to, unit == 0 && from == 0 && to == now));
  }
  HttpFields filters;
  for (const char* name : {"Start", "End", "Granularity"}) {
    if (const std::string* v = call.request.Query(name)) filters.emplace_back(name, *v);
  }
  const std::optional<int64_t> next =
      offset + page.size < count ? std::optional<int64_t>(offset + page.size) : std::nullopt;
  Json body;
  body["usage_records"] = std::move(records);
  body["meta"] = KoreMeta(call, "usage_records", filters, page, next);
  return KoreJson(body);
}

HttpResponse KoreDataSessions(KoreCall& call, SimId sim) {
  KorePage page;
  HttpResponse error;
  if (!ReadKorePage(call.request, &page, &error)) return error;
  const World& world = call.live.world();
  const std::vector<Span> spans = SessionsOf(call.live, sim);
  const int64_t count = static_cast<int64_t>(spans.size());
  const int64_t offset = page.token.value_or(page.page * page.size);
  Json sessions = Json::array();
  // Newest first, as Twilio lists them.
  for (int64_t k = offset; k < count && k < offset + page.size; ++k) {
    const Span& s = spans[static_cast<size_t>(count - 1 - k)];
    const TrafficTally t = TrafficIn(world, sim, {s}, s.from, s.to);
    Json j;
    j["sid"] = KoreSid("WN", Mix64(world.scenario().seed ^ 0x5e55), Mix64(s.record + 1));
    j["sim_sid"] = call.live.ids().Sid(sim);
    j["account_sid"] = KoreAccountSid(world.scenario(), call.user.carrier);
    j["radio_link"] = "LTE";
    j["operator_mcc"] = "001";  // the test network the SIMs' IMSIs use
    j["operator_mnc"] = "01";
    j["operator_country"] = nullptr;
    j["operator_name"] = "carriersim";
    j["cell_id"] = nullptr;
    j["cell_location_estimate"] = nullptr;
    // A send is one packet each way (DEV-3 models messages, not packets).
    j["packets_uploaded"] = t.uplink > 0 ? t.sends : 0;
    j["packets_downloaded"] = t.downlink > 0 ? t.sends : 0;
    j["last_updated"] = KoreTime(call.live, s.to);
    j["start"] = KoreTime(call.live, s.from);
    j["end"] = s.open ? Json() : Json(KoreTime(call.live, s.to));
    j["imei"] = nullptr;
    sessions.push_back(std::move(j));
  }
  const std::optional<int64_t> next =
      offset + page.size < count ? std::optional<int64_t>(offset + page.size) : std::nullopt;
  Json body;
  body["data_sessions"] = std::move(sessions);
  body["meta"] = KoreMeta(call, "data_sessions", {}, page, next);
  return KoreJson(body);
}

}  // namespace carriersim
