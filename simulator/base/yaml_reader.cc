#include "simulator/base/yaml_reader.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <sstream>

#include "simulator/base/calendar.h"
#include "simulator/base/yaml_merge.h"

namespace carriersim {
namespace {

// yaml-cpp's messages are terse; say what usually causes each.
std::string ExplainSyntaxError(const std::string& message) {
  struct Hint {
    std::string_view message;
    std::string_view hint;
  };
  static constexpr Hint kHints[] = {
      {"illegal map value",
       "a ':' where no key can start: check this line's indentation, or quote a value that "
       "contains ': '"},
      {"end of map flow not found", "a '{' is never closed by '}'"},
      {"end of sequence flow not found", "a '[' is never closed by ']'"},
      {"end of map not found", "a mapping is not closed: check the indentation"},
      {"end of sequence not found", "a list is not closed: check the indentation"},
      {"block sequence entries are not allowed in this context",
       "a '- ' list entry where a value was expected: check the indentation"},
      {"illegal tab when looking for indentation", "YAML indents with spaces, not tabs"},
      {"unknown escape character", "unknown escape sequence in a double-quoted string"},
      {"end of anchor", ""},
  };
  for (const Hint& h : kHints) {
    if (message == h.message && !h.hint.empty()) {
      return "YAML syntax error: " + message + " (" + std::string(h.hint) + ")";
    }
  }
  return "YAML syntax error: " + message;
}

// 100000000 -> "100_000_000", the way counts may be written in a scenario.
std::string GroupDigits(int64_t n) {
  std::string digits = std::to_string(n);
  if (n < 10'000 && n > -10'000) return digits;
  std::string grouped;
  const size_t start = digits[0] == '-' ? 1 : 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > start && (digits.size() - i) % 3 == 0) grouped += '_';
    grouped += digits[i];
  }
  return grouped;
}

// Walks the flow brackets of `text` ('{' and '['), skipping quoted text and comments, and
// returns the position of the opener that is still open at the end, or (with `depth_limit`) of
// the first opener that reaches that depth. yaml-cpp reports both problems at the end of the
// file, which can be far from the mistake; this is good enough to point at it.
std::optional<std::pair<int, int>> FindFlowOpener(const std::string& text, size_t depth_limit) {
  std::vector<std::pair<int, int>> open;
  int line = 1, column = 0;
  char quote = 0;
  bool comment = false;
  char previous = '\n';
  for (char c : text) {
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      comment = false;
      previous = c;
      continue;
    }
    if (comment) continue;
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
      comment = true;
    } else if ((c == '"' || c == '\'') && !open.empty()) {
      quote = c;
    } else if (c == '{' || c == '[') {
      open.emplace_back(line, column);
      if (open.size() == depth_limit) return open.back();
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    }
    previous = c;
  }
  if (open.empty() || depth_limit != 0) return std::nullopt;
  return open.back();
}

}  // namespace

std::optional<YAML::Node> ParseYaml(const std::string& file, const std::string& text,
                                    Diagnostics& diag) {
  try {
    YAML::Node root = YAML::Load(text);
    // Loaders walk a document as a tree: an alias bomb or cycle must stop here, in every file.
    if (!CheckAliases(file, root, diag)) return std::nullopt;
    // yaml-cpp 0.7 keeps `<<` as a key: merged here, once, so that every reader sees the keys.
    if (!ResolveMergeKeys(root, PositionIn(file), diag)) return std::nullopt;
    return root;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp guards its recursion but labels the error "bad file".
    const auto at = FindFlowOpener(text, static_cast<size_t>(e.depth()))
                        .value_or(std::make_pair(e.mark.line + 1, e.mark.column + 1));
    diag.Error({file, at.first, at.second}, "YAML syntax error: nested " +
                                                std::to_string(e.depth()) +
                                                " levels deep or more; a scenario needs a handful");
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    // A tab in the indentation is the most common cause of a confusing parse error: if there is
    // one, report every such line instead of yaml-cpp's message.
    std::istringstream lines(text);
    std::string line;
    bool found_tab = false;
    for (int number = 1; std::getline(lines, line); ++number) {
      const size_t first = line.find_first_not_of(" \t");
      const size_t tab = line.find('\t');
      if (tab != std::string::npos && (first == std::string::npos || tab < first)) {
        diag.Error({file, number, static_cast<int>(tab) + 1},
                   "tab character in indentation: YAML indents with spaces only");
        found_tab = true;
      }
    }
    if (found_tab) return std::nullopt;
    const bool unclosed_flow =
        e.msg == "end of map flow not found" || e.msg == "end of sequence flow not found";
    if (auto opener = unclosed_flow ? FindFlowOpener(text, 0) : std::nullopt) {
      const char bracket = e.msg == "end of map flow not found" ? '{' : '[';
      diag.Error({file, opener->first, opener->second}, std::string("YAML syntax error: this '") +
                                                            bracket + "' is never closed by '" +
                                                            (bracket == '{' ? '}' : ']') + "'");
    } else {
      diag.Error({file, e.mark.line + 1, e.mark.column + 1}, ExplainSyntaxError(e.msg));
    }
    return std::nullopt;
  }
}

