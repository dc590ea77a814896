// Reading the numbers of the units.h formats: exact decimals, words, spaces, and scaling a
// decimal by a unit. Internal to units.cc and units_numbers.cc.
#ifndef CARRIERSIM_BASE_UNITS_LEXER_H_
#define CARRIERSIM_BASE_UNITS_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/base/int128.h"

namespace carriersim::units_lexer {

// A non-negative decimal as written: value = mantissa / 10^scale. Exact, unlike a double.
struct Decimal {
  uint64_t mantissa = 0;
  int scale = 0;
};

Int128 Pow10(int n);
std::string_view Trim(std::string_view s);
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c);
// Reads digits[.digits] at *pos. Fails without consuming anything when there is no digit.
bool ReadDecimal(std::string_view s, size_t* pos, Decimal* out, std::string* error);
std::string_view ReadWord(std::string_view s, size_t* pos);
void SkipSpaces(std::string_view s, size_t* pos);
// mantissa * factor / 10^scale as an int64, rounding half up; false on overflow.
bool Scale(const Decimal& d, int64_t factor, int64_t* out, bool* exact);
std::string Quote(std::string_view s);

}  // namespace carriersim::units_lexer

#endif  // CARRIERSIM_BASE_UNITS_LEXER_H_
