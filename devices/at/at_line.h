// The V.250 line discipline (section 5.2.1-5.2.4): finds "AT" in the bytes of the serial line
// (what comes before it is ignored), collects the command line up to S3 (CR), ignores LF,
// deletes with S5 (backspace, and DEL, which terminals send for it), and says what the bytes
// amount to. A line holds at most kMaxLine characters: a longer one is discarded (the rest is
// not kept) and answered with one ERROR when its CR comes; so is one holding a control or
// non-ASCII byte.
#ifndef CARRIERSIM_DEVICES_AT_AT_LINE_H_
#define CARRIERSIM_DEVICES_AT_AT_LINE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "devices/at/at_settings.h"

namespace carriersim {

// DEL, which erases the character before it as S5 (backspace) does, on a command line and in
// an SMS text alike.
inline constexpr unsigned char kAsciiDelete = 0x7f;

class AtLineReader {
 public:
  static constexpr size_t kMaxLine = 1024;  // "AT" included

  enum class Event : uint8_t {
    kNone,     // nothing yet
    kLine,     // a command line ended: body() holds what followed "AT"
    kRepeat,   // "A/": run the previous command line again (V.250 5.2.4)
    kBadLine,  // a command line ended that was too long or held garbage: answer ERROR
  };
  struct Step {
    Event event = Event::kNone;
    bool echo = false;  // the byte belongs to a command line: echo it when ATE1
  };

  Step Take(char byte, const AtSettings& settings);
  // The command line's body (without "AT"), valid after kLine.
  const std::string& body() const { return body_; }
  // Forgets a partial line (the client went away, the module lost power).
  void Reset();

 private:
  enum class State : uint8_t { kIdle, kSawA, kInLine };
  Step InLine(unsigned char byte, const AtSettings& settings);

  State state_ = State::kIdle;
  std::string body_;
  bool too_long_ = false;
  bool garbage_ = false;
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_LINE_H_