std::string JoinPath(const std::string& parent, std::string_view key) {
  // Paths are for messages, and keys are input: each is shown as an excerpt.
  return parent.empty() ? Excerpt(key) : parent + "." + Excerpt(key);
}

void YamlReader::MarkForeign(const YAML::Node& node, const std::string& file) {
  // Iterative, and each node once: the nodes may be a graph, even a cycle, once merged (an
  // alias of a node that an override then adds a key to). Each is one of the file's values.
  std::vector<YAML::Node> pending{node};
  while (!pending.empty()) {
    const YAML::Node next = std::move(pending.back());
    pending.pop_back();
    if (shown_.Find(next) != nullptr) continue;
    shown_.Insert(next, Position(next, file));
    if (next.IsMap()) {
      for (auto it = next.begin(); it != next.end(); ++it) {
        pending.push_back(it->first);
        pending.push_back(it->second);
      }
    } else if (next.IsSequence()) {
      for (auto it = next.begin(); it != next.end(); ++it) pending.push_back(*it);
    }
  }
}

void YamlReader::ShowAt(const YAML::Node& node, const SourceLocation& where) {
  // A node already shown elsewhere (one an override added) keeps its own position.
  if (shown_.Find(node) == nullptr) shown_.Insert(node, where);
}

SourceLocation YamlReader::Position(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

SourceLocation YamlReader::Where(const YAML::Node& node) const {
  if (const SourceLocation* shown = shown_.Find(node)) return *shown;
  return Position(node, file_);
}

SourceLocation YamlReader::Where(const Field& f) const {
  if (f.exists && !f.value.IsNull()) return Where(f.value);
  if (f.key.Mark().line >= 0) return Where(f.key);
  return Where(f.value);
}

void YamlReader::Error(const Field& f, const std::string& message) {
  diag_.Error(Where(f), f.path.empty() ? message : f.path + ": " + message);
}

std::string YamlReader::KindOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return Quoted(node.Scalar());
    default:
      return "nothing";
  }
}

std::string YamlReader::KindOfDocument(const YAML::Node& root) {
  return root.IsScalar() ? "a single text value" : KindOf(root);
}

std::optional<std::string> YamlReader::ScalarText(const Field& f, std::string_view expected) {
  if (!f.value.IsScalar()) {
    Error(f, "expected " + std::string(expected) + ", got " + KindOf(f.value));
    return std::nullopt;
  }
  return f.value.Scalar();
}

std::optional<std::string> YamlReader::Text(const Field& f) {
  std::optional<std::string> text = ScalarText(f, "text");
  // Folded and literal block scalars end with a line break that no message wants.
  while (text && !text->empty() && (text->back() == '\n' || text->back() == ' ')) text->pop_back();
  return text;
}

