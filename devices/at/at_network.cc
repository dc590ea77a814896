// 27.007 network commands: functionality (+CFUN), operator selection (+COPS), registration
// (+CREG, +CGREG, +CEREG) and its unsolicited result codes, signal (+CSQ, +CESQ), the last
// failure (+CEER) and the signalling connection (+CSCON).
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"
#include "devices/at/at_registration.h"

namespace carriersim {

namespace {

using Form = AtForm;

bool RadioOn(const ModemStatus& status) { return status.powered && status.fun == 1; }

// +CFUN=<fun>[,<rst>]: 0 minimum, 1 full, 4 radio off; <rst>=1 restarts the module (only with
// <fun>=1, as Quectel's modules take it).
AtResult Functionality(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CFUN: (0,1,4),(0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CFUN: " + std::to_string(session.status.fun));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto fun = IntParam(command, 0, 0, 4);
  const auto reset = IntParam(command, 1, 0, 1, 0);
  if (!fun || !reset || (*fun != 0 && *fun != 1 && *fun != 4)) return AtResult::Error();
  if (*reset == 1) {
    if (*fun != 1) return AtResult::Cme(kCmeOperationNotSupported);
    session.restart_pending = true;  // set first: the reset may power-cycle the modem at once
    OwnAction own(session);
    session.link.Reset();
    return AtResult::Ok();
  }
  // Asking for the functionality the modem has is a no-op, not a new switch-on.
  if (*fun != session.status.fun) {
    OwnAction own(session);
    session.link.SetFunctionality(*fun);
  }
  return AtResult::Ok();
}

const std::string& OperatorName(const ModemIdentity& identity, int format) {
  return format == 0 ? identity.operator_long
         : format == 1 ? identity.operator_short
                       : identity.operator_numeric;
}

void OperatorList(AtSession& session) {
  const ModemIdentity& identity = session.link.Identity();
  std::string networks;
  if (RadioOn(session.status) && session.status.cell_up) {
    // <stat>: 2 current, 3 forbidden (the SIM was rejected), 1 available.
    const int stat = IsRegistered(session.status)                        ? 2
                     : session.status.modem == ModemState::kSimInvalid ? 3
                                                                       : 1;
    networks = "(" + std::to_string(stat) + ",\"" + identity.operator_long + "\",\"" +
               identity.operator_short + "\",\"" + identity.operator_numeric + "\"," +
               std::to_string(session.status.act) + ")";
  }
  session.Info("+COPS: " + networks + ",,(0,1,2,3,4),(0,1,2)");
}

// Manual selection (1, 4) of the one network there is registers on it as automatic does; any
// other network is not there to register on.
AtResult SelectOperator(AtSession& session, const AtCommand& command, int format) {
  const auto name = StringParam(command, 2);
  if (!name || *name != OperatorName(session.link.Identity(), format)) {
    return AtResult::Cme(kCmeNoNetworkService);
  }
  session.settings.cops_format = format;
  if (!session.status.automatic) {
    OwnAction own(session);
    session.link.SetAutomatic(true);
  }
  return AtResult::Ok();
}

AtResult OperatorSelection(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      OperatorList(session);
      return AtResult::Ok();
    case Form::kRead: {
      const int mode = session.status.automatic ? 0 : 2;
      if (!IsRegistered(session.status)) {
        session.Info("+COPS: " + std::to_string(mode));
        return AtResult::Ok();
      }
      const int format = session.settings.cops_format;
      session.Info("+COPS: " + std::to_string(mode) + "," + std::to_string(format) + ",\"" +
                   OperatorName(session.link.Identity(), format) + "\"," +
                   std::to_string(session.status.act));
      return AtResult::Ok();
    }
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto mode = IntParam(command, 0, 0, 4, 0);
  const auto format = IntParam(command, 1, 0, 2, session.settings.cops_format);
  if (!mode || !format) return AtResult::Error();
  if (*mode == 1 || *mode == 4) return SelectOperator(session, command, *format);
  session.settings.cops_format = *format;
  if (*mode == 3) return AtResult::Ok();  // only sets the format
  const bool automatic = *mode == 0;
  if (automatic != session.status.automatic) {
    OwnAction own(session);
    session.link.SetAutomatic(automatic);
  }
  return AtResult::Ok();
}

int* RegistrationSetting(AtSettings& settings, RegistrationKind kind) {
  switch (kind) {
    case RegistrationKind::kCreg:
      return &settings.creg;
    case RegistrationKind::kCgreg:
      return &settings.cgreg;
    case RegistrationKind::kCereg:
      return &settings.cereg;
  }
  return &settings.cereg;
}

AtResult Registration(AtSession& session, const AtCommand& command, RegistrationKind kind) {
  int& n = *RegistrationSetting(session.settings, kind);
  const std::string prefix = std::string(RegistrationPrefix(kind)) + ": ";
  switch (command.form) {
    case Form::kTest:
      session.Info(prefix + "(0-5)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info(prefix + std::to_string(n) + "," + RegistrationFields(n, session.status));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto value = IntParam(command, 0, 0, 5, 0);
  if (!value) return AtResult::Error();
  n = *value;
  return AtResult::Ok();
}

AtResult Creg(AtSession& s, const AtCommand& c) {
  return Registration(s, c, RegistrationKind::kCreg);
}
AtResult Cgreg(AtSession& s, const AtCommand& c) {
  return Registration(s, c, RegistrationKind::kCgreg);
}
AtResult Cereg(AtSession& s, const AtCommand& c) {
  return Registration(s, c, RegistrationKind::kCereg);
}

// Signal: carriersim models a cell as on the air or not, not its strength, so a module with
// its radio on under a live cell reports one fair LTE signal (CSQ 20, about -73 dBm; RSRQ
// -10 dB; RSRP -91 dBm) and "not known" otherwise.
bool HasSignal(const ModemStatus& status) { return RadioOn(status) && status.cell_up; }

AtResult SignalQuality(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+CSQ: (0-31,99),(0-7,99)");
    return AtResult::Ok();
  }
  if (command.form != Form::kAction) return AtResult::Error();
  session.Info(HasSignal(session.status) ? "+CSQ: 20,99" : "+CSQ: 99,99");
  return AtResult::Ok();
}

AtResult ExtendedSignalQuality(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+CESQ: (0-63,99),(0-7,99),(0-96,255),(0-49,255),(0-34,255),(0-97,255)");
    return AtResult::Ok();
  }
  if (command.form != Form::kAction) return AtResult::Error();
  // <rxlev>,<ber> (GSM) and <rscp>,<ecno> (UTRA) are not known on E-UTRAN.
  session.Info(HasSignal(session.status) ? "+CESQ: 99,99,255,255,19,49"
                                         : "+CESQ: 99,99,255,255,255,255");
  return AtResult::Ok();
}

// +CEER: the last attach reject or network detach, in the words of TS 24.301.
AtResult ErrorReport(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (command.form != Form::kAction) return AtResult::Error();
  const EmmCause cause = session.status.last_cause;
  if (cause == 0) {
    session.Info("+CEER: \"No cause information available\"");
  } else if (IsKnownEmmCause(cause)) {
    session.Info("+CEER: \"" + std::string(EmmCauseName(cause)) + "\"");
  } else {
    session.Info("+CEER: \"EMM cause #" + std::to_string(cause) + "\"");
  }
  return AtResult::Ok();
}

AtResult SignallingConnection(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CSCON: (0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CSCON: " + std::to_string(session.settings.cscon) + "," +
                   std::to_string(SignallingMode(session.status)));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto n = IntParam(command, 0, 0, 1, 0);
  if (!n) return AtResult::Error();
  session.settings.cscon = *n;
  return AtResult::Ok();
}

constexpr AtCommandEntry kNetworkCommands[] = {
    {"+CFUN", Functionality},
    {"+COPS", OperatorSelection},
    {"+CREG", Creg},
    {"+CGREG", Cgreg},
    {"+CEREG", Cereg},
    {"+CSQ", SignalQuality},
    {"+CESQ", ExtendedSignalQuality},
    {"+CEER", ErrorReport},
    {"+CSCON", SignallingConnection},
};

void ReportRegistration(AtSession& session, const ModemStatus& before, RegistrationKind kind) {
  const int n = *RegistrationSetting(session.settings, kind);
  if (n == 0) return;
  const std::string now = RegistrationFields(n, session.status);
  if (now == RegistrationFields(n, before)) return;
  session.Urc(std::string(RegistrationPrefix(kind)) + ": " + now);
}

}  // namespace

std::span<const AtCommandEntry> NetworkCommands() { return kNetworkCommands; }

void ReportNetworkChange(AtSession& session, const ModemStatus& before) {
  ReportRegistration(session, before, RegistrationKind::kCreg);
  ReportRegistration(session, before, RegistrationKind::kCgreg);
  ReportRegistration(session, before, RegistrationKind::kCereg);
  const int mode = SignallingMode(session.status);
  if (session.settings.cscon == 1 && mode != SignallingMode(before)) {
    session.Urc("+CSCON: " + std::to_string(mode));
  }
}

}  // namespace carriersim
