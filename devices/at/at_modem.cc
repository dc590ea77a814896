// The interpreter's core: bytes in, command lines run in turn, final result codes out, URCs
// held while a command runs or a prompt is open, power and restarts. See at_modem.h.
#include "devices/at/at_modem.h"

#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_parse.h"

namespace carriersim {

namespace {

constexpr unsigned char kCtrlZ = 0x1a;
constexpr unsigned char kEscape = 0x1b;
constexpr std::string_view kPromptText = "\r\n> ";

AtHandler FindHandler(std::string_view name) {
  for (auto family : {BasicCommands(), NetworkCommands(), PacketCommands(), SmsCommands(),
                      SmsMessageCommands(), SocketCommands()}) {
    for (const AtCommandEntry& entry : family) {
      if (entry.name == name) return entry.handler;
    }
  }
  return nullptr;
}

// Runs `step`, and `recover` should it throw. Nothing in the interpreter throws by design; a
// failed allocation is the one exception left, and it must not reach the live server's I/O
// loop, nor leave a URC held for ever.
template <typename Step, typename Recover>
void WithoutExceptions(Step step, Recover recover) noexcept {
  try {
    step();
  } catch (...) {
    try {
      recover();
    } catch (...) {
    }
  }
}

bool IsSmsPrompt(PromptKind kind) {
  return kind == PromptKind::kSmsText || kind == PromptKind::kSmsPdu;
}

// A prompt's data ends with Ctrl-Z (ESC cancels it) unless it has a fixed length.

}  // namespace

AtModem::AtModem(ModemLink& link) : session_(link) {}

std::string AtModem::TakeOutput() { return session_.out.Take(); }

void AtModem::Feed(std::string_view bytes) {
  WithoutExceptions(
      [&] {
        for (char byte : bytes) {
          if (!session_.status.powered) return;  // a module without power hears nothing
          FeedByte(byte);
        }
      },
      [&] {
        Recover();
        session_.out.Final(AtResult::Error(), session_.settings);
      });
}

// The module drops what it was doing and writes what it held.
void AtModem::Recover() {
  DropInput();
  session_.executing = false;
  session_.own_action = false;
  session_.out.Release();
}

void AtModem::FeedByte(char byte) {
  if (session_.prompt.kind != PromptKind::kNone) {
    FeedPrompt(byte);
    return;
  }
  const AtLineReader::Step step = reader_.Take(byte, session_.settings);
  if (step.echo && session_.settings.echo) session_.out.Raw(std::string_view(&byte, 1));
  switch (step.event) {
    case AtLineReader::Event::kNone:
      break;
    case AtLineReader::Event::kLine:
      last_line_ = reader_.body();
      RunLine(last_line_);
      break;
    case AtLineReader::Event::kRepeat:
      RunLine(last_line_);
      break;
    case AtLineReader::Event::kBadLine:
      session_.out.Final(AtResult::Error(), session_.settings);
      break;
  }
}

void AtModem::RunLine(const std::string& body) {
  session_.out.Hold();
  session_.executing = true;
  const AtResult result = RunCommands(body);
  session_.executing = false;
  const bool powered = session_.status.powered;
  if (result.kind == AtResult::Kind::kPrompt && powered) {
    session_.out.Raw(kPromptText);  // URCs stay held until the prompt ends
    return;
  }
  session_.prompt = AtPrompt{};
  // A module that lost power in the middle of a command answers nothing more, except that
  // AT+CFUN=1,1 says OK before it restarts.
  if (powered || session_.restart_pending) session_.out.Final(result, session_.settings);
  // The restart happens now if the modem kept (or got back) its power during the reset, or
  // else once it is powered again (OnStatus).
  if (session_.restart_pending && powered) Restart();
  session_.out.Release();
}

AtResult AtModem::RunCommands(const std::string& body) {
  const auto commands = ParseCommandLine(body);
  if (!commands) return AtResult::Error();
  AtResult result = AtResult::Ok();
  const int restarts = restarts_;
  for (const AtCommand& command : *commands) {
    session_.out.BeginCommand();
    const AtHandler handler = FindHandler(command.name);
    result = handler ? handler(session_, command) : AtResult::Error();
    // V.250 5.2.1: the first failing command ends the line; a prompt takes the rest of input.
    // A restart or a power loss ends it too.
    if (!result.ok() || session_.restart_pending || restarts != restarts_ ||
        !session_.status.powered) {
      break;
    }
  }
  return result;
}

void AtModem::FeedPrompt(char byte) {
  AtPrompt& prompt = session_.prompt;
  const unsigned char c = static_cast<unsigned char>(byte);
  const bool echo = session_.settings.echo;
  if (prompt.fixed_length == 0) {
    if (c == kCtrlZ) return EndPrompt(true);
    if (c == kEscape) return EndPrompt(false);
    if (IsSmsPrompt(prompt.kind)) {
      // The message is typed: backspace edits it; in text mode each CR starts a new line of
      // text with a new prompt (27.005 3.5.1), in PDU mode line breaks are no part of the hex.
      if (c == session_.settings.s5 || c == kAsciiDelete) {
        if (!prompt.data.empty() && !prompt.overflowed) prompt.data.pop_back();
        if (echo) session_.out.Raw(std::string_view(&byte, 1));
        return;
      }
      if (c == '\n' || (c == '\r' && prompt.kind == PromptKind::kSmsPdu)) return;
      if (c == '\r') {
        byte = '\n';
        session_.out.Raw(kPromptText);
      }
    }
  }
  if (echo && c != '\r') session_.out.Raw(std::string_view(&byte, 1));
  if (prompt.data.size() < prompt.capacity) {
    prompt.data.push_back(byte);
  } else {
    prompt.overflowed = true;
  }
  if (prompt.fixed_length > 0 && prompt.data.size() >= prompt.fixed_length) EndPrompt(true);
}

void AtModem::EndPrompt(bool send) {
  session_.executing = true;
  AtResult result = AtResult::Ok();  // ESC: nothing is sent, and the module says OK
  if (send) {
    result = session_.prompt.kind == PromptKind::kSocketSend ? CompleteSocketPrompt(session_)
                                                             : CompleteSmsPrompt(session_);
  }
  session_.executing = false;
  session_.prompt = AtPrompt{};
  // A module that lost power while it was sending answers nothing more.
  if (session_.status.powered) session_.out.Final(result, session_.settings);
  session_.out.Release();
}

void AtModem::DropInput() {
  reader_.Reset();
  session_.prompt = AtPrompt{};
}

void AtModem::OnLineDropped() {
  WithoutExceptions(
      [&] {
        DropInput();
        if (!session_.executing) session_.out.Release();  // URCs held for the dropped prompt
      },
      [&] { Recover(); });
}

void AtModem::OnSms(const IncomingSms& sms) {
  WithoutExceptions([&] { ReportIncomingSms(session_, sms); }, [&] { Recover(); });
}

// The module (re)started: the settings are the factory's again, and it says so as a Quectel
// module does after power-on (RDY, then the functionality and the SIM's state).
void AtModem::Restart() {
  session_.restart_pending = false;
  ++restarts_;
  session_.settings = AtSettings{};
  CloseAllSockets(session_);
  DropInput();
  session_.out.DropHeld();  // what the old session had to say dies with it
  session_.Urc("RDY");
  session_.Urc("+CFUN: " + std::to_string(session_.status.fun));
  if (session_.status.fun != 0) session_.Urc("+CPIN: READY");
}

void AtModem::PowerDown() {
  const bool announced = !session_.restart_pending;  // a restart is not a power-down to see
  DropInput();
  CloseAllSockets(session_);
  if (announced) session_.Urc("POWERED DOWN");
  if (!session_.executing) session_.out.Release();
}

void AtModem::OnStatus(const ModemStatus& status) {
  const ModemStatus before = session_.status;
  session_.status = status;
  WithoutExceptions([&] { ReportStatusChange(before); }, [&] { Recover(); });
}

void AtModem::ReportStatusChange(const ModemStatus& before) {
  const ModemStatus& now = session_.status;
  if (before.powered && !now.powered) return PowerDown();
  if (!before.powered && now.powered) return Restart();
  if (!now.powered) return;
  ReportNetworkChange(session_, before);
  ReportPacketChange(session_, before);
  ReportSocketChange(session_, before);
}

}  // namespace carriersim
