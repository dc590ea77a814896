#include "simulator/base/diagnostics.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace carriersim {

namespace {

// The length of the UTF-8 sequence of a printable character at text[i], or 0 when the byte
// there starts none (a control character, DEL, or a byte that is not UTF-8).
size_t PrintableLength(std::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  const size_t length = c < 0x80           ? 1
                        : (c >> 5) == 0x6  ? 2
                        : (c >> 4) == 0xe  ? 3
                        : (c >> 3) == 0x1e ? 4
                                           : 0;
  if (length == 0 || i + length > text.size() || (c < 0x20 && c != '\t') || c == 0x7f) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  }
  return length;
}

void AppendHex(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

// Messages quote what the user wrote, which may hold control characters or bytes that are not
// UTF-8; a terminal or a CI log must get printable text, so those are shown as \xNN.
std::string Printable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (const size_t length = PrintableLength(text, i)) {
      out.append(text, i, length);
      i += length;
    } else {
      AppendHex(out, static_cast<unsigned char>(text[i]));
      ++i;
    }
  }
  return out;
}

}  // namespace

void Diagnostics::Error(SourceLocation where, std::string message) {
  ++count_;
  if (errors_.size() >= kMaxKept) return;
  Diagnostic d{std::move(where), std::move(message)};
  if (remap_) remap_(d);
  d.message = Printable(d.message);
  errors_.push_back(std::move(d));
}

void Diagnostics::Append(const Diagnostics& other) {
  // Already remapped where they were reported.
  for (const Diagnostic& d : other.errors_) {
    if (errors_.size() < kMaxKept) errors_.push_back(d);
  }
  count_ += other.count_;
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return sorted;
}

std::string Diagnostics::ToText() const {
  std::string text;
  for (const Diagnostic& d : Sorted()) text += FormatDiagnostic(d) + "\n";
  if (const std::string more = TooMany(); !more.empty()) text += "error: " + more + "\n";
  return text;
}

std::string Diagnostics::TooMany() const {
  if (count_ <= errors_.size()) return "";
  return "too many errors (" + std::to_string(errors_.size()) + " of " + std::to_string(count_) +
         " shown); fix these and run again";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string text = d.where.file;
  if (d.where.line > 0) {
    text += ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column);
  }
  return text + ": error: " + d.message;
}

std::string Excerpt(std::string_view input) {
  std::string out;
  size_t i = 0;
  for (size_t shown = 0; i < input.size() && shown < kMaxQuotedChars; ++shown) {
    const char c = input[i];
    const size_t length = PrintableLength(input, i);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t";
    } else if (length == 0) {
      AppendHex(out, static_cast<unsigned char>(c));
    } else {
      out.append(input.substr(i, length));
    }
    i += std::max<size_t>(length, 1);
  }
  if (i < input.size()) out += "...";
  return out;
}

std::string Quoted(std::string_view input) { return "'" + Excerpt(input) + "'"; }

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbouring letters, the most
  // common typo ("UDS" for "USD").
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

namespace {

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  for (std::string_view c : candidates) {
    if (EqualIgnoringCase(word, c)) return " (did you mean " + Quoted(c) + "?)";
  }
  const size_t allowed = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t best_distance = allowed + 1;
  for (std::string_view c : candidates) {
    // Lengths further apart than allowed cannot be close: skipped before EditDistance builds a
    // table of their product (a megabyte key against each candidate).
    if (std::max(word.size(), c.size()) - std::min(word.size(), c.size()) > allowed) continue;
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  return " (did you mean " + Quoted(best) + "?)";
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return DidYouMean(word, views);
}

std::string QuotedList(std::span<const std::string_view> items) {
  // The names may come from a file (a profile's keys): a list of them is bounded too.
  constexpr size_t kMaxListed = 30;
  const size_t listed = std::min(items.size(), kMaxListed);
  std::string text;
  for (size_t i = 0; i < listed; ++i) {
    if (i > 0) text += i + 1 == items.size() ? " or " : ", ";
    text += Quoted(items[i]);
  }
  if (listed < items.size()) text += " and " + std::to_string(items.size() - listed) + " more";
  return text;
}

std::string QuotedList(const std::vector<std::string>& items) {
  std::vector<std::string_view> views(items.begin(), items.end());
  return QuotedList(views);
}

}  // namespace carriersim
