// Everything one virtual module knows: the link to its modem, the modem's last status, the
// settings, PDP contexts, SMS store, sockets, an open '>' prompt and the output. The command
// families (at_basic.cc, at_network.cc, ...) are free functions over it. Every container in it
// is bounded, so a modem's memory stays bounded whatever its serial line sends.
#ifndef CARRIERSIM_DEVICES_AT_AT_SESSION_H_
#define CARRIERSIM_DEVICES_AT_AT_SESSION_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "devices/at/at_output.h"
#include "devices/at/at_settings.h"
#include "devices/at/at_sms_store.h"
#include "devices/at/modem_link.h"

namespace carriersim {

// A PDP context of AT+CGDCONT. Only context 1 is backed by the modem's data session (the
// default EPS bearer): carriersim models one data session per device.
struct PdpContext {
  std::string type = "IP";
  std::string apn;
};
inline constexpr int kMaxContexts = 16;
inline constexpr int kDataContext = 1;

// A Quectel socket (AT+QIOPEN). The far end is carriersim's echo service: what is sent comes
// back at once.
struct QiSocket {
  static constexpr size_t kMaxReceived = 16 * 1024;  // unread echo kept; more is dropped
  bool open = false;
  bool udp = false;
  int context = kDataContext;
  std::string host;
  int remote_port = 0;
  int local_port = 0;
  int access_mode = 0;       // 0 buffer access (AT+QIRD), 1 direct push
  std::string received;      // buffer access mode: the echo not read yet
  bool recv_reported = false;  // "recv" was announced and the buffer has not been emptied since
  int64_t sent = 0;
  int64_t received_total = 0;
  int64_t read_total = 0;
};
inline constexpr int kMaxSockets = 12;  // connectID 0..11

enum class PromptKind : uint8_t { kNone, kSmsText, kSmsPdu, kSocketSend };

// A '>' prompt: the data after AT+CMGS or AT+QISEND, until Ctrl-Z (or ESC to cancel), or until
// exactly `fixed_length` bytes have come.
struct AtPrompt {
  PromptKind kind = PromptKind::kNone;
  size_t fixed_length = 0;  // 0: until Ctrl-Z
  size_t capacity = 0;      // bytes kept at most; a longer message is refused when it ends
  bool overflowed = false;
  std::string data;
  std::string destination;  // kSmsText: <da>
  int pdu_length = 0;       // kSmsPdu: AT+CMGS=<length>, the TPDU's octets
  int connection = 0;       // kSocketSend: <connectID>
};

struct AtSession {
  explicit AtSession(ModemLink& modem_link) : link(modem_link), status(modem_link.Status()) {
    contexts[kDataContext - 1] = PdpContext{};
  }

  ModemLink& link;
  ModemStatus status;  // the last status the modem reported
  AtSettings settings;
  AtOutput out;
  std::array<std::optional<PdpContext>, kMaxContexts> contexts;  // cid 1..16
  SmsStore sms;
  // AT+CSCA: the SIM's service centre. carriersim's carriers have none of their own: this is
  // a made-up number that only appears in PDUs and +CSCA.
  std::string service_centre = "+15550000000";
  std::array<QiSocket, kMaxSockets> sockets;
  AtPrompt prompt;
  uint8_t next_message_reference = 0;  // <mr> of +CMGS
  // A command line is running, or a prompt's data is being sent.
  bool executing = false;
  // A command asked the link for a change (OwnAction): the status changes reported now are the
  // module's own doing (+CGEV: ME ..., no "pdpdeact"), not the network's. What follows from
  // sending data or an SMS (a usage limit that suspends the SIM) stays the network's.
  bool own_action = false;
  // AT+CFUN=1,1 asked for a restart that has not happened yet.
  bool restart_pending = false;

  // Writes one information line of the running command.
  void Info(std::string_view line) { out.Info(line, settings); }
  void Urc(std::string_view text) { out.Urc(text, settings); }
};

// Marks, for its lifetime, the link calls of a command as the module's own actions.
class OwnAction {
 public:
  explicit OwnAction(AtSession& session) : session_(session) { session_.own_action = true; }
  ~OwnAction() { session_.own_action = false; }
  OwnAction(const OwnAction&) = delete;
  OwnAction& operator=(const OwnAction&) = delete;

 private:
  AtSession& session_;
};

// Whether the modem is registered (home or roaming): data and SMS need it.
inline bool IsRegistered(const ModemStatus& status) {
  return status.powered && status.modem == ModemState::kRegistered;
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_SESSION_H_
