// Reading a YAML document into a typed model, reporting every problem with its position.
//
// yaml-cpp parses; everything here is about saying precisely what is wrong: which key is unknown
// (and what was probably meant), which key appears twice (yaml-cpp 0.7 silently keeps both),
// which value has the wrong type or unit, which required key is missing. Readers return nullopt
// after reporting, so a loader simply skips what is broken and goes on to find the next error.
#ifndef CARRIERSIM_BASE_YAML_READER_H_
#define CARRIERSIM_BASE_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"
#include "simulator/base/yaml_nodes.h"

namespace carriersim {

// Parses `text`; on a syntax error reports it (with a hint where yaml-cpp's message is terse,
// such as a tab in the indentation) and returns nullopt. An empty document parses to a null node.
// Aliases are checked (CheckAliases) and merge keys resolved (ResolveMergeKeys) before it returns.
std::optional<YAML::Node> ParseYaml(const std::string& file, const std::string& text,
                                    Diagnostics& diag);

// One value being read: where it came from and how to name it in messages.
struct Field {
  YAML::Node key;    // null for sequence elements and absent keys
  YAML::Node value;  // null when the key is absent
  std::string path;  // "devices.tracker.traffic.every", "fleet[0]"
  bool exists = true;

  bool present() const { return exists; }
  static Field Absent(std::string path) { return Field{{}, {}, std::move(path), false}; }
};

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics& diag) : file_(std::move(file)), diag_(diag) {}

  const std::string& file() const { return file_; }
  Diagnostics& diag() { return diag_; }
  // Nodes merged in from another file (a scenario's overrides of a carrier profile), with
  // everything inside them: messages about them name that file.
  void MarkForeign(const YAML::Node& node, const std::string& file);
  // Messages about `node` itself point at `where` (unless it is shown elsewhere already): a
  // profile's mapping that a scenario's override merged into is shown at the override.
  void ShowAt(const YAML::Node& node, const SourceLocation& where);

  // The position of a value, or of its key when the value is empty (yaml-cpp gives an empty
  // value the position of whatever follows it).
  SourceLocation Where(const Field& field) const;
  SourceLocation Where(const YAML::Node& node) const;
  void Error(const Field& field, const std::string& message);

  // Typed scalar readers. Each reports "<path>: <what is wrong, and the expected form>".
  std::optional<std::string> Text(const Field& f);
  std::optional<std::string> Name(const Field& f);  // a name: letters, digits, '_', '-', '.'
  std::optional<bool> Bool(const Field& f);
  std::optional<int64_t> Count(const Field& f, int64_t min, int64_t max);
  std::optional<SimTime> Duration(const Field& f, SimTime min = 0);
  std::optional<DurationRange> DurationSpan(const Field& f);
  std::optional<CalendarSpan> Span(const Field& f);  // a calendar span: "3 months", "30d"
  std::optional<int64_t> DataSize(const Field& f);
  std::optional<Money> MoneyAmount(const Field& f);
  std::optional<double> Fraction(const Field& f);
  std::optional<UnixMillis> Timestamp(const Field& f);
  std::optional<Currency> CurrencyCode(const Field& f);
  std::optional<int64_t> Multiplier(const Field& f);  // in thousandths
  std::optional<Rate> RateValue(const Field& f);
  // One of `choices`, with a did-you-mean when it is not.
  std::optional<std::string> Choice(const Field& f, const std::vector<std::string>& choices,
                                    std::string_view what);

  // Elements of a sequence, each a Field named "<path>[i]"; reports a non-sequence.
  std::vector<Field> Elements(const Field& f);
  // The plain-text form of a node's kind, for "expected X, got a mapping".
  static std::string KindOf(const YAML::Node& node);
  // The same for a whole document, which is not quoted even in part when it is text: a file
  // that is one text value may be anything (a .env file named as a profile).
  static std::string KindOfDocument(const YAML::Node& root);

 private:
  // The scalar text of f, or nullopt after reporting that f is not a non-empty scalar.
  std::optional<std::string> ScalarText(const Field& f, std::string_view expected);
  // The scalar text of f read by one of the units.h parsers, or nullopt after reporting why not.
  template <typename T>
  std::optional<T> ParsedScalar(const Field& f, std::string_view expected,
                                bool (*parse)(std::string_view, T*, std::string*)) {
    std::optional<std::string> text = ScalarText(f, expected);
    if (!text) return std::nullopt;
    T value{};
    std::string error;
    if (!parse(*text, &value, &error)) {
      Error(f, error);
      return std::nullopt;
    }
    return value;
  }

  static SourceLocation Position(const YAML::Node& node, const std::string& file);

  std::string file_;
  Diagnostics& diag_;
  NodeMap<SourceLocation> shown_;  // nodes shown elsewhere than at their position in file_
};

// The keys of one YAML mapping, checked against the keys a loader asks for.
//
// Usage: construct, call Required/Optional for every key the format defines, then Finish(),
// which reports any other key as unknown with a did-you-mean among the defined ones. Duplicate
// keys are reported at construction, at their second occurrence; only the first is used.
class MapFields {
 public:
  // `f` must be a mapping; otherwise an error is reported and is_map() is false.
  MapFields(YamlReader& reader, const Field& f);

  bool is_map() const { return is_map_; }
  // Reports "missing required key" (with `hint` describing it) at the mapping when absent.
  Field Required(std::string_view key, std::string_view hint = "");
  Field Optional(std::string_view key);
  // The keys present but not (yet) asked for, in file order: for maps whose keys are names
  // (devices, carriers), read with Entries().
  std::vector<Field> Entries();
  void Finish();

  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return self_.value; }

 private:
  Field Lookup(std::string_view key);

  YamlReader& reader_;
  Field self_;
  std::string path_;
  bool is_map_ = false;
  bool finished_ = false;
  std::vector<std::pair<std::string, Field>> entries_;  // first occurrence of each key
  std::unordered_map<std::string, size_t> index_;       // key -> entries_ index
  std::vector<std::string> known_;
};

std::string JoinPath(const std::string& parent, std::string_view key);

// The characters of a name (YamlReader::Name): letters, digits, '_', '-' and '.'.
inline bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_YAML_READER_H_
