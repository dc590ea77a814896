#include "simulator/base/diagnostics.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace carriersim {

namespace {

// Messages quote what the user wrote, which may hold control characters or bytes that are not
// UTF-8; a terminal or a CI log must get printable text, so those are shown as \xNN.
std::string Printable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    bool valid = length > 0 && i + length <= text.size() && (c >= 0x20 || c == '\t') && c != 0x7f;
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    }
    if (valid) {
      out.append(text, i, length);
      i += length;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
    }
  }
  return out;
}

}  // namespace

void Diagnostics::Error(SourceLocation where, std::string message) {
  ++count_;
  if (errors_.size() < kMaxKept) errors_.push_back({std::move(where), Printable(message)});
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const Diagnostic& d : other.errors_) Error(d.where, d.message);
  count_ += other.count_ - other.errors_.size();
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
    if (EqualIgnoringCase(word, c)) return " (did you mean '" + std::string(c) + "'?)";
  }
  const size_t allowed = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t best_distance = allowed + 1;
  for (std::string_view c : candidates) {
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  return " (did you mean '" + std::string(best) + "'?)";
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return DidYouMean(word, views);
}

std::string QuotedList(std::span<const std::string_view> items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " or " : ", ";
    text += "'" + std::string(items[i]) + "'";
  }
  return text;
}

std::string QuotedList(const std::vector<std::string>& items) {
  std::vector<std::string_view> views(items.begin(), items.end());
  return QuotedList(views);
}

}  // namespace carriersim
