// What the module writes to its serial line: echo, information responses, final result codes
// (V.250 5.7), unsolicited result codes (URCs) and prompts, formatted per ATV/ATQ/AT+CMEE.
//
// URCs are held while a command line runs or a '>' prompt is open, and written after the final
// result code, as real modules do: the firmware's parser reads a command's response without a
// URC in the middle of it.
//
// Memory is bounded: a client that never reads loses output beyond kMaxBuffered bytes, and
// beyond kMaxHeldUrcs held URCs the oldest are dropped.
#ifndef CARRIERSIM_DEVICES_AT_AT_OUTPUT_H_
#define CARRIERSIM_DEVICES_AT_AT_OUTPUT_H_

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include "devices/at/at_command.h"
#include "devices/at/at_settings.h"

namespace carriersim {

class AtOutput {
 public:
  static constexpr size_t kMaxBuffered = 64 * 1024;
  static constexpr size_t kMaxHeldUrcs = 64;

  // Bytes as they are: echo, the prompt, socket data.
  void Raw(std::string_view bytes);
  // Starts the response of the next command of a line: its first information line gets the
  // leading line break of V.250's verbose format.
  void BeginCommand() { info_started_ = false; }
  // One line of an information response ("+CEREG: 2,1").
  void Info(std::string_view line, const AtSettings& settings);
  // The final result code; kPrompt and kNothing write nothing.
  void Final(const AtResult& result, const AtSettings& settings);
  // An unsolicited result code ("+CEREG: 1", or "+CMT: ...\r\n<text>"): written now, or after
  // the running command or open prompt when held.
  void Urc(std::string_view text, const AtSettings& settings);

  // Holds URCs from now on (a command line starts, or a prompt opens).
  void Hold() { held_ = true; }
  // Writes the held URCs, in order, and stops holding.
  void Release();
  // Forgets the held URCs: the module restarted before it could write them.
  void DropHeld() { held_urcs_.clear(); }
  bool held() const { return held_; }

  // What was written since the last call.
  std::string Take();

 private:
  std::string buffer_;
  std::deque<std::string> held_urcs_;
  bool held_ = false;
  bool info_started_ = false;
};

// "\r\n" in the module's format: S3 then S4.
std::string LineEnd(const AtSettings& settings);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_OUTPUT_H_
