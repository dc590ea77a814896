// One parsed AT command and the result a handler gives back: the vocabulary shared by the line
// parser (at_parse.cc), the command families (at_basic.cc, at_network.cc, ...) and the modem
// that runs them (at_modem.cc). Plain data, so that a handler is a free function.
#ifndef CARRIERSIM_DEVICES_AT_AT_COMMAND_H_
#define CARRIERSIM_DEVICES_AT_AT_COMMAND_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

// The four forms of V.250 section 5.4.2 / 27.007 section 4.1: AT+X, AT+X=..., AT+X?, AT+X=?.
enum class AtForm : uint8_t { kAction, kSet, kRead, kTest };

struct AtParam {
  std::string text;     // without its quotes; an empty unquoted text is an omitted parameter
  bool quoted = false;  // "..." in the command line (its case kept as typed)
};

struct AtCommand {
  // Upper case, with its prefix: "+CEREG", "^SYSINFO", or a basic command: "E", "&F", "I",
  // "S3", "D".
  std::string name;
  AtForm form = AtForm::kAction;
  // kSet: the comma-separated parameters. A basic command's number ("E1", "ATS3=13") is
  // params[0]; "ATE" has none.
  std::vector<AtParam> params;
};

// What a command answers: its final result code (V.250 5.7.1; 27.007 9.2; 27.005 3.2.5), or a
// '>' prompt whose data the modem then collects (AT+CMGS, AT+QISEND).
struct AtResult {
  enum class Kind : uint8_t {
    kOk,
    kError,
    kCmeError,  // +CME ERROR: <code>, or ERROR when AT+CMEE=0
    kCmsError,  // +CMS ERROR: <code> (SMS commands)
    kText,      // a final code of its own: "SEND OK", "SEND FAIL"
    kPrompt,    // the command opened a prompt (AtPrompt): its final code comes when it ends
    kNothing,   // no final code at all (a prompt cancelled where the module prints nothing)
  };
  Kind kind = Kind::kOk;
  int code = 0;
  const char* text = "";

  static AtResult Ok() { return {}; }
  static AtResult Error() { return {Kind::kError, 0, ""}; }
  static AtResult Cme(int code) { return {Kind::kCmeError, code, ""}; }
  static AtResult Cms(int code) { return {Kind::kCmsError, code, ""}; }
  static AtResult Text(const char* text) { return {Kind::kText, 0, text}; }
  static AtResult Prompt() { return {Kind::kPrompt, 0, ""}; }
  static AtResult Nothing() { return {Kind::kNothing, 0, ""}; }
  bool ok() const { return kind == Kind::kOk; }
};

// Whether parameter `i` was given (present and not empty).
bool HasParam(const AtCommand& command, size_t i);

// Parameter `i` as an integer in [lo, hi]: `fallback` when omitted (nullopt then means
// "required"), nullopt when malformed, quoted or out of range.
std::optional<int> IntParam(const AtCommand& command, size_t i, int lo, int hi,
                            std::optional<int> fallback = std::nullopt);

// Parameter `i` as a string (quoted or not): `fallback` when omitted.
std::optional<std::string> StringParam(const AtCommand& command, size_t i,
                                       std::optional<std::string> fallback = std::nullopt);

// Whether two texts are the same but for the case of ASCII letters: modules take "ucs2" for
// "UCS2" and "sm" for "SM".
bool SameText(std::string_view a, std::string_view b);

// Parses a whole decimal number in [lo, hi]; nullopt otherwise. Never throws.
std::optional<int> ParseInt(std::string_view text, int lo, int hi);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_COMMAND_H_