std::optional<std::string> YamlReader::Name(const Field& f) {
  std::optional<std::string> text = ScalarText(f, "a name");
  if (!text) return std::nullopt;
  if (text->empty() || !std::all_of(text->begin(), text->end(), IsNameChar) ||
      text->front() == '-' || text->front() == '.') {
    Error(f, Quoted(*text) +
                 " is not a valid name: use letters, digits, '_', '-' and '.', starting with a "
                 "letter or digit");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> YamlReader::Bool(const Field& f) {
  std::optional<std::string> text = ScalarText(f, "true or false");
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "yes" || *text == "on") return true;
  if (*text == "false" || *text == "no" || *text == "off") return false;
  Error(f, "expected true or false, got " + Quoted(*text));
  return std::nullopt;
}

std::optional<int64_t> YamlReader::Count(const Field& f, int64_t min, int64_t max) {
  std::optional<int64_t> value = ParsedScalar<int64_t>(f, "a whole number", ParseCount);
  if (value && (*value < min || *value > max)) {
    Error(f, GroupDigits(*value) + " is out of range: expected " + GroupDigits(min) + " to " +
                 GroupDigits(max));
    return std::nullopt;
  }
  return value;
}

std::optional<SimTime> YamlReader::Duration(const Field& f, SimTime min) {
  std::optional<SimTime> value =
      ParsedScalar<SimTime>(f, "a duration such as 10s, 12m, 3h or 1d 6h", ParseDuration);
  if (value && *value < min) {
    Error(f, "must be at least " + FormatDuration(min) + ", got " + Quoted(f.value.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<DurationRange> YamlReader::DurationSpan(const Field& f) {
  return ParsedScalar<DurationRange>(f, "a duration such as 10s or a range such as 5s..30s",
                                     ParseDurationRange);
}

std::optional<CalendarSpan> YamlReader::Span(const Field& f) {
  return ParsedScalar<CalendarSpan>(f, "a calendar span such as 1 month, 1 year or 7d",
                                    ParseCalendarSpan);
}

std::optional<int64_t> YamlReader::DataSize(const Field& f) {
  return ParsedScalar<int64_t>(f, "a data size such as 512B, 250KB or 1.5MB", ParseDataSize);
}

std::optional<Money> YamlReader::MoneyAmount(const Field& f) {
  return ParsedScalar<Money>(f, "an amount such as '0.06 USD'", ParseMoney);
}

std::optional<double> YamlReader::Fraction(const Field& f) {
  return ParsedScalar<double>(f, "a percentage such as 25%", ParseFraction);
}

std::optional<UnixMillis> YamlReader::Timestamp(const Field& f) {
  std::optional<std::string> text = ScalarText(f, "a UTC date-time such as 2026-01-01T00:00:00Z");
  if (!text) return std::nullopt;
  std::string error;
  std::optional<UnixMillis> value = ParseTimestamp(*text, &error);
  if (!value) Error(f, Quoted(*text) + ": " + error);
  return value;
}

std::optional<int64_t> YamlReader::Multiplier(const Field& f) {
  return ParsedScalar<int64_t>(f, "a factor such as 2 or 1.5", ParseMultiplier);
}

std::optional<Rate> YamlReader::RateValue(const Field& f) {
  return ParsedScalar<Rate>(f, "a rate such as 50/s", ParseRate);
}

std::optional<Currency> YamlReader::CurrencyCode(const Field& f) {
  std::optional<std::string> text = ScalarText(f, "an ISO 4217 currency code such as USD");
  if (!text) return std::nullopt;
  Currency currency;
  if (LookUpCurrency(*text, &currency)) return currency;
  Error(f, "unknown currency " + Quoted(*text) + SuggestCurrency(*text) +
               "; use an ISO 4217 code such as USD, EUR or JPY");
  return std::nullopt;
}

std::optional<std::string> YamlReader::Choice(const Field& f,
                                              const std::vector<std::string>& choices,
                                              std::string_view what) {
  std::optional<std::string> text = ScalarText(f, what);
  if (!text) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  Error(f, "unknown " + std::string(what) + " " + Quoted(*text) + DidYouMean(*text, choices) +
               "; expected " + QuotedList(choices));
  return std::nullopt;
}

std::vector<Field> YamlReader::Elements(const Field& f) {
  std::vector<Field> elements;
  if (!f.value.IsSequence()) {
    Error(f, "expected a list (entries starting with '- '), got " + KindOf(f.value));
    return elements;
  }
  for (size_t i = 0; i < f.value.size(); ++i) {
    elements.push_back(Field{YAML::Node(), f.value[i], f.path + "[" + std::to_string(i) + "]"});
  }
  return elements;
}

MapFields::MapFields(YamlReader& reader, const Field& f)
    : reader_(reader), self_(f), path_(f.path) {
  if (!f.value.IsMap()) {
    reader_.Error(f, "expected a mapping of keys to values, got " + YamlReader::KindOf(f.value));
    finished_ = true;
    return;
  }
  is_map_ = true;
  for (auto it = f.value.begin(); it != f.value.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      reader_.diag().Error(reader_.Where(key),
                           (path_.empty() ? "" : path_ + ": ") + "keys must be plain names");
      continue;
    }
    const std::string name = key.Scalar();
    Field field{key, it->second, JoinPath(path_, name)};
    // A hash index finds duplicates in linear time; entries_ keeps the file order for output.
    const auto [first, inserted] = index_.emplace(name, entries_.size());
    if (!inserted) {
      reader_.diag().Error(
          reader_.Where(key),
          "duplicate key '" + field.path + "' (first defined at line " +
              std::to_string(reader_.Where(entries_[first->second].second.key).line) + ")");
      continue;
    }
    entries_.emplace_back(name, field);
  }
}

Field MapFields::Lookup(std::string_view key) {
  known_.emplace_back(key);
  const auto it = index_.find(std::string(key));
  if (it != index_.end()) return entries_[it->second].second;
  return Field::Absent(JoinPath(path_, key));
}

Field MapFields::Required(std::string_view key, std::string_view hint) {
  Field f = Lookup(key);
  if (is_map_ && !f.present()) {
    std::string message = "missing required key '" + std::string(key) + "'";
    if (!hint.empty()) message += " (" + std::string(hint) + ")";
    reader_.Error(self_, message);
  }
  return f;
}

Field MapFields::Optional(std::string_view key) { return Lookup(key); }

std::vector<Field> MapFields::Entries() {
  std::vector<Field> fields;
  for (const auto& [name, field] : entries_) {
    known_.push_back(name);
    fields.push_back(field);
  }
  return fields;
}

void MapFields::Finish() {
  if (finished_) return;
  finished_ = true;
  std::sort(known_.begin(), known_.end());
  known_.erase(std::unique(known_.begin(), known_.end()), known_.end());
  for (const auto& [name, field] : entries_) {
    if (std::binary_search(known_.begin(), known_.end(), name)) continue;
    reader_.diag().Error(reader_.Where(field.key), "unknown key '" + field.path + "'" +
                                                       DidYouMean(name, known_) + "; expected " +
                                                       QuotedList(known_));
  }
}

}  // namespace carriersim
