// Formatting and holding the module's output: see at_output.h.
#include "devices/at/at_output.h"

#include <string>

#include "devices/at/at_errors.h"

namespace carriersim {

namespace {

// V.250 table 1: the numeric forms of the basic result codes (ATV0).
constexpr int kNumericOk = 0;
constexpr int kNumericError = 4;

// The words (ATV1) of a final result code; empty when there are none.
std::string FinalWords(const AtResult& result, const AtSettings& settings) {
  switch (result.kind) {
    case AtResult::Kind::kOk:
      return "OK";
    case AtResult::Kind::kError:
      return "ERROR";
    case AtResult::Kind::kCmeError:
      if (settings.cmee == 0) return "ERROR";
      if (settings.cmee == 2) return "+CME ERROR: " + std::string(CmeErrorText(result.code));
      return "+CME ERROR: " + std::to_string(result.code);
    case AtResult::Kind::kCmsError:
      return "+CMS ERROR: " + std::to_string(result.code);
    case AtResult::Kind::kText:
      return result.text;
    case AtResult::Kind::kPrompt:
    case AtResult::Kind::kNothing:
      return "";
  }
  return "";
}

}  // namespace

std::string LineEnd(const AtSettings& settings) {
  return std::string{static_cast<char>(settings.s3), static_cast<char>(settings.s4)};
}

void AtOutput::Raw(std::string_view bytes) {
  const size_t room = kMaxBuffered - buffer_.size();
  buffer_.append(bytes.substr(0, room));
}

void AtOutput::Info(std::string_view line, const AtSettings& settings) {
  const std::string end = LineEnd(settings);
  if (settings.verbose && !info_started_) Raw(end);
  info_started_ = true;
  Raw(line);
  Raw(end);
}

void AtOutput::Final(const AtResult& result, const AtSettings& settings) {
  const std::string words = FinalWords(result, settings);
  if (words.empty() || settings.quiet) return;
  const std::string end = LineEnd(settings);
  if (settings.verbose) {
    Raw(end + words + end);
  } else if (result.kind == AtResult::Kind::kOk || result.kind == AtResult::Kind::kError) {
    const int number = result.kind == AtResult::Kind::kOk ? kNumericOk : kNumericError;
    Raw(std::to_string(number) + static_cast<char>(settings.s3));
  } else {
    Raw(words + end);  // +CME ERROR, +CMS ERROR, SEND OK have no number of their own
  }
}

void AtOutput::Urc(std::string_view text, const AtSettings& settings) {
  const std::string end = LineEnd(settings);
  std::string formatted = settings.verbose ? end : std::string();
  formatted.append(text);
  formatted.append(end);
  if (!held_) {
    Raw(formatted);
    return;
  }
  if (held_urcs_.size() == kMaxHeldUrcs) held_urcs_.pop_front();
  held_urcs_.push_back(std::move(formatted));
}

void AtOutput::Release() {
  held_ = false;
  while (!held_urcs_.empty()) {
    Raw(held_urcs_.front());
    held_urcs_.pop_front();
  }
}

std::string AtOutput::Take() {
  std::string taken;
  taken.swap(buffer_);
  return taken;
}

}  // namespace carriersim
