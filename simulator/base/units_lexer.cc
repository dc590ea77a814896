#include "simulator/base/units_lexer.h"

#include <cctype>
#include <limits>

#include "simulator/base/diagnostics.h"

namespace carriersim::units_lexer {
namespace {

constexpr int kMaxDigits = 18;  // 10^18 < 2^63: any such mantissa fits an int64

}  // namespace


Int128 Pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool ReadDecimal(std::string_view s, size_t* pos, Decimal* out, std::string* error) {
  size_t i = *pos;
  if (i >= s.size() || !IsDigit(s[i])) return false;
  Decimal d;
  int digits = 0;
  bool in_fraction = false;
  for (; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      if (d.mantissa != 0 || s[i] != '0') ++digits;
      if (digits > kMaxDigits) {
        *error = "too many digits in " + Quoted(s);
        return false;
      }
      d.mantissa = d.mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      if (in_fraction && ++d.scale > kMaxDigits) {
        // Leading zeros of a fraction do not count as digits above, but they do scale it: an
        // unbounded scale would overflow the divisor.
        *error = "too many decimal places in " + Quoted(s);
        return false;
      }
    } else if (s[i] == '.' && !in_fraction && i + 1 < s.size() && IsDigit(s[i + 1])) {
      in_fraction = true;
    } else {
      break;
    }
  }
  *pos = i;
  *out = d;
  return true;
}

std::string_view ReadWord(std::string_view s, size_t* pos) {
  const size_t start = *pos;
  while (*pos < s.size() && IsAlpha(s[*pos])) ++*pos;
  return s.substr(start, *pos - start);
}

void SkipSpaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t')) ++*pos;
}

bool Scale(const Decimal& d, int64_t factor, int64_t* out, bool* exact) {
  const Int128 numerator = static_cast<Int128>(d.mantissa) * factor;
  const Int128 divisor = Pow10(d.scale);
  Int128 q = numerator / divisor;
  const Int128 r = numerator % divisor;
  *exact = r == 0;
  if (2 * r >= divisor) ++q;
  if (q > std::numeric_limits<int64_t>::max()) return false;
  *out = static_cast<int64_t>(q);
  return true;
}

std::string Quote(std::string_view s) { return Quoted(s); }

}  // namespace carriersim::units_lexer
