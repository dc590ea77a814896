// Quectel-style socket commands (BG96/BG95 TCP/IP AT commands): the context (+QIACT,
// +QIDEACT), sockets (+QIOPEN, +QICLOSE, +QISTATE), sending (+QISEND and its '>' prompt),
// receiving (+QIRD, +QIURC: "recv") and the loss of the data session (+QIURC: "pdpdeact").
//
// The far end of every socket is carriersim's echo service, whatever host and port are asked
// for: a send is counted through ModemLink::SendData, and the same bytes come back at once.
#include <algorithm>
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"

namespace carriersim {

namespace {

using Form = AtForm;

constexpr size_t kMaxSend = 1460;  // AT+QISEND's largest <send_length>
constexpr int kMaxRead = 1500;     // AT+QIRD's largest <read_length>
constexpr size_t kMaxHost = 150;

bool DataUp(const ModemStatus& status) { return IsRegistered(status) && status.pdn_up; }

// +QIACT=<contextID>: only context 1 has the data session behind it.
AtResult ActivateContext(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+QIACT: (1-16)");
      return AtResult::Ok();
    case Form::kRead:
      if (DataUp(session.status)) {
        session.Info("+QIACT: 1,1,1,\"" + PdnAddress(session.link.Identity().imsi) + "\"");
      }
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto context = IntParam(command, 0, 1, kMaxContexts);
  if (!context) return AtResult::Error();
  if (*context != kDataContext) return AtResult::Cme(kQiOpenPdpContextFailed);
  // An active context answers OK again, as the BG95 does (a BG96 says ERROR), so that firmware
  // that activates "to be sure" is not told it failed.
  if (DataUp(session.status)) return AtResult::Ok();
  if (!IsRegistered(session.status)) return AtResult::Cme(kQiOpenPdpContextFailed);
  OwnAction own(session);
  return session.link.ActivatePdn() ? AtResult::Ok() : AtResult::Cme(kQiOpenPdpContextFailed);
}

void CloseContextSockets(AtSession& session, int context) {
  for (QiSocket& socket : session.sockets) {
    if (socket.open && socket.context == context) socket = QiSocket{};
  }
}

AtResult DeactivateContext(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+QIDEACT: (1-16)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const auto context = IntParam(command, 0, 1, kMaxContexts);
  if (!context) return AtResult::Error();
  CloseContextSockets(session, *context);
  if (*context == kDataContext && session.status.pdn_up) {
    OwnAction own(session);
    session.link.DeactivatePdn();
  }
  return AtResult::Ok();
}

struct OpenRequest {
  int context;
  int connection;
  bool udp;
  std::string host;
  int remote_port;
  int local_port;
  int access_mode;
};

// +QIOPEN=<contextID>,<connectID>,<service_type>,<IP_address>/<domain_name>,<remote_port>
// [,<local_port>[,<access_mode>]]. Servers ("TCP LISTENER", "UDP SERVICE") and transparent
// access (mode 2) are not offered.
std::optional<OpenRequest> ParseOpen(const AtCommand& command) {
  const auto context = IntParam(command, 0, 1, kMaxContexts);
  const auto connection = IntParam(command, 1, 0, kMaxSockets - 1);
  const auto service = StringParam(command, 2);
  const auto host = StringParam(command, 3);
  const auto remote_port = IntParam(command, 4, 1, 65535);
  const auto local_port = IntParam(command, 5, 0, 65535, 0);
  const auto access_mode = IntParam(command, 6, 0, 1, 0);
  if (!context || !connection || !service || !host || host->empty() ||
      host->size() > kMaxHost || !remote_port || !local_port || !access_mode ||
      command.params.size() > 7 || (!SameText(*service, "TCP") && !SameText(*service, "UDP"))) {
    return std::nullopt;
  }
  return OpenRequest{*context, *connection, SameText(*service, "UDP"), *host, *remote_port,
                     *local_port, *access_mode};
}

AtResult OpenSocket(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+QIOPEN: (1-16),(0-11),\"TCP/UDP/TCP LISTENER/UDP SERVICE\","
                 "\"<IP_address>/<domain_name>\",<remote_port>,<local_port>,(0-2)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const std::optional<OpenRequest> request = ParseOpen(command);
  if (!request) return AtResult::Error();
  // The outcome comes as a URC after OK, as the module connects in the background.
  const std::string urc = "+QIOPEN: " + std::to_string(request->connection) + ",";
  QiSocket& socket = session.sockets[request->connection];
  if (socket.open) {
    session.Urc(urc + std::to_string(kQiSocketIdentityUsed));
  } else if (request->context != kDataContext || !DataUp(session.status)) {
    session.Urc(urc + std::to_string(kQiOpenPdpContextFailed));  // no active context
  } else {
    socket = QiSocket{};
    socket.open = true;
    socket.udp = request->udp;
    socket.context = request->context;
    socket.host = request->host;
    socket.remote_port = request->remote_port;
    socket.local_port = request->local_port;
    socket.access_mode = request->access_mode;
    session.Urc(urc + "0");
  }
  return AtResult::Ok();
}

AtResult CloseSocket(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+QICLOSE: (0-11),(0-65535)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const auto connection = IntParam(command, 0, 0, kMaxSockets - 1);
  const auto timeout = IntParam(command, 1, 0, 65535, 10);
  if (!connection || !timeout) return AtResult::Error();
  session.sockets[*connection] = QiSocket{};
  return AtResult::Ok();
}

void ShowSocket(AtSession& session, int connection) {
  const QiSocket& socket = session.sockets[connection];
  if (!socket.open) return;
  // <socket_state> 2: connected; <serverID> 0; <AT_port>: the serial line.
  session.Info("+QISTATE: " + std::to_string(connection) + ",\"" +
               (socket.udp ? "UDP" : "TCP") + "\",\"" + socket.host + "\"," +
               std::to_string(socket.remote_port) + "," + std::to_string(socket.local_port) +
               ",2," + std::to_string(socket.context) + ",0," +
               std::to_string(socket.access_mode) + ",\"uart1\"");
}

// AT+QISTATE? (or AT+QISTATE) lists every socket; =0,<contextID> those of a context;
// =1,<connectID> one.
AtResult SocketState(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) return AtResult::Ok();
  if (command.form == Form::kRead || command.form == Form::kAction) {
    for (int connection = 0; connection < kMaxSockets; ++connection) {
      ShowSocket(session, connection);
    }
    return AtResult::Ok();
  }
  const auto query = IntParam(command, 0, 0, 1);
  if (!query) return AtResult::Error();
  const auto id = *query == 0 ? IntParam(command, 1, 1, kMaxContexts)
                              : IntParam(command, 1, 0, kMaxSockets - 1);
  if (!id) return AtResult::Error();
  for (int connection = 0; connection < kMaxSockets; ++connection) {
    const QiSocket& socket = session.sockets[connection];
    const bool wanted = *query == 0 ? socket.context == *id : connection == *id;
    if (wanted) ShowSocket(session, connection);
  }
  return AtResult::Ok();
}

// +QISEND=<connectID>,<send_length> ('>' then exactly that many bytes, binary allowed),
// +QISEND=<connectID> ('>' then bytes until Ctrl-Z), +QISEND=<connectID>,0 (what was sent).
AtResult Send(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+QISEND: (0-11),(0-1460)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const auto connection = IntParam(command, 0, 0, kMaxSockets - 1);
  const auto length = IntParam(command, 1, 0, static_cast<int>(kMaxSend), -1);
  if (!connection || !length) return AtResult::Error();
  const QiSocket& socket = session.sockets[*connection];
  if (!socket.open) return AtResult::Error();
  if (*length == 0) {
    // Everything sent reached the echo service: all of it is acknowledged.
    const std::string sent = std::to_string(socket.sent);
    session.Info("+QISEND: " + sent + "," + sent + ",0");
    return AtResult::Ok();
  }
  AtPrompt prompt;
  prompt.kind = PromptKind::kSocketSend;
  prompt.fixed_length = *length > 0 ? static_cast<size_t>(*length) : 0;
  prompt.capacity = kMaxSend;
  prompt.connection = *connection;
  session.prompt = std::move(prompt);
  return AtResult::Prompt();
}

// The echo service's answer: kept for AT+QIRD (buffer access) with one "recv" URC until the
// buffer is read empty, or pushed with the data (direct push).
void ReceiveEcho(AtSession& session, int connection, const std::string& data) {
  QiSocket& socket = session.sockets[connection];
  const std::string id = std::to_string(connection);
  socket.received_total += static_cast<int64_t>(data.size());
  if (socket.access_mode == 1) {
    session.Urc("+QIURC: \"recv\"," + id + "," + std::to_string(data.size()) +
                LineEnd(session.settings) + data);
    return;
  }
  const size_t room = QiSocket::kMaxReceived - socket.received.size();
  socket.received.append(data, 0, room);  // beyond the buffer, the echo is lost
  if (!socket.recv_reported) {
    socket.recv_reported = true;
    session.Urc("+QIURC: \"recv\"," + id);
  }
}

AtResult ReadSocket(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    session.Info("+QIRD: (0-11),(0-1500)");
    return AtResult::Ok();
  }
  if (command.form != Form::kSet) return AtResult::Error();
  const auto connection = IntParam(command, 0, 0, kMaxSockets - 1);
  const auto length = IntParam(command, 1, 0, kMaxRead, kMaxRead);
  if (!connection || !length) return AtResult::Error();
  QiSocket& socket = session.sockets[*connection];
  if (!socket.open || socket.access_mode != 0) return AtResult::Error();
  if (*length == 0) {
    session.Info("+QIRD: " + std::to_string(socket.received_total) + "," +
                 std::to_string(socket.read_total) + "," +
                 std::to_string(socket.received.size()));
    return AtResult::Ok();
  }
  const size_t count = std::min(static_cast<size_t>(*length), socket.received.size());
  std::string line = "+QIRD: " + std::to_string(count);
  if (socket.udp && count > 0) {
    line += ",\"" + socket.host + "\"," + std::to_string(socket.remote_port);
  }
  session.Info(line);
  if (count > 0) session.Info(socket.received.substr(0, count));
  socket.received.erase(0, count);
  socket.read_total += static_cast<int64_t>(count);
  if (socket.received.empty()) socket.recv_reported = false;
  return AtResult::Ok();
}

