// The command families and what each does when the modem changes: the seams between the modem
// (at_modem.cc, which parses lines, dispatches and writes result codes) and the files that
// answer the commands, one file per family:
//   at_basic.cc    V.250 and identity (E, V, Q, Z, &F, I, S3/S4/S5, +CGMI, +CGSN, +CIMI, +CCID,
//                  +CPIN, +CMEE, +IPR, +CHUP)
//   at_network.cc  27.007 network (+CFUN, +COPS, +CREG, +CGREG, +CEREG, +CSQ, +CESQ, +CEER,
//                  +CSCON) and their URCs
//   at_packet.cc   27.007 packet domain (+CGATT, +CGDCONT, +CGACT, +CGPADDR, +CGEREP) and +CGEV
//   at_sms.cc      27.005 SMS settings (+CMGF, +CSCS, +CSCA, +CPMS, +CNMI, +CSMS, +CSMP, +CNMA)
//   at_sms_messages.cc  27.005 messages (+CMGS, +CMGR, +CMGL, +CMGD, +CMTI, +CMT)
//   at_sockets.cc  Quectel sockets (+QIACT, +QIDEACT, +QIOPEN, +QISEND, +QIRD, +QICLOSE,
//                  +QISTATE) and +QIURC
#ifndef CARRIERSIM_DEVICES_AT_AT_COMMANDS_H_
#define CARRIERSIM_DEVICES_AT_AT_COMMANDS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "devices/at/at_command.h"
#include "devices/at/at_session.h"

namespace carriersim {

using AtHandler = AtResult (*)(AtSession& session, const AtCommand& command);

struct AtCommandEntry {
  std::string_view name;  // as AtCommand::name: "+CEREG", "E", "&F"
  AtHandler handler;
};

std::span<const AtCommandEntry> BasicCommands();
std::span<const AtCommandEntry> NetworkCommands();
std::span<const AtCommandEntry> PacketCommands();
std::span<const AtCommandEntry> SmsCommands();
std::span<const AtCommandEntry> SmsMessageCommands();
std::span<const AtCommandEntry> SocketCommands();

// The URCs of a status change, `before` -> session.status, family by family (called in this
// order). A change while session.own_action is the module's own doing ("ME"), any other the
// network's ("NW").
void ReportNetworkChange(AtSession& session, const ModemStatus& before);  // +CxREG, +CSCON
void ReportPacketChange(AtSession& session, const ModemStatus& before);   // +CGEV
void ReportSocketChange(AtSession& session, const ModemStatus& before);   // "pdpdeact"

// An SMS for the SIM: stored and announced (+CMTI), or shown (+CMT), per AT+CNMI.
void ReportIncomingSms(AtSession& session, const IncomingSms& sms);

// The final result of a '>' prompt whose data ended (Ctrl-Z, or its length reached).
AtResult CompleteSmsPrompt(AtSession& session);
AtResult CompleteSocketPrompt(AtSession& session);

// Closes every socket without a URC: the module restarted or lost power.
void CloseAllSockets(AtSession& session);

// Text in the character set of AT+CSCS ("GSM", "IRA": ASCII, '?' for what is not; "UCS2":
// hex), and back (nullopt when it is not valid in that set).
std::string ToTeCharset(std::string_view utf8, std::string_view charset);
std::optional<std::string> FromTeCharset(std::string_view text, std::string_view charset);

// The IPv4 address of the data session: "10.x.y.z", derived from the IMSI.
std::string PdnAddress(std::string_view imsi);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_COMMANDS_H_
