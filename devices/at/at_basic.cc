// V.250 basic commands (E, V, Q, Z, &F, I, S3/S4/S5 and the ones firmware sends by habit:
// &C, &D, &K, &W, X), identity (+CGMI, +CGMM, +CGMR, +CGSN and V.250's +GMI, +GMM, +GMR, +GSN,
// +CIMI, +CCID, +QCCID), the SIM (+CPIN) and the serial line (+CMEE, +IPR, +CHUP, +GCAP).
#include <algorithm>
#include <optional>
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"

namespace carriersim {

namespace {

using Form = AtForm;

// A basic command's one-digit switch ("E", "E0", "E1"), each value in [lo, hi].
std::optional<int> BasicValue(const AtCommand& command, int lo, int hi) {
  if (command.form != Form::kAction) return std::nullopt;
  return IntParam(command, 0, lo, hi, 0);
}

AtResult Echo(AtSession& session, const AtCommand& command) {
  const auto value = BasicValue(command, 0, 1);
  if (!value) return AtResult::Error();
  session.settings.echo = *value == 1;
  return AtResult::Ok();
}

AtResult Verbose(AtSession& session, const AtCommand& command) {
  const auto value = BasicValue(command, 0, 1);
  if (!value) return AtResult::Error();
  session.settings.verbose = *value == 1;
  return AtResult::Ok();
}

AtResult Quiet(AtSession& session, const AtCommand& command) {
  const auto value = BasicValue(command, 0, 1);
  if (!value) return AtResult::Error();
  session.settings.quiet = *value == 1;
  return AtResult::Ok();
}

// ATZ and AT&F: back to the factory settings. Contexts, stored SMS and sockets stay: they are
// the SIM's and the network's, not the serial line's.
AtResult Defaults(AtSession& session, const AtCommand& command) {
  if (!BasicValue(command, 0, 0)) return AtResult::Error();
  session.settings = AtSettings{};
  return AtResult::Ok();
}

// Basic commands firmware sends by habit whose effect a pseudo-terminal has no use for: DCD and
// DTR handling (&C, &D), flow control (&K), result code selection (X), storing a profile (&W).
template <int kLo, int kHi>
AtResult Accepted(AtSession&, const AtCommand& command) {
  return BasicValue(command, kLo, kHi) ? AtResult::Ok() : AtResult::Error();
}

AtResult Information(AtSession& session, const AtCommand& command) {
  if (!BasicValue(command, 0, 0)) return AtResult::Error();
  const ModemIdentity& identity = session.link.Identity();
  session.Info(identity.manufacturer);
  session.Info(identity.model);
  session.Info("Revision: " + identity.revision);
  return AtResult::Ok();
}

// S3, S4 and S5: the characters of the line discipline (V.250 6.2.1-6.2.3), 0..127.
AtResult SRegister(AtSession& session, const AtCommand& command) {
  uint8_t* value = command.name == "S3"   ? &session.settings.s3
                   : command.name == "S4" ? &session.settings.s4
                                          : &session.settings.s5;
  if (command.form == Form::kRead) {
    const std::string digits = std::to_string(*value);
    session.Info(std::string(3 - std::min<size_t>(3, digits.size()), '0') + digits);
    return AtResult::Ok();
  }
  const auto set = IntParam(command, 0, 0, 127);
  if (!set) return AtResult::Error();
  *value = static_cast<uint8_t>(*set);
  return AtResult::Ok();
}

// An identity command: answers `text` to the action form, OK to the test form.
AtResult Identity(AtSession& session, const AtCommand& command, const std::string& text) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (command.form != Form::kAction) return AtResult::Error();
  session.Info(text);
  return AtResult::Ok();
}

AtResult Manufacturer(AtSession& session, const AtCommand& command) {
  return Identity(session, command, session.link.Identity().manufacturer);
}
AtResult Model(AtSession& session, const AtCommand& command) {
  return Identity(session, command, session.link.Identity().model);
}
AtResult Revision(AtSession& session, const AtCommand& command) {
  return Identity(session, command, session.link.Identity().revision);
}
// AT+CGSN, and 27.007's AT+CGSN=<snt>: 0 the IMEI alone, 1 "+CGSN: "<IMEI>"" (the IMEISV and
// the software version, 2 and 3, are not known).
AtResult Imei(AtSession& session, const AtCommand& command) {
  const std::string& imei = session.link.Identity().imei;
  if (command.form != Form::kSet || command.name != "+CGSN") {
    return Identity(session, command, imei);
  }
  const auto type = IntParam(command, 0, 0, 3, 0);
  if (!type || *type > 1) return AtResult::Cme(kCmeOperationNotSupported);
  session.Info(*type == 0 ? imei : "+CGSN: \"" + imei + "\"");
  return AtResult::Ok();
}

// With AT+CFUN=0 the SIM is powered down (27.007 8.2): what it holds cannot be read.
bool SimReadable(const AtSession& session) { return session.status.fun != 0; }

AtResult Imsi(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kAction && !SimReadable(session)) {
    return AtResult::Cme(kCmeSimFailure);
  }
  return Identity(session, command, session.link.Identity().imsi);
}

