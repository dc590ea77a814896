// 27.005 messages: sending (+CMGS, in text and PDU mode), reading (+CMGR, +CMGL), deleting
// (+CMGD), and the indications of an SMS that arrives for the SIM (+CMTI, +CMT).
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"
#include "devices/at/at_sms_pdu.h"

namespace carriersim {

namespace {

using Form = AtForm;

// What a '>' prompt keeps: 160 characters typed in text mode (4 hex digits each with UCS2),
// or a PDU of the announced length behind a service centre address of at most 12 octets.
constexpr size_t kMaxTypedText = 640;
constexpr int kMaxTpduLength = 164;  // SMS-SUBMIT: 24 octets of header, 140 of user data
constexpr size_t kMaxSmscOctets = 12;
constexpr size_t kMaxAddress = 80;   // 20 digits, 4 hex digits each with UCS2
constexpr size_t kMaxSender = 20;
constexpr size_t kMaxTimestamp = 20;

// 27.005 3.1 <stat>: text mode's words by number.
constexpr std::string_view kStatWords[] = {"REC UNREAD", "REC READ", "STO UNSENT", "STO SENT",
                                           "ALL"};
constexpr int kStatAll = 4;

AtResult SendMessage(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (command.form != Form::kSet) return AtResult::Error();
  AtPrompt prompt;
  if (session.settings.sms_text_mode) {
    const auto destination = StringParam(command, 0);
    if (!destination || destination->empty() || destination->size() > kMaxAddress) {
      return AtResult::Cms(kCmsInvalidTextParameter);
    }
    prompt = AtPrompt{PromptKind::kSmsText, 0, kMaxTypedText, false, {}, *destination, 0, 0};
  } else {
    const auto length = IntParam(command, 0, 1, kMaxTpduLength);
    if (!length) return AtResult::Cms(kCmsInvalidPduParameter);
    const size_t hex_digits = 2 * (1 + kMaxSmscOctets + static_cast<size_t>(*length));
    prompt = AtPrompt{PromptKind::kSmsPdu, 0, hex_digits, false, {}, {}, *length, 0};
  }
  session.prompt = std::move(prompt);
  return AtResult::Prompt();
}

// The message the prompt holds is well formed: a PDU of the announced length, or text that
// fits one SMS.
AtResult CheckTypedMessage(const AtSession& session) {
  const AtPrompt& prompt = session.prompt;
  if (prompt.kind == PromptKind::kSmsPdu) {
    const auto pdu = prompt.overflowed ? std::nullopt : DecodePdu(prompt.data);
    const bool valid = pdu && pdu->submit && pdu->tpdu_length == prompt.pdu_length;
    return valid ? AtResult::Ok() : AtResult::Cms(kCmsInvalidPduParameter);
  }
  const auto text =
      prompt.overflowed ? std::nullopt : FromTeCharset(prompt.data, session.settings.charset);
  const bool valid = text && FitOneSms(*text) == *text;
  return valid ? AtResult::Ok() : AtResult::Cms(kCmsInvalidTextParameter);
}

std::string StoredStatus(const AtSession& session, const StoredSms& message) {
  const int stat = message.read ? 1 : 0;
  if (!session.settings.sms_text_mode) return std::to_string(stat);
  return "\"" + std::string(kStatWords[stat]) + "\"";
}

// Writes a stored message as +CMGR (index < 0) or +CMGL shows it: a header line, then the
// text or the PDU.
void ShowMessage(AtSession& session, const StoredSms& message, int index) {
  std::string header = index < 0 ? "+CMGR: " : "+CMGL: " + std::to_string(index) + ",";
  header += StoredStatus(session, message);
  if (session.settings.sms_text_mode) {
    const std::string& charset = session.settings.charset;
    session.Info(header + ",\"" + ToTeCharset(message.sms.sender, charset) + "\",,\"" +
                 message.sms.timestamp + "\"");
    session.Info(ToTeCharset(message.sms.text, charset));
    return;
  }
  const EncodedPdu pdu = EncodeDeliverPdu(message.sms, session.service_centre);
  session.Info(header + ",," + std::to_string(pdu.tpdu_length));
  session.Info(pdu.hex);
}

AtResult ReadMessage(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (command.form != Form::kSet) return AtResult::Error();
  const auto index = IntParam(command, 0, 0, 65535);
  StoredSms* message = index ? session.sms.At(*index) : nullptr;
  if (!message) return AtResult::Cms(kCmsInvalidMemoryIndex);
  ShowMessage(session, *message, -1);
  message->read = true;
  return AtResult::Ok();
}

// The <stat> +CMGL asks for: a number in PDU mode, words in text mode.
std::optional<int> ListedStatus(const AtSession& session, const AtCommand& command) {
  if (!session.settings.sms_text_mode) return IntParam(command, 0, 0, kStatAll, 0);
  const auto words = StringParam(command, 0, std::string(kStatWords[0]));
  for (int stat = 0; stat <= kStatAll; ++stat) {
    if (SameText(*words, kStatWords[stat])) return stat;
  }
  return std::nullopt;
}

AtResult ListMessages(AtSession& session, const AtCommand& command) {
  const bool text_mode = session.settings.sms_text_mode;
  if (command.form == Form::kTest) {
    session.Info(text_mode ? "+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO "
                             "SENT\",\"ALL\")"
                           : "+CMGL: (0-4)");
    return AtResult::Ok();
  }
  if (command.form == Form::kRead) return AtResult::Error();
  const auto stat = ListedStatus(session, command);
  if (!stat) {
    return AtResult::Cms(text_mode ? kCmsInvalidTextParameter : kCmsInvalidPduParameter);
  }
  for (int index = SmsStore::kFirstIndex; index < SmsStore::kFirstIndex + SmsStore::kCapacity;
       ++index) {
    StoredSms* message = session.sms.At(index);
    // Only received messages are stored: "STO UNSENT" and "STO SENT" list nothing.
    if (!message || (*stat != kStatAll && *stat != (message->read ? 1 : 0))) continue;
    ShowMessage(session, *message, index);
    message->read = true;
  }
  return AtResult::Ok();
}

std::string UsedIndexes(AtSession& session) {
  std::string list;
  for (int index = SmsStore::kFirstIndex; index < SmsStore::kFirstIndex + SmsStore::kCapacity;
       ++index) {
    if (session.sms.At(index)) list += (list.empty() ? "" : ",") + std::to_string(index);
  }
  return list;
}

// +CMGD=<index>[,<delflag>]: <delflag> 1 deletes the read messages, 2 and 3 also the sent and
// unsent ones (there are none), 4 all; 0 (or none) the one at <index>.
AtResult DeleteMessage(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+CMGD: (" + UsedIndexes(session) + "),(0-4)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const auto index = IntParam(command, 0, 0, 65535, 0);
  const auto flag = IntParam(command, 1, 0, 4, 0);
  if (!index || !flag) return AtResult::Error();
  const int first = SmsStore::kFirstIndex;
  const int last = SmsStore::kFirstIndex + SmsStore::kCapacity - 1;
  if (*flag == 0) {
    if (*index < first || *index > last) return AtResult::Cms(kCmsInvalidMemoryIndex);
    session.sms.Erase(*index);
    return AtResult::Ok();
  }
  for (int i = first; i <= last; ++i) {
    const StoredSms* message = session.sms.At(i);
    if (message && (*flag == kStatAll || message->read)) session.sms.Erase(i);
  }
  return AtResult::Ok();
}

constexpr AtCommandEntry kSmsMessageCommands[] = {
    {"+CMGS", SendMessage},
    {"+CMGR", ReadMessage},
    {"+CMGL", ListMessages},
    {"+CMGD", DeleteMessage},
};

// +CMT (27.005 3.4.1): the message itself, on a line of its own after the header.
std::string DeliveredText(const AtSession& session, const IncomingSms& sms) {
  const std::string line_end = LineEnd(session.settings);
  if (session.settings.sms_text_mode) {
    const std::string& charset = session.settings.charset;
    return "+CMT: \"" + ToTeCharset(sms.sender, charset) + "\",,\"" + sms.timestamp + "\"" +
           line_end + ToTeCharset(sms.text, charset);
  }
  const EncodedPdu pdu = EncodeDeliverPdu(sms, session.service_centre);
  return "+CMT: ," + std::to_string(pdu.tpdu_length) + line_end + pdu.hex;
}

}  // namespace

std::span<const AtCommandEntry> SmsMessageCommands() { return kSmsMessageCommands; }

AtResult CompleteSmsPrompt(AtSession& session) {
  const AtResult checked = CheckTypedMessage(session);
  if (!checked.ok()) return checked;
  if (!IsRegistered(session.status)) return AtResult::Cms(kCmsNoNetworkService);
  if (!session.link.SendSms()) return AtResult::Cms(kCmsUnknown);
  session.Info("+CMGS: " + std::to_string(session.next_message_reference++));
  return AtResult::Ok();
}

void ReportIncomingSms(AtSession& session, const IncomingSms& sms) {
  // Bounded as one SMS: a sender is a number or 11 characters, a text fits one message.
  const IncomingSms fitted{sms.sender.substr(0, kMaxSender), FitOneSms(sms.text),
                           sms.timestamp.substr(0, kMaxTimestamp)};
  const NewMessageIndication& cnmi = session.settings.cnmi;
  const bool indicate = cnmi.mode != 0 && session.status.powered;
  if (cnmi.mt == 2 && indicate) {
    session.Urc(DeliveredText(session, fitted));
    return;
  }
  const std::optional<int> index = session.sms.Add(fitted);
  if (!index) return;  // the SIM is full: the message is refused
  if (indicate && (cnmi.mt == 1 || cnmi.mt == 3)) {
    session.Urc("+CMTI: \"SM\"," + std::to_string(*index));
  }
}

}  // namespace carriersim
