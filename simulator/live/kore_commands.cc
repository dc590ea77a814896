// POST /v1/Commands of the KORE-shaped API (Twilio Wireless v1 Commands): an SMS command to a
// SIM, form-encoded as Twilio takes it. It acts as the timeline's send-command does (counted
// towards the SIM's rules, KOR-2); a virtual modem announces it with its text (+CMTI).
#include "simulator/live/carrier_sims.h"
#include "simulator/live/kore_internal.h"
#include "simulator/live/sms_texts.h"

namespace carriersim {
namespace {

constexpr size_t kMaxCommand = 160;  // one SMS of the GSM 7-bit alphabet

const std::string* FormField(const HttpFields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

}  // namespace

HttpResponse KoreSendCommand(
    KoreCall& call, const std::function<std::optional<SimId>(const std::string&)>& find_sim) {
  if (call.request.method != "POST") return KoreError(405, 20004, "use POST for /v1/Commands");
  HttpFields form;
  if (!ParseForm(call.request.body, &form)) {
    return KoreError(400, 20001, "malformed form body (a bad percent escape)");
  }
  const std::string* sim_text = FormField(form, "Sim");
  const std::string* command = FormField(form, "Command");
  if (sim_text == nullptr || command == nullptr) {
    return KoreError(400, 21602, "Sim and Command are required");
  }
  if (command->empty() || command->size() > kMaxCommand) {
    return KoreError(400, 21605, "Command must be 1 to 160 characters");
  }
  const std::optional<SimId> sim = find_sim(*sim_text);
  if (!sim)
    return KoreError(404, 20404, "The requested resource Sim " + *sim_text + " was not found");
  LiveService& live = call.live;
  TimelineAction action = SimAction(live.world(), *sim, ActionKind::kSendCommand, call.user.role);
  action.amount = 1;
  // Its words wait for the SIM's virtual modem, which hears of the SMS while it is acted on.
  const bool external = live.world().devices().external(*sim);
  if (external) live.ApiState<SmsTexts>("sms-texts").Add(*sim, *command);
  const Outcome outcome = live.Act(action, "kore", call.user.name);
  if (outcome.result == VerbResult::kRefused) {
    if (external) live.ApiState<SmsTexts>("sms-texts").DropNewest(*sim);  // never sent
    return KoreError(400, 20001, outcome.reason);
  }
  const uint64_t n = live.journaled();
  Json j;
  j["sid"] = KoreSid("DC", *sim, n);
  j["account_sid"] = KoreAccountSid(live.scenario(), call.user.carrier);
  j["sim_sid"] = live.ids().Sid(*sim);
  j["command"] = *command;
  j["command_mode"] = "text";
  j["status"] = "sent";
  j["direction"] = "to_sim";
  j["date_created"] = KoreTime(live, live.now());
  j["url"] = call.base + "/v1/Commands/" + j["sid"].get<std::string>();
  return KoreJson(j, 201);
}

}  // namespace carriersim
