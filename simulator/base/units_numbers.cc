// The plain numbers of the formats: money, fractions and percentages, rates, factors, counts.
#include <limits>

#include "simulator/base/diagnostics.h"
#include "simulator/base/units.h"
#include "simulator/base/units_lexer.h"

namespace carriersim {

using units_lexer::Decimal;
using units_lexer::Pow10;
using units_lexer::Trim;
using units_lexer::IsDigit;
using units_lexer::IsAlpha;
using units_lexer::ReadDecimal;
using units_lexer::SkipSpaces;
using units_lexer::Scale;
using units_lexer::Quote;

bool ParseMoney(std::string_view text, Money* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected an amount and an ISO 4217 currency, such as '0.06 USD'";
  if (s.empty()) {
    *error = "empty amount; " + form;
    return false;
  }
  if (s.front() == '-') {
    *error = "amount " + Quote(s) + " is negative; prices cannot be negative";
    return false;
  }
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error)) {
    if (error->empty()) *error = "bad amount " + Quote(s) + "; " + form;
    return false;
  }
  if (d.scale > 6) {
    *error =
        "amount " + Quote(s) + " has more than 6 decimal places (money is counted in millionths)";
    return false;
  }
  SkipSpaces(s, &pos);
  const std::string_view code = s.substr(pos);
  if (code.empty()) {
    *error = "amount " + Quote(s) + " has no currency; " + form;
    return false;
  }
  if (!LookUpCurrency(code, &out->currency)) {
    *error = "unknown currency " + Quote(code) + SuggestCurrency(code) +
             "; use an ISO 4217 code such as USD, EUR or JPY";
    return false;
  }
  bool exact = false;
  if (!Scale(d, 1'000'000, &out->micros, &exact)) {
    *error = "amount " + Quote(s) + " is too large";
    return false;
  }
  return true;
}

bool ParseFraction(std::string_view text, double* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a percentage such as 25% or a fraction such as 0.25";
  if (!s.empty() && s.front() == '-') {
    *error = Quote(s) + " is negative; " + form;
    return false;
  }
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error)) {
    if (error->empty()) *error = "bad fraction " + Quote(s) + "; " + form;
    return false;
  }
  int scale = d.scale;
  if (pos < s.size() && s[pos] == '%') {
    scale += 2;
    ++pos;
  }
  if (pos != s.size()) {
    *error = "bad fraction " + Quote(s) + "; " + form;
    return false;
  }
  // One IEEE division of two exactly representable numbers: correctly rounded everywhere.
  *out = static_cast<double>(d.mantissa) / static_cast<double>(Pow10(scale));
  if (*out > 1.0) {
    *error = Quote(s) + " is more than 100%";
    return false;
  }
  return true;
}

bool ParseRate(std::string_view text, Rate* out, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a rate such as 50/s, 3000/min or 10/5m";
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) {
    *error = "bad rate " + Quote(s) + "; " + form;
    return false;
  }
  const std::string_view count_text = Trim(s.substr(0, slash));
  std::string_view period_text = Trim(s.substr(slash + 1));
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(count_text, &pos, &d, error) || pos != count_text.size()) {
    if (error->empty()) *error = "bad rate " + Quote(s) + "; " + form;
    return false;
  }
  std::string period_with_count(period_text);
  if (!period_text.empty() && IsAlpha(period_text.front())) period_with_count.insert(0, "1");
  std::string period_error;
  if (!ParseDuration(period_with_count, &out->per, &period_error)) {
    *error = "bad period in rate " + Quote(s) + ": " + period_error;
    return false;
  }
  if (out->per <= 0) {
    *error = "rate " + Quote(s) + " has a zero period";
    return false;
  }
  out->count = static_cast<double>(d.mantissa) / static_cast<double>(Pow10(d.scale));
  return true;
}

bool ParseMultiplier(std::string_view text, int64_t* milli, std::string* error) {
  const std::string_view s = Trim(text);
  const std::string form = "expected a factor such as 2 or 1.5 (from 1 to 100, at most 3 decimals)";
  size_t pos = 0;
  Decimal d;
  if (!ReadDecimal(s, &pos, &d, error) || pos != s.size() || d.scale > 3) {
    *error = "bad factor " + Quote(s) + "; " + form;
    return false;
  }
  const Int128 value = Int128{d.mantissa} * Pow10(3 - d.scale);
  if (value < 1000 || value > 100'000) {
    *error = "factor " + Quote(s) + " is out of range; " + form;
    return false;
  }
  *milli = static_cast<int64_t>(value);
  return true;
}

bool ParseCount(std::string_view text, int64_t* out, std::string* error) {
  const std::string_view s = Trim(text);
  if (!s.empty() && s.front() == '-') {
    *error = Quote(s) + " is negative; expected a whole number such as 10 or 1_000_000";
    return false;
  }
  Int128 value = 0;
  bool digit_before = false;
  for (char c : s) {
    if (IsDigit(c)) {
      value = value * 10 + (c - '0');
      digit_before = true;
      if (value > std::numeric_limits<int64_t>::max()) {
        *error = Quote(s) + " is too large";
        return false;
      }
    } else if (c == '_' && digit_before) {
      digit_before = false;
    } else {
      *error = "expected a whole number such as 10 or 1_000_000, not " + Quote(s);
      return false;
    }
  }
  if (!digit_before) {
    *error = "expected a whole number such as 10 or 1_000_000, not " + Quote(s);
    return false;
  }
  *out = static_cast<int64_t>(value);
  return true;
}

}  // namespace carriersim