AtResult Iccid(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kAction && !SimReadable(session)) {
    return AtResult::Cme(kCmeSimFailure);
  }
  // "+CCID: <iccid>" and "+QCCID: <iccid>", as Quectel modules answer them.
  return Identity(session, command, command.name + ": " + session.link.Identity().iccid);
}

// The SIM asks for no PIN: READY, and AT+CPIN=<pin> is not allowed.
AtResult Pin(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (!SimReadable(session)) return AtResult::Cme(kCmeSimFailure);
  if (command.form == Form::kRead) {
    session.Info("+CPIN: READY");
    return AtResult::Ok();
  }
  return AtResult::Cme(kCmeOperationNotAllowed);
}

AtResult ErrorReporting(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CMEE: (0-2)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CMEE: " + std::to_string(session.settings.cmee));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto n = IntParam(command, 0, 0, 2, 0);
  if (!n) return AtResult::Error();
  session.settings.cmee = *n;
  return AtResult::Ok();
}

constexpr int kBaudRates[] = {0, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600};

AtResult BaudRate(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+IPR: (0,4800,9600,19200,38400,57600,115200,230400,460800,921600)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+IPR: " + std::to_string(session.settings.baud_rate));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto rate = IntParam(command, 0, 0, 921600);
  if (!rate) return AtResult::Error();
  for (int known : kBaudRates) {
    if (known == *rate) {
      session.settings.baud_rate = *rate;
      return AtResult::Ok();
    }
  }
  return AtResult::Error();
}

// AT+CHUP: there is never a call to hang up; gammu checks that the command exists.
AtResult HangUp(AtSession&, const AtCommand& command) {
  return command.form == Form::kAction || command.form == Form::kTest ? AtResult::Ok()
                                                                      : AtResult::Error();
}

// V.250 +GCAP: the command sets it answers; "+CGSM" (27.007) is the one that matters here.
AtResult Capabilities(AtSession& session, const AtCommand& command) {
  return Identity(session, command, "+GCAP: +CGSM");
}

constexpr AtCommandEntry kBasicCommands[] = {
    {"E", Echo},
    {"V", Verbose},
    {"Q", Quiet},
    {"Z", Defaults},
    {"&F", Defaults},
    {"I", Information},
    {"&C", Accepted<0, 1>},
    {"&D", Accepted<0, 2>},
    {"&K", Accepted<0, 4>},
    {"&W", Accepted<0, 0>},
    {"X", Accepted<0, 4>},
    {"S3", SRegister},
    {"S4", SRegister},
    {"S5", SRegister},
    {"+CGMI", Manufacturer},
    {"+GMI", Manufacturer},
    {"+CGMM", Model},
    {"+GMM", Model},
    {"+CGMR", Revision},
    {"+GMR", Revision},
    {"+CGSN", Imei},
    {"+GSN", Imei},
    {"+CIMI", Imsi},
    {"+CCID", Iccid},
    {"+QCCID", Iccid},
    {"+CPIN", Pin},
    {"+CMEE", ErrorReporting},
    {"+IPR", BaudRate},
    {"+CHUP", HangUp},
    {"+GCAP", Capabilities},
};

}  // namespace

std::span<const AtCommandEntry> BasicCommands() { return kBasicCommands; }

}  // namespace carriersim
