// /v1/sims/... and /v1/subscribers/...: the caller's carrier's SIMs, their verbs, status history
// and session events. A SIM is named by its simId (the ICCID) under /sims and by its IMSI under
// /subscribers; either way a SIM of another carrier is as unknown as one that does not exist.
#include <algorithm>
#include <string>

#include "simulator/base/calendar.h"
#include "simulator/live/carrier_sims.h"
#include "simulator/live/soracom_internal.h"

namespace carriersim {
namespace {

constexpr std::string_view kVerbWords[] = {"activate", "deactivate", "set_to_standby", "suspend",
                                           "terminate"};

UnixMillis Epoch(const LiveService& live, SimTime t) { return live.scenario().start + t; }

// The caller's SIMs, in order: [first, end) of each of the carrier's groups.
std::vector<std::pair<SimId, SimId>> CarrierRanges(const LiveService& live, uint32_t carrier) {
  std::vector<std::pair<SimId, SimId>> ranges;
  for (const GroupSpec& g : live.scenario().groups) {
    if (g.carrier != carrier || g.count == 0) continue;
    ranges.emplace_back(static_cast<SimId>(g.first_sim), static_cast<SimId>(g.first_sim + g.count));
  }
  std::sort(ranges.begin(), ranges.end());
  return ranges;
}

HttpResponse List(const LiveService& live, const ApiUser& user, const HttpRequest& request,
                  bool by_imsi) {
  HttpResponse error;
  const std::optional<int64_t> limit =
      QueryInt(request, "limit", 1, INT32_MAX, kDefaultPageSize, &error);
  if (!limit) return error;
  std::optional<SimId> after;
  if (const std::string* key = request.Query("last_evaluated_key"); key && !key->empty()) {
    after = CallerSim(live, user, *key, by_imsi);
    if (!after) return SoracomError(400, kBadRequest, "last_evaluated_key names no SIM of yours");
  }
  const size_t page = static_cast<size_t>(std::min(*limit, kMaxPageSize));
  Json items = Json::array();
  std::optional<SimId> last;
  bool more = false;
  for (const auto& [first, end] : CarrierRanges(live, user.carrier)) {
    SimId sim = after && *after >= first ? std::max(first, *after + 1) : first;
    for (; sim < end; ++sim) {
      if (items.size() == page) {
        more = true;
        break;
      }
      items.push_back(SimObject(live, sim));
      last = sim;
    }
    if (more) break;
  }
  HttpResponse response = JsonAnswer(200, items);
  if (more && last) {
    response.headers.emplace_back("x-soracom-next-key",
                                  by_imsi ? live.ids().Imsi(*last) : live.ids().Iccid(*last));
  }
  return response;
}

HttpResponse VerbAnswer(LiveService& live, SimId sim, const Outcome& outcome) {
  switch (outcome.refusal) {
    case Refusal::kNone:
      return JsonAnswer(200, SimObject(live, sim));
    case Refusal::kRole:
      return SoracomError(403, kForbidden, outcome.reason);
    default:  // plan, status, in progress, protected, channel: the request cannot be done now
      return SoracomError(400, kBadRequest, outcome.reason);
  }
}

HttpResponse Verb(LiveService& live, const ApiUser& user, SimId sim, std::string_view word) {
  const SimDirectory& directory = live.world().directory();
  TimelineAction action = SimAction(live.world(), sim, ActionKind::kVerb, user.role);
  if (word == "enable_termination" || word == "disable_termination") {
    action.kind = ActionKind::kTerminationProtection;
    action.enabled = word == "disable_termination";  // protection on: termination disabled
  } else {
    const std::optional<VerbId> verb = directory.ProfileOf(sim).ApiVerb(word);
    if (!verb) return SoracomError(400, kBadRequest, "this SIM's carrier has no " + std::string(word));
    action.verb = *verb;
  }
  return VerbAnswer(live, sim, live.Act(action, "soracom", user.name));
}

// Catches the per-SIM indexes up with the recorder: each record is looked at once.
void CatchUp(SoracomState& state, const Recorder& recorder) {
  const auto& changes = recorder.history().changes;
  for (; state.indexed_changes < changes.size(); ++state.indexed_changes) {
    state.changes_by_sim[changes[state.indexed_changes].sim].push_back(state.indexed_changes);
  }
  const auto& sessions = recorder.sessions().records;
  for (; state.indexed_sessions < sessions.size(); ++state.indexed_sessions) {
    state.sessions_by_sim[sessions[state.indexed_sessions].sim].push_back(state.indexed_sessions);
  }
}

const std::vector<uint64_t>& IndexOf(const std::unordered_map<SimId, std::vector<uint64_t>>& map,
                                     SimId sim) {
  static const std::vector<uint64_t> kNone;
  const auto it = map.find(sim);
  return it == map.end() ? kNone : it->second;
}

// Items newest first, `limit` of them, after the item `last_evaluated_key` points at (opaque:
// its position); pages by the x-soracom-next-key header.
template <typename Item>
HttpResponse Page(const LiveService& live, const HttpRequest& request, std::vector<Item> items,
                  Json (*to_json)(const LiveService&, const Item&)) {
  HttpResponse error;
  const std::optional<int64_t> limit = QueryInt(request, "limit", 1, 100, 100, &error);
  const std::optional<int64_t> start =
      QueryInt(request, "last_evaluated_key", 0, INT64_MAX, -1, &error);
  if (!limit || !start) return error;
  std::reverse(items.begin(), items.end());
  Json out = Json::array();
  size_t i = static_cast<size_t>(*start + 1);
  for (; i < items.size() && out.size() < static_cast<size_t>(*limit); ++i) {
    out.push_back(to_json(live, items[i]));
  }
  HttpResponse response = JsonAnswer(200, out);
  if (i < items.size()) response.headers.emplace_back("x-soracom-next-key", std::to_string(i - 1));
  return response;
}

Json ChangeJson(const LiveService& live, const StatusChange& c) {
  const CarrierProfile& profile = live.world().directory().ProfileOf(c.sim);
  Json j;
  j["simId"] = live.ids().Iccid(c.sim);
  j["imsi"] = live.ids().Imsi(c.sim);
  j["status"] = profile.ApiStatusName(c.to);
  j["previousStatus"] = profile.ApiStatusName(c.from);
  j["applyDateTimeEpochSec"] = Epoch(live, c.time) / 1000;
  j["subscription"] = profile.plans[live.world().network().plan(c.sim)].name;
  j["cause"] = ChangeCauseName(c.cause);
  return j;
}

struct SessionEvent {
  SimId sim;
  bool created;
  SimTime time;
};

Json SessionJson(const LiveService& live, const SessionEvent& e) {
  Json j;
  j["imsi"] = live.ids().Imsi(e.sim);
  j["simId"] = live.ids().Iccid(e.sim);
  j["event"] = e.created ? "Created" : "Deleted";
  j["time"] = Epoch(live, e.time);
  j["apn"] = "soracom.io";
  return j;
}

// from/to (ms since the epoch) bound an item's time, both ends included.
struct Range {
  int64_t from = 0;
  int64_t to = INT64_MAX;
  bool Has(UnixMillis t) const { return t >= from && t <= to; }
};

std::optional<Range> ReadRange(const HttpRequest& request, HttpResponse* error) {
  const std::optional<int64_t> from = QueryInt(request, "from", 0, INT64_MAX, 0, error);
  const std::optional<int64_t> to = QueryInt(request, "to", 0, INT64_MAX, INT64_MAX, error);
  if (!from || !to) return std::nullopt;
  return Range{*from, *to};
}

HttpResponse History(LiveService& live, SimId sim, const HttpRequest& request) {
  HttpResponse error;
  const std::optional<Range> range = ReadRange(request, &error);
  if (!range) return error;
  SoracomState& state = SoracomOf(live);
  const Recorder& recorder = live.world().recorder();
  CatchUp(state, recorder);
  std::vector<StatusChange> items;
  for (const uint64_t i : IndexOf(state.changes_by_sim, sim)) {
    const StatusChange& c = recorder.history().changes[i];
    if (range->Has(Epoch(live, c.time))) items.push_back(c);
  }
  return Page<StatusChange>(live, request, std::move(items), ChangeJson);
}

HttpResponse Sessions(LiveService& live, SimId sim, const HttpRequest& request) {
  HttpResponse error;
  const std::optional<Range> range = ReadRange(request, &error);
  if (!range) return error;
  SoracomState& state = SoracomOf(live);
  const Recorder& recorder = live.world().recorder();
  CatchUp(state, recorder);
  std::vector<SessionEvent> items;
  for (const uint64_t i : IndexOf(state.sessions_by_sim, sim)) {
    const SessionRecord& r = recorder.sessions().records[i];
    if (range->Has(Epoch(live, r.opened))) items.push_back({sim, true, r.opened});
    if (r.closed != kNever && range->Has(Epoch(live, r.closed))) {
      items.push_back({sim, false, r.closed});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const SessionEvent& a, const SessionEvent& b) { return a.time < b.time; });
  return Page<SessionEvent>(live, request, std::move(items), SessionJson);
}

HttpResponse OneSim(LiveService& live, const ApiUser& user, const HttpRequest& request,
                    bool by_imsi) {
  const std::vector<std::string>& s = request.segments;  // v1 sims ID [...]
  const std::optional<SimId> sim = CallerSim(live, user, s[2], by_imsi);
  if (!sim) return SoracomError(404, kNotFound, "no such SIM: " + s[2]);
  const std::string rest = s.size() == 3 ? "" : s.size() == 4 ? s[3] : s[3] + "/" + s[4];
  const bool is_verb = s.size() == 4 &&
                       (std::find(std::begin(kVerbWords), std::end(kVerbWords), s[3]) !=
                            std::end(kVerbWords) ||
                        s[3] == "enable_termination" || s[3] == "disable_termination");
  const std::string_view method = is_verb ? "POST" : "GET";
  if (!is_verb && rest != "" && rest != "statuses/history" && rest != "events/sessions") {
    return SoracomError(404, kNotFound, "no such API: " + request.path);
  }
  if (s.size() > 5) return SoracomError(404, kNotFound, "no such API: " + request.path);
  if (request.method != method) {
    return SoracomError(405, kBadMethod, "use " + std::string(method) + " for " + request.path);
  }
  if (is_verb) return Verb(live, user, *sim, s[3]);
  if (rest == "statuses/history") return History(live, *sim, request);
  if (rest == "events/sessions") return Sessions(live, *sim, request);
  return JsonAnswer(200, SimObject(live, *sim));
}

}  // namespace

std::optional<SimId> CallerSim(const LiveService& live, const ApiUser& user, std::string_view text,
                               bool by_imsi) {
  const std::optional<SimId> sim = by_imsi ? live.ids().FromImsi(text) : live.ids().FromIccid(text);
  const SimDirectory& directory = live.world().directory();
  if (!sim || *sim >= directory.size() || directory.GroupOf(*sim).carrier != user.carrier) {
    return std::nullopt;
  }
  return sim;
}

Json SimObject(const LiveService& live, SimId sim) {
  const World& world = live.world();
  const Network& network = world.network();
  const CarrierProfile& profile = world.directory().ProfileOf(sim);
  Json j;
  j["simId"] = live.ids().Iccid(sim);
  j["imsi"] = live.ids().Imsi(sim);
  j["primaryImsi"] = live.ids().Imsi(sim);
  j["iccid"] = live.ids().Iccid(sim);
  j["operatorId"] = OperatorId(world.directory().GroupOf(sim).carrier);
  j["status"] = profile.ApiStatusName(network.status(sim));
  j["subscription"] = profile.plans[network.plan(sim)].name;
  j["speedClass"] = "s1.standard";  // the simulator models no speed classes
  j["terminationEnabled"] = !network.termination_protected(sim);
  j["groupId"] = world.directory().GroupOf(sim).name;
  j["tags"] = Json{{"name", world.directory().SimName(sim)}};
  j["createdTime"] = live.scenario().start;
  j["lastModifiedTime"] = Epoch(live, network.stable_since(sim));
  Json session;
  session["online"] = network.online(sim) != 0;
  j["sessionStatus"] = session;
  return j;
}

HttpResponse SoracomSims(LiveService& live, const ApiUser& user, const HttpRequest& request) {
  const std::vector<std::string>& s = request.segments;
  const bool by_imsi = s[1] == "subscribers";
  if (s.size() == 2) {
    if (request.method != "GET") return SoracomError(405, kBadMethod, "use GET for " + request.path);
    return List(live, user, request, by_imsi);
  }
  return OneSim(live, user, request, by_imsi);
}

}  // namespace carriersim
