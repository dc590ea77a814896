#include "simulator/live/journal.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

struct KindName {
  ActionKind kind;
  std::string_view name;
};
constexpr std::array<KindName, 21> kKinds{{
    {ActionKind::kVerb, "verb"},
    {ActionKind::kPowerOn, "power-on"},
    {ActionKind::kPowerOff, "power-off"},
    {ActionKind::kPowerCycle, "power-cycle"},
    {ActionKind::kReinsertSim, "reinsert-sim"},
    {ActionKind::kChangePlan, "change-plan"},
    {ActionKind::kTestMode, "test-mode"},
    {ActionKind::kTerminationProtection, "termination-protection"},
    {ActionKind::kUsageLimit, "usage-limit"},
    {ActionKind::kSendCommand, "send-command"},
    {ActionKind::kTerminateAccount, "terminate-account"},
    {ActionKind::kCellOutage, "cell-outage"},
    {ActionKind::kCellRestore, "cell-restore"},
    {ActionKind::kCoreOutage, "core-outage"},
    {ActionKind::kCoreRestore, "core-restore"},
    {ActionKind::kModemFunctionality, "modem-functionality"},
    {ActionKind::kModemReset, "modem-reset"},
    {ActionKind::kModemAutomatic, "modem-automatic"},
    {ActionKind::kModemPdn, "modem-pdn"},
    {ActionKind::kModemSend, "modem-send"},
    {ActionKind::kModemSms, "modem-sms"},
}};

std::string_view KindNameOf(ActionKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

bool AddressesSim(ActionKind kind) {
  switch (kind) {
    case ActionKind::kTerminateAccount:
    case ActionKind::kCellOutage:
    case ActionKind::kCellRestore:
    case ActionKind::kCoreOutage:
    case ActionKind::kCoreRestore:
      return false;
    default:
      return true;
  }
}

const CarrierProfile& ProfileOfTarget(const Scenario& s, const Target& t) {
  return s.carriers[s.groups[t.group].carrier].profile;
}

// A journal's line turned back into a request, or the reason it cannot be.
class LineReader {
 public:
  LineReader(const Scenario& scenario, const Json& line) : s_(scenario), j_(line) {}

  std::string Read(Request* r) {
    if (!j_.contains("t") || !j_["t"].is_number_integer()) return "no integer \"t\" (the time)";
    r->at = j_["t"].get<SimTime>();
    r->api = Text("api");
    r->who = Text("who");
    const std::string action = Text("action");
    bool known = false;
    for (const KindName& k : kKinds) {
      if (k.name == action) {
        r->action.kind = k.kind;
        known = true;
      }
    }
    if (!known) return "unknown action \"" + action + "\"";
    r->action.at = r->at;
    r->action.role = j_.contains("role") ? Text("role") : "owner";
    r->action.channel = j_.contains("channel") ? Text("channel") : "api";
    r->action.text = RequestText(r->action.kind, r->api);
    r->unchanged = Text("result") == "unchanged";
    if (AddressesSim(r->action.kind)) {
      if (std::string why = ReadSim(&r->action); !why.empty()) return why;
    }
    return ReadArguments(&r->action);
  }

 private:
  std::string Text(const char* key) const {
    return j_.contains(key) && j_[key].is_string() ? j_[key].get<std::string>() : "";
  }
  std::optional<int64_t> Integer(const char* key) const {
    if (!j_.contains(key) || !j_[key].is_number_integer()) return std::nullopt;
    return j_[key].get<int64_t>();
  }

  std::string ReadSim(TimelineAction* a) const {
    const std::string sim = Text("sim");
    const size_t hash = sim.rfind('#');
    if (hash == std::string::npos) return "no \"sim\" (GROUP#INDEX)";
    const std::string group = sim.substr(0, hash);
    for (uint32_t g = 0; g < s_.groups.size(); ++g) {
      if (s_.groups[g].name != group) continue;
      int64_t index = -1;
      try {
        size_t used = 0;
        index = std::stoll(sim.substr(hash + 1), &used);
        if (used != sim.size() - hash - 1) index = -1;
      } catch (const std::exception&) {
        index = -1;
      }
      if (index < 0 || index >= s_.groups[g].count) return "no SIM " + sim + " in the scenario";
      a->target = Target{Target::Kind::kSim, g, 0, 0, index};
      return "";
    }
    return "no group '" + group + "' in the scenario";
  }

  std::string ReadArguments(TimelineAction* a) const {
    switch (a->kind) {
      case ActionKind::kVerb: {
        const auto verb = ProfileOfTarget(s_, a->target).FindVerb(Text("verb"));
        if (!verb) return "no verb '" + Text("verb") + "' in the SIM's carrier profile";
        a->verb = *verb;
        return "";
      }
      case ActionKind::kChangePlan: {
        const auto plan = ProfileOfTarget(s_, a->target).FindPlan(Text("plan"));
        if (!plan) return "no plan '" + Text("plan") + "' in the SIM's carrier profile";
        a->plan = *plan;
        return "";
      }
      case ActionKind::kModemFunctionality: {
        const std::optional<int64_t> fun = Integer("fun");
        if (!fun || (*fun != 0 && *fun != 1 && *fun != 4)) return "no \"fun\" (0, 1 or 4)";
        a->amount = *fun;
        return "";
      }
      case ActionKind::kModemSend:
        if (!Integer("bytes") || *Integer("bytes") < 1) return "no \"bytes\" (an integer >= 1)";
        a->amount = *Integer("bytes");
        return "";
      case ActionKind::kModemAutomatic:
      case ActionKind::kModemPdn:
      case ActionKind::kTestMode:
      case ActionKind::kTerminationProtection:
        if (!j_.contains("enabled") || !j_["enabled"].is_boolean()) return "no \"enabled\"";
        a->enabled = j_["enabled"].get<bool>();
        return "";
      case ActionKind::kUsageLimit:
      case ActionKind::kSendCommand:
        if (!Integer("amount") || *Integer("amount") < 0) return "no \"amount\" (an integer >= 0)";
        a->amount = *Integer("amount");
        return "";
      case ActionKind::kTerminateAccount:
        for (uint32_t c = 0; c < s_.carriers.size(); ++c) {
          if (s_.carriers[c].name == Text("carrier")) {
            a->carrier = c;
            return "";
          }
        }
        return "no carrier '" + Text("carrier") + "' in the scenario";
      case ActionKind::kCellOutage:
      case ActionKind::kCellRestore:
        return ReadCells(a);
      default:
        return "";
    }
  }

  std::string ReadCells(TimelineAction* a) const {
    const std::optional<int64_t> count = Integer("cells");
    if (!count || *count < 1) return "no \"cells\" (how many, from \"first_cell\")";
    for (uint32_t c = 0; c < s_.cells.size(); ++c) {
      if (s_.cells[c].name != Text("first_cell")) continue;
      if (c + *count > static_cast<int64_t>(s_.cells.size())) return "more cells than exist";
      a->first_cell = c;
      a->cell_count = static_cast<uint32_t>(*count);
      a->until = Integer("until").value_or(kNever);
      return "";
    }
    return "no cell '" + Text("first_cell") + "' in the scenario";
  }

  const Scenario& s_;
  const Json& j_;
};

}  // namespace

