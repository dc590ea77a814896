#include "simulator/live/carrier_sims.h"
#include "simulator/live/event_handlers.h"

#include <algorithm>
#include <memory>

#include "simulator/base/calendar.h"
#include "simulator/live/soracom_internal.h"

namespace carriersim {
namespace {

// Something a rule may match, on one SIM.
struct Trigger {
  enum class Kind : uint8_t { kStatus, kSessionCreated, kSessionDeleted, kTraffic };
  Kind kind;
  SimId sim;
  SimTime time;
  StatusId from = 0;  // kStatus
  StatusId to = 0;
};

const char* EventName(Trigger::Kind kind) {
  switch (kind) {
    case Trigger::Kind::kStatus: return "statusChange";
    case Trigger::Kind::kSessionCreated: return "sessionCreated";
    case Trigger::Kind::kSessionDeleted: return "sessionDeleted";
    case Trigger::Kind::kTraffic: return "traffic";
  }
  return "";
}

bool IsTraffic(const LiveHandler& h) {
  return h.spec.rule == EventHandlerSpec::Rule::kDailyTraffic ||
         h.spec.rule == EventHandlerSpec::Rule::kMonthlyTraffic;
}

bool Targets(const LiveService& live, const LiveHandler& h, SimId sim) {
  const SimDirectory& directory = live.world().directory();
  return h.active && directory.GroupOf(sim).carrier == h.spec.carrier && (!h.sim || *h.sim == sim) &&
         (!h.group || *h.group == directory.group(sim));
}

bool Matches(const LiveHandler& h, const Trigger& t) {
  switch (h.spec.rule) {
    case EventHandlerSpec::Rule::kStatusChange:
      return t.kind == Trigger::Kind::kStatus && (!h.spec.status || *h.spec.status == t.to) &&
             (!h.from || *h.from == t.from);
    case EventHandlerSpec::Rule::kSessionStatus:
      return t.kind == (h.spec.online ? Trigger::Kind::kSessionCreated
                                      : Trigger::Kind::kSessionDeleted);
    default:
      return false;  // traffic rules are checked by Traffic()
  }
}

void Fire(LiveService& live, const LiveHandler& h, const Trigger& t) {
  const Network& network = live.world().network();
  const SimDirectory& directory = live.world().directory();
  const CarrierProfile& profile = directory.ProfileOf(t.sim);
  const bool change = t.kind == Trigger::Kind::kStatus;
  // Taken before any action: a status action must not change what a later webhook reports.
  const std::vector<std::pair<std::string, std::string>> values = {
      {"simId", live.ids().Iccid(t.sim)},
      {"iccid", live.ids().Iccid(t.sim)},
      {"imsi", live.ids().Imsi(t.sim)},
      {"status", profile.ApiStatusName(change ? t.to : network.status(t.sim))},
      {"previousStatus", change ? profile.ApiStatusName(t.from) : ""},
      {"time", std::to_string(live.scenario().start + t.time)},
      {"handlerId", h.id},
      {"handlerName", h.spec.name},
      {"event", EventName(t.kind)}};
  for (const HandlerAction& action : h.spec.actions) {
    if (action.kind == HandlerAction::Kind::kVerb) {
      TimelineAction a = SimAction(live.world(), t.sim, ActionKind::kVerb, "owner");
      a.verb = action.verb;
      live.Act(a, "event-handler", h.spec.name);
      continue;
    }
    OutgoingRequest request;
    request.spec = action.webhook;
    request.spec.url = SubstitutePlaceholders(action.webhook.url, values);
    request.spec.body = SubstitutePlaceholders(action.webhook.body, values);
    for (auto& [name, value] : request.spec.headers) value = SubstitutePlaceholders(value, values);
    request.at = live.now();
    request.reason = "event handler " + h.spec.name;
    live.Send(std::move(request));
  }
}

int64_t TotalBytes(const Network& network, SimId sim) {
  return network.uplink_bytes(sim) + network.downlink_bytes(sim);
}

// The SIM's traffic since the day and month began (or since watching began), moving its
// baselines on at a new period: what was accounted before the first look in a period counts
// for the period before.
struct TrafficNow {
  int64_t day_bytes, month_bytes, day, month;
};
TrafficNow ReadTraffic(const LiveService& live, SoracomState& st, SimId sim) {
  const UnixMillis t = live.scenario().start + live.now();
  const int64_t total = TotalBytes(live.world().network(), sim);
  const int64_t day = DayIndex(t), month = MonthIndex(t);
  auto [it, fresh] = st.traffic.try_emplace(sim, TrafficBase{day, month, total, total, total});
  TrafficBase& b = it->second;
  if (b.day != day) b = TrafficBase{day, b.month, b.last_bytes, b.month_bytes, b.last_bytes};
  if (b.month != month) b.month = month, b.month_bytes = b.last_bytes;
  b.last_bytes = total;
  return {total - b.day_bytes, total - b.month_bytes, day, month};
}

void Traffic(LiveService& live, SoracomState& st, std::vector<SimId> touched) {
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const SimId sim : touched) {
    const TrafficNow now = ReadTraffic(live, st, sim);
    for (size_t i = 0; i < st.handlers.size(); ++i) {
      const LiveHandler& h = st.handlers[i];
      if (!IsTraffic(h) || !Targets(live, h, sim)) continue;
      const bool daily = h.spec.rule == EventHandlerSpec::Rule::kDailyTraffic;
      const int64_t bytes = daily ? now.day_bytes : now.month_bytes;
      const int64_t period = daily ? now.day : now.month;
      const uint64_t key = h.uid << 32 | sim;
      const auto fired = st.fired.find(key);
      if (bytes < h.spec.bytes || (fired != st.fired.end() && fired->second == period)) continue;
      st.fired[key] = period;
      Fire(live, st.handlers[i], Trigger{Trigger::Kind::kTraffic, sim, live.now()});
    }
  }
}

// Whether any handler needs to hear of sessions closing (session and traffic rules).
bool WatchesCloses(const SoracomState& st) {
  return std::any_of(st.handlers.begin(), st.handlers.end(), [](const LiveHandler& h) {
    return h.spec.rule != EventHandlerSpec::Rule::kStatusChange;
  });
}

// What the recorder added since the last look, as triggers; the SIMs it touched.
std::vector<Trigger> Collect(const LiveService& live, SoracomState& st,
                             std::vector<SimId>* touched) {
  const Recorder& recorder = live.world().recorder();
  std::vector<Trigger> triggers;
  const auto& changes = recorder.history().changes;
  for (; st.seen_changes < changes.size(); ++st.seen_changes) {
    const StatusChange& c = changes[st.seen_changes];
    triggers.push_back({Trigger::Kind::kStatus, c.sim, c.time, c.from, c.to});
    touched->push_back(c.sim);
  }
  const bool closing = WatchesCloses(st);
  const auto& records = recorder.sessions().records;
  for (; st.seen_sessions < records.size(); ++st.seen_sessions) {
    const SessionRecord& r = records[st.seen_sessions];
    triggers.push_back({Trigger::Kind::kSessionCreated, r.sim, r.opened});
    if (closing) st.open_sessions.push_back(st.seen_sessions);
  }
  // Closes complete records in place: the ones seen open are looked at again.
  auto still_open = st.open_sessions.begin();
  for (const uint64_t i : st.open_sessions) {
    const SessionRecord& r = records[i];
    if (r.closed == kNever) {
      *still_open++ = i;
      continue;
    }
    triggers.push_back({Trigger::Kind::kSessionDeleted, r.sim, r.closed});
    touched->push_back(r.sim);
  }
  st.open_sessions.erase(still_open, st.open_sessions.end());
  std::stable_sort(triggers.begin(), triggers.end(),
                   [](const Trigger& a, const Trigger& b) { return a.time < b.time; });
  return triggers;
}

void Step(LiveService& live, SoracomState& st) {
  std::vector<SimId> touched;
  const std::vector<Trigger> triggers = Collect(live, st, &touched);
  if (st.handlers.empty()) return;
  for (const Trigger& t : triggers) {
    for (size_t i = 0; i < st.handlers.size(); ++i) {
      if (Targets(live, st.handlers[i], t.sim) && Matches(st.handlers[i], t)) {
        Fire(live, st.handlers[i], t);
      }
    }
  }
  if (std::any_of(st.handlers.begin(), st.handlers.end(), IsTraffic)) {
    Traffic(live, st, std::move(touched));
  }
}

void LoadScenarioHandlers(const LiveService& live, SoracomState& st) {
  for (const EventHandlerSpec& spec : live.scenario().live.handlers) {
    LiveHandler h;
    h.id = spec.name;
    h.uid = st.next_handler++;
    h.spec = spec;
    h.from_scenario = true;
    st.handlers.push_back(std::move(h));
  }
}

// Where the session is now: handlers see what happens from here on.
void StartWatching(LiveService& live, SoracomState& st) {
  st.seen_changes = live.world().recorder().history().changes.size();
  st.seen_sessions = live.world().recorder().sessions().records.size();
  for (const LiveHandler& h : st.handlers) WatchTraffic(live, st, h);
}

}  // namespace

