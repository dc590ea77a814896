// Command-line parsing (V.250 section 5.2-5.4): see at_parse.h.
#include "devices/at/at_parse.h"

#include <charconv>
#include <string>

namespace carriersim {

namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The first character of an extended command: '+' for the standards' commands, the others for
// the vendor ones (Siemens '^', Qualcomm '$', Ericsson '*', '#' and '%') that clients probe.
bool IsExtendedPrefix(char c) {
  return c == '+' || c == '^' || c == '$' || c == '*' || c == '#' || c == '%';
}

// V.250 5.4.1: the characters an extended command's name may hold after its prefix.
bool IsNameChar(char c) {
  return IsUpper(c) || IsDigit(c) || c == '!' || c == '%' || c == '-' || c == '.' || c == '/' ||
         c == ':' || c == '_';
}

// Drops spaces and upper-cases, both outside quotes only (V.250 5.1, 5.2.1); nullopt when a
// quote is left open.
std::optional<std::string> Normalize(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  bool quoted = false;
  for (char c : body) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ' ') continue;
    out.push_back(!quoted && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (quoted) return std::nullopt;
  return out;
}

// The parameters of an extended set command, from `pos` to the next ';' outside quotes.
bool ParseParams(const std::string& s, size_t& pos, std::vector<AtParam>& params) {
  params.emplace_back();
  while (pos < s.size() && s[pos] != ';') {
    AtParam& param = params.back();
    const char c = s[pos];
    if (c == ',') {
      params.emplace_back();
      ++pos;
    } else if (c == '"') {
      if (!param.text.empty() || param.quoted) return false;  // text"..." or "a""b"
      const size_t close = s.find('"', pos + 1);  // Normalize checked that it is there
      param.text = s.substr(pos + 1, close - pos - 1);
      param.quoted = true;
      pos = close + 1;
    } else {
      if (param.quoted) return false;  // "abc"x
      param.text.push_back(c);
      ++pos;
    }
  }
  return true;
}

bool ParseExtended(const std::string& s, size_t& pos, AtCommand& command) {
  command.name.push_back(s[pos++]);
  while (pos < s.size() && IsNameChar(s[pos])) command.name.push_back(s[pos++]);
  if (command.name.size() == 1) return false;
  if (s.compare(pos, 2, "=?") == 0) {
    command.form = AtForm::kTest;
    pos += 2;
  } else if (pos < s.size() && s[pos] == '?') {
    command.form = AtForm::kRead;
    ++pos;
  } else if (pos < s.size() && s[pos] == '=') {
    command.form = AtForm::kSet;
    ++pos;
    if (!ParseParams(s, pos, command.params)) return false;
  }
  return pos == s.size() || s[pos] == ';';  // what follows must start the next command
}

std::string TakeDigits(const std::string& s, size_t& pos) {
  const size_t start = pos;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  return s.substr(start, pos - start);
}

// "S<n>=<value>" and "S<n>?" (V.250 5.3.2).
bool ParseSRegister(const std::string& s, size_t& pos, AtCommand& command) {
  ++pos;
  const std::string number = TakeDigits(s, pos);
  if (number.empty()) return false;
  command.name = "S" + number;
  if (pos < s.size() && s[pos] == '?') {
    command.form = AtForm::kRead;
    ++pos;
  } else if (pos < s.size() && s[pos] == '=') {
    ++pos;
    command.form = AtForm::kSet;
    command.params.push_back({TakeDigits(s, pos), false});
  } else {
    return false;
  }
  return true;
}

// A basic command: a letter, or '&' and a letter, then an optional number; "D" takes the rest
// of the line (its dial string).
bool ParseBasic(const std::string& s, size_t& pos, AtCommand& command) {
  const char c = s[pos];
  if (c == 'S') return ParseSRegister(s, pos, command);
  if (c == 'D') {
    command.name = "D";
    command.form = AtForm::kSet;
    command.params.push_back({s.substr(pos + 1), false});
    pos = s.size();
    return true;
  }
  if (c == '&') {
    if (pos + 1 >= s.size() || !IsUpper(s[pos + 1])) return false;
    command.name = s.substr(pos, 2);
    pos += 2;
  } else if (IsUpper(c)) {
    command.name = std::string(1, c);
    ++pos;
  } else {
    return false;
  }
  const std::string number = TakeDigits(s, pos);
  if (!number.empty()) command.params.push_back({number, false});
  return true;
}

}  // namespace

std::optional<std::vector<AtCommand>> ParseCommandLine(std::string_view body) {
  const std::optional<std::string> normalized = Normalize(body);
  if (!normalized) return std::nullopt;
  const std::string& s = *normalized;
  std::vector<AtCommand> commands;
  size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] == ';') {
      ++pos;
      continue;
    }
    AtCommand command;
    const bool parsed = IsExtendedPrefix(s[pos]) ? ParseExtended(s, pos, command)
                                                 : ParseBasic(s, pos, command);
    if (!parsed) return std::nullopt;
    commands.push_back(std::move(command));
  }
  return commands;
}

std::optional<int> ParseInt(std::string_view text, int lo, int hi) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    const char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 'a' + 'A') : b[i];
    if (x != y) return false;
  }
  return true;
}

bool HasParam(const AtCommand& command, size_t i) {
  return i < command.params.size() &&
         (command.params[i].quoted || !command.params[i].text.empty());
}

std::optional<int> IntParam(const AtCommand& command, size_t i, int lo, int hi,
                            std::optional<int> fallback) {
  if (!HasParam(command, i)) return fallback;
  if (command.params[i].quoted) return std::nullopt;
  return ParseInt(command.params[i].text, lo, hi);
}

std::optional<std::string> StringParam(const AtCommand& command, size_t i,
                                       std::optional<std::string> fallback) {
  if (!HasParam(command, i)) return fallback;
  return command.params[i].text;
}

}  // namespace carriersim