std::string RequestText(ActionKind kind, std::string_view api) {
  return std::string(KindNameOf(kind)) + " (" + std::string(api) + ")";
}

std::string JournalLine(const Scenario& s, const Request& r) {
  const TimelineAction& a = r.action;
  Json j;
  j["t"] = r.at;
  j["time"] = FormatTimestamp(s.start + r.at);
  j["api"] = r.api;
  j["who"] = r.who;
  j["action"] = KindNameOf(a.kind);
  j["result"] = r.unchanged ? "unchanged" : "applied";
  if (AddressesSim(a.kind)) {
    const GroupSpec& group = s.groups[a.target.group];
    j["sim"] = group.name + "#" + std::to_string(a.target.index);
    const CarrierProfile& profile = ProfileOfTarget(s, a.target);
    if (a.kind == ActionKind::kVerb) j["verb"] = profile.verbs[a.verb].name;
    if (a.kind == ActionKind::kChangePlan) j["plan"] = profile.plans[a.plan].name;
    j["role"] = a.role;
    j["channel"] = a.channel;
  }
  switch (a.kind) {
    case ActionKind::kModemAutomatic:
    case ActionKind::kModemPdn:
    case ActionKind::kTestMode:
    case ActionKind::kTerminationProtection:
      j["enabled"] = a.enabled;
      break;
    case ActionKind::kModemFunctionality:
      j["fun"] = a.amount;
      break;
    case ActionKind::kModemSend:
      j["bytes"] = a.amount;
      break;
    case ActionKind::kUsageLimit:
    case ActionKind::kSendCommand:
      j["amount"] = a.amount;
      break;
    case ActionKind::kTerminateAccount:
      j["carrier"] = s.carriers[a.carrier].name;
      break;
    case ActionKind::kCellOutage:
    case ActionKind::kCellRestore:
      j["first_cell"] = s.cells[a.first_cell].name;
      j["cells"] = a.cell_count;
      if (a.until != kNever) j["until"] = a.until;
      break;
    default:
      break;
  }
  return j.dump();
}

std::string JournalEndLine(const Scenario& s, SimTime end) {
  Json j;
  j["end"] = end;
  j["time"] = FormatTimestamp(s.start + end);
  return j.dump();
}

std::optional<ReplayScript> ReadJournal(const std::string& file, const std::string& text,
                                        const Scenario& scenario, Diagnostics& diag) {
  ReplayScript script;
  bool ended = false;
  int line_number = 0;
  SimTime last = 0;
  const size_t errors_before = diag.count();
  for (size_t pos = 0; pos < text.size();) {
    const size_t eol = std::min(text.find('\n', pos), text.size());
    const std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    const SourceLocation where{file, line_number, 1};
    if (line.empty()) continue;
    if (ended) {
      diag.Error(where, "a line after the session's end line");
      break;
    }
    const Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      diag.Error(where, "not a JSON object");
      continue;
    }
    if (j.contains("end")) {
      if (!j["end"].is_number_integer() || j["end"].get<SimTime>() < last ||
          j["end"].get<SimTime>() > scenario.duration) {
        diag.Error(where, "\"end\" must be a time in ms from the last request to the scenario's "
                          "end (" + std::to_string(scenario.duration) + ")");
      } else {
        script.end = j["end"].get<SimTime>();
      }
      ended = true;
      continue;
    }
    Request r;
    if (std::string why = LineReader(scenario, j).Read(&r); !why.empty()) {
      diag.Error(where, why);
    } else if (r.at < last || r.at > scenario.duration) {
      diag.Error(where, "time " + std::to_string(r.at) + " is before the line above or after "
                        "the scenario's end");
    } else {
      last = r.at;
      script.requests.push_back(std::move(r));
    }
  }
  if (!ended && diag.count() == errors_before) {
    diag.Error({file, line_number, 1}, "no end line {\"end\": T}: the journal is incomplete");
  }
  if (diag.count() != errors_before) return std::nullopt;
  return script;
}

}  // namespace carriersim
