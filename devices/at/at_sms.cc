// 27.005 SMS settings: message format (+CMGF), character set (+CSCS), service centre (+CSCA),
// storage (+CPMS), new message indications (+CNMI), message service (+CSMS), text mode
// parameters (+CSMP) and acknowledgement (+CNMA); and the character sets text mode shows.
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"
#include "devices/at/at_sms_charset.h"

namespace carriersim {

namespace {

using Form = AtForm;

constexpr std::string_view kCharsets[] = {"GSM", "IRA", "UCS2"};
// The only message storage: the SIM's.
constexpr std::string_view kStorage = "SM";
constexpr size_t kMaxServiceCentre = 21;

AtResult MessageFormat(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CMGF: (0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info(session.settings.sms_text_mode ? "+CMGF: 1" : "+CMGF: 0");
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto mode = IntParam(command, 0, 0, 1, 0);
  if (!mode) return AtResult::Error();
  session.settings.sms_text_mode = *mode == 1;
  return AtResult::Ok();
}

AtResult CharacterSet(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CSCS: (\"GSM\",\"IRA\",\"UCS2\")");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CSCS: \"" + session.settings.charset + "\"");
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto charset = StringParam(command, 0);
  if (!charset) return AtResult::Error();
  for (std::string_view known : kCharsets) {
    if (SameText(*charset, known)) {
      session.settings.charset = std::string(known);
      return AtResult::Ok();
    }
  }
  return AtResult::Cme(kCmeOperationNotSupported);
}

AtResult ServiceCentre(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CSCA: \"" + session.service_centre + "\"," +
                   (session.service_centre.starts_with('+') ? "145" : "129"));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto address = StringParam(command, 0);
  if (!address || address->empty() || address->size() > kMaxServiceCentre) {
    return AtResult::Error();
  }
  session.service_centre = *address;
  return AtResult::Ok();
}

std::string StorageCounts(const AtSession& session) {
  return std::to_string(session.sms.used()) + "," + std::to_string(SmsStore::kCapacity);
}

// +CPMS=<mem1>[,<mem2>[,<mem3>]]: every memory is "SM".
AtResult PreferredStorage(AtSession& session, const AtCommand& command) {
  const std::string counts = StorageCounts(session);
  const std::string quoted = "\"" + std::string(kStorage) + "\",";
  switch (command.form) {
    case Form::kTest:
      session.Info("+CPMS: (\"SM\"),(\"SM\"),(\"SM\")");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CPMS: " + quoted + counts + "," + quoted + counts + "," + quoted + counts);
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  if (command.params.size() > 3 || !HasParam(command, 0)) return AtResult::Error();
  for (size_t i = 0; i < command.params.size(); ++i) {
    const auto memory = StringParam(command, i, std::string(kStorage));
    if (!SameText(*memory, kStorage)) return AtResult::Cms(kCmsOperationNotAllowed);
  }
  session.Info("+CPMS: " + counts + "," + counts + "," + counts);
  return AtResult::Ok();
}

AtResult NewMessageIndications(AtSession& session, const AtCommand& command) {
  NewMessageIndication& cnmi = session.settings.cnmi;
  switch (command.form) {
    case Form::kTest:
      session.Info("+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CNMI: " + std::to_string(cnmi.mode) + "," + std::to_string(cnmi.mt) + "," +
                   std::to_string(cnmi.bm) + "," + std::to_string(cnmi.ds) + "," +
                   std::to_string(cnmi.bfr));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto mode = IntParam(command, 0, 0, 3, cnmi.mode);
  const auto mt = IntParam(command, 1, 0, 3, cnmi.mt);
  const auto bm = IntParam(command, 2, 0, 3, cnmi.bm);
  const auto ds = IntParam(command, 3, 0, 2, cnmi.ds);
  const auto bfr = IntParam(command, 4, 0, 1, cnmi.bfr);
  if (!mode || !mt || !bm || !ds || !bfr || command.params.size() > 5) return AtResult::Error();
  cnmi = NewMessageIndication{*mode, *mt, *bm, *ds, *bfr};
  return AtResult::Ok();
}

// +CSMS: phase 2 messaging (0) without +CNMA acknowledgements; MT, MO and broadcast supported.
AtResult MessageService(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CSMS: (0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CSMS: 0,1,1,1");
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  if (!IntParam(command, 0, 0, 1)) return AtResult::Error();
  session.Info("+CSMS: 1,1,1");
  return AtResult::Ok();
}

// +CSMP: text mode's first octet (17: SMS-SUBMIT with a relative validity period), validity
// (167: one day), protocol and coding: shown, and any setting accepted.
AtResult TextModeParameters(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kRead) session.Info("+CSMP: 17,167,0,0");
  return command.form == Form::kAction ? AtResult::Error() : AtResult::Ok();
}

// +CNMA: nothing waits for an acknowledgement (+CSMS 0).
AtResult Acknowledge(AtSession&, const AtCommand& command) {
  return command.form == Form::kRead ? AtResult::Error() : AtResult::Ok();
}

constexpr AtCommandEntry kSmsCommands[] = {
    {"+CMGF", MessageFormat},         {"+CSCS", CharacterSet},
    {"+CSCA", ServiceCentre},         {"+CPMS", PreferredStorage},
    {"+CNMI", NewMessageIndications}, {"+CSMS", MessageService},
    {"+CSMP", TextModeParameters},    {"+CNMA", Acknowledge},
};

}  // namespace

std::span<const AtCommandEntry> SmsCommands() { return kSmsCommands; }

std::string ToTeCharset(std::string_view utf8, std::string_view charset) {
  const std::u32string text = DecodeUtf8(utf8);
  if (charset == "UCS2") return ToHex(ToUcs2(text));
  std::string ascii;
  for (char32_t c : text) {
    const bool printable = (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r';
    ascii.push_back(printable ? static_cast<char>(c) : '?');
  }
  return ascii;
}

std::optional<std::string> FromTeCharset(std::string_view text, std::string_view charset) {
  if (charset == "UCS2") {
    const auto octets = FromHex(text);
    if (!octets || octets->size() % 2 != 0) return std::nullopt;
    return EncodeUtf8(FromUcs2(*octets));
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) > 0x7E) return std::nullopt;
  }
  return std::string(text);
}

}  // namespace carriersim