void WatchTraffic(LiveService& live, SoracomState& st, const LiveHandler& h) {
  if (!IsTraffic(h)) return;
  // Baselines for the carrier's SIMs now, once per handler created: the traffic before a
  // handler existed does not count towards it.
  for (const GroupSpec& g : live.scenario().groups) {
    if (g.carrier != h.spec.carrier) continue;
    for (int64_t i = 0; i < g.count; ++i) ReadTraffic(live, st, static_cast<SimId>(g.first_sim + i));
  }
}

std::string SubstitutePlaceholders(std::string_view text,
                                   const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find("${", i);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const std::string_view name = text.substr(open + 2, close - open - 2);
    const auto it = std::find_if(values.begin(), values.end(),
                                 [&](const auto& v) { return v.first == name; });
    out.append(it != values.end() ? std::string_view(it->second)
                                  : text.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

SoracomState& SoracomOf(LiveService& live) {
  InstallEventHandlers(live);
  return live.ApiState<SoracomState>("soracom");
}

void InstallEventHandlers(LiveService& live) {
  SoracomState* st = &live.ApiState<SoracomState>("soracom");
  if (st->installed) return;
  st->installed = true;
  LoadScenarioHandlers(live, *st);
  StartWatching(live, *st);
  LiveService* service = &live;
  LiveObserver observer;
  observer.after_step = [service, st] { Step(*service, *st); };
  // A new world: everything indexed or seen belonged to the old one. Handlers created over the
  // API go with it, as a reset returns to what the scenario declares.
  observer.reset = [service, st] {
    const uint64_t next = st->next_handler;
    *st = SoracomState{};
    st->installed = true;
    st->next_handler = next;
    LoadScenarioHandlers(*service, *st);
    StartWatching(*service, *st);
  };
  live.AddObserver(std::move(observer));
}

}  // namespace carriersim
