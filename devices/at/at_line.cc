// The V.250 line discipline: see at_line.h.
#include "devices/at/at_line.h"

namespace carriersim {

namespace {

constexpr unsigned char kLineFeed = '\n';

bool IsA(unsigned char c) { return c == 'A' || c == 'a'; }
bool IsT(unsigned char c) { return c == 'T' || c == 't'; }

}  // namespace

void AtLineReader::Reset() {
  state_ = State::kIdle;
  body_.clear();
  too_long_ = false;
  garbage_ = false;
}

AtLineReader::Step AtLineReader::Take(char byte, const AtSettings& settings) {
  const unsigned char c = static_cast<unsigned char>(byte);
  switch (state_) {
    case State::kIdle:
      if (!IsA(c)) return {};  // noise between command lines: dropped, not echoed
      state_ = State::kSawA;
      return {Event::kNone, true};
    case State::kSawA:
      if (IsT(c)) {
        Reset();
        state_ = State::kInLine;
        return {Event::kNone, true};
      }
      if (c == '/') {
        state_ = State::kIdle;
        return {Event::kRepeat, true};
      }
      if (!IsA(c)) state_ = State::kIdle;
      return {Event::kNone, IsA(c)};
    case State::kInLine:
      return InLine(c, settings);
  }
  return {};
}

AtLineReader::Step AtLineReader::InLine(unsigned char c, const AtSettings& settings) {
  if (c == settings.s3) {
    state_ = State::kIdle;
    return {too_long_ || garbage_ ? Event::kBadLine : Event::kLine, true};
  }
  if (c == kLineFeed) return {Event::kNone, true};
  if (c == settings.s5 || c == kAsciiDelete) {
    // Deleting past the start of the body deletes the 'T': the module waits for it again.
    if (body_.empty() && !too_long_) {
      state_ = State::kSawA;
    } else if (!too_long_) {
      body_.pop_back();
    }
    return {Event::kNone, true};
  }
  if (c < 0x20 || c > 0x7e) garbage_ = true;
  if (too_long_) return {Event::kNone, true};
  if (body_.size() + 2 < kMaxLine) {
    body_.push_back(static_cast<char>(c));
  } else {
    too_long_ = true;
    body_.clear();  // what was kept is of no use any more: the line gets ERROR
  }
  return {Event::kNone, true};
}

}  // namespace carriersim
