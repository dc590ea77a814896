// Error reporting for everything a user writes: scenario files, carrier profiles, command lines.
//
// A loader reports every problem it finds into one Diagnostics and keeps going, so that a user
// sees all the errors of a file in one run, each as "FILE:LINE:COLUMN: error: message" (1-based,
// the form compilers use and editors jump to).
#ifndef CARRIERSIM_BASE_DIAGNOSTICS_H_
#define CARRIERSIM_BASE_DIAGNOSTICS_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem has no position (a missing file, say)
  int column = 0;  // 1-based
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
};

class Diagnostics {
 public:
  // Past this many, further errors are counted but not kept: a file that is wrong everywhere
  // should not bury the first, most useful errors.
  static constexpr size_t kMaxKept = 100;

  void Error(SourceLocation where, std::string message);
  // Every error reported from now on passes through `remap` first: a scenario expanded with
  // parameter values (scenario/parameters.h) is parsed as text whose columns differ from the
  // file's, and its errors must point at the file, and say which values were substituted.
  using Remap = std::function<void(Diagnostic&)>;
  void SetRemap(Remap remap) { remap_ = std::move(remap); }
  // Adds `other`'s errors, and counts those it did not keep.
  void Append(const Diagnostics& other);

  bool has_errors() const { return count_ > 0; }
  size_t count() const { return count_; }
  // Kept errors ordered by file, line and column (stable for equal positions).
  std::vector<Diagnostic> Sorted() const;
  // "too many errors (100 of 150 shown); fix these and run again" when some were not kept,
  // else "": each output format ends with it, so that a user knows the list is not complete.
  std::string TooMany() const;
  // One "FILE:LINE:COLUMN: error: message" line per error, then "error: " + TooMany() if any.
  std::string ToText() const;

 private:
  std::vector<Diagnostic> errors_;
  size_t count_ = 0;
  Remap remap_;
};

std::string FormatDiagnostic(const Diagnostic& d);

// Messages quote what a user wrote, and a file may be anything (a profile: path may name a
// .env file): no message shows more than a short excerpt of an input. Excerpt gives its first
// kMaxQuotedChars characters, line breaks and control characters escaped (\n, \x01), then
// "..." when it was cut; Quoted puts that in single quotes. Every message quotes inputs so.
inline constexpr size_t kMaxQuotedChars = 40;
std::string Excerpt(std::string_view input);
std::string Quoted(std::string_view input);

// Levenshtein distance, used to suggest the name a user probably meant.
size_t EditDistance(std::string_view a, std::string_view b);

// " (did you mean 'count'?)" when one candidate is close to `word`, else "". Close means at most
// a third of the word's letters differ (at least one edit allowed); ties go to the first candidate.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates);
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// "'a', 'b' or 'c'": for messages that list what is allowed.
std::string QuotedList(std::span<const std::string_view> items);
std::string QuotedList(const std::vector<std::string>& items);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_DIAGNOSTICS_H_