constexpr AtCommandEntry kSocketCommands[] = {
    {"+QIACT", ActivateContext}, {"+QIDEACT", DeactivateContext}, {"+QIOPEN", OpenSocket},
    {"+QICLOSE", CloseSocket},   {"+QISTATE", SocketState},       {"+QISEND", Send},
    {"+QIRD", ReadSocket},
};

}  // namespace

std::span<const AtCommandEntry> SocketCommands() { return kSocketCommands; }

AtResult CompleteSocketPrompt(AtSession& session) {
  const AtPrompt& prompt = session.prompt;
  const int connection = prompt.connection;
  if (!session.sockets[connection].open || prompt.overflowed || prompt.data.empty()) {
    return AtResult::Error();
  }
  const std::string data = prompt.data;
  if (!session.link.SendData(static_cast<int64_t>(data.size()))) {
    return AtResult::Text("SEND FAIL");
  }
  // Sent and counted. If the data session ended as a consequence (a usage limit), the socket
  // closed with it and no echo comes back.
  QiSocket& socket = session.sockets[connection];
  if (socket.open) {
    socket.sent += static_cast<int64_t>(data.size());
    ReceiveEcho(session, connection, data);
  }
  return AtResult::Text("SEND OK");
}

void CloseAllSockets(AtSession& session) {
  for (QiSocket& socket : session.sockets) socket = QiSocket{};
}

// The data session went away: the sockets in it are closed. When the network (or the SIM's
// status) ended it, the module says so; when a command of the firmware did (AT+QIDEACT,
// AT+CGACT=0, AT+CFUN=0, AT+CGATT=0...), the firmware knows already.
void ReportSocketChange(AtSession& session, const ModemStatus& before) {
  if (!DataUp(before) || DataUp(session.status)) return;
  CloseContextSockets(session, kDataContext);
  if (!session.own_action) session.Urc("+QIURC: \"pdpdeact\",1");
}

}  // namespace carriersim
