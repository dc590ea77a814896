// The AT-command interpreter of a virtual cellular module (an LTE-M/NB-IoT module answering as
// a Quectel BG96 does): external firmware, gammu or a terminal writes command lines to its
// serial line, and it answers them over a ModemLink to carriersim's modem.
//
// Thread safety: none; one caller at a time (the live server's I/O thread). Feed, OnStatus,
// OnSms and OnLineDropped never throw and never block, and a modem's memory stays bounded
// whatever its serial line sends.
//
// Ordering: URCs caused while a command line runs (a link call inside a command may make the
// modem report a change through OnStatus before the command returns) or while a '>' prompt is
// open are written after the command's final result code, or after the prompt ends.
#ifndef CARRIERSIM_DEVICES_AT_AT_MODEM_H_
#define CARRIERSIM_DEVICES_AT_AT_MODEM_H_

#include <string>
#include <string_view>

#include "devices/at/at_line.h"
#include "devices/at/at_session.h"
#include "devices/at/at_sms_store.h"
#include "devices/at/modem_link.h"

namespace carriersim {

class AtModem {
 public:
  // REQUIRES: `link` outlives the modem. Reads link.Status() for the initial status.
  explicit AtModem(ModemLink& link);
  AtModem(const AtModem&) = delete;
  AtModem& operator=(const AtModem&) = delete;

  // Bytes from the serial line, split anywhere, any content. Dropped while powered off.
  void Feed(std::string_view bytes);
  // What the module wrote to the serial line since the last call.
  std::string TakeOutput();
  // The modem changed (called once per change, in order): unsolicited result codes.
  void OnStatus(const ModemStatus& status);
  // An SMS arrived for the SIM: +CMTI or +CMT per AT+CNMI.
  void OnSms(const IncomingSms& sms);
  // The client disconnected: a partial line or an open '>' prompt is dropped; settings stay.
  void OnLineDropped();

 private:
  void FeedByte(char byte);
  void FeedPrompt(char byte);
  void RunLine(const std::string& body);
  AtResult RunCommands(const std::string& body);
  void EndPrompt(bool send);
  void ReportStatusChange(const ModemStatus& before);
  void Restart();
  void PowerDown();
  void DropInput();
  void Recover();

  AtSession session_;
  AtLineReader reader_;
  std::string last_line_;  // for "A/"
  int restarts_ = 0;       // counts restarts, so that a command line stops at one
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_MODEM_H_
