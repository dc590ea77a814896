// ISO 4217 currency codes. Money is only ever added to money of the same currency, so a
// currency is a small value type compared by code.
#ifndef CARRIERSIM_BASE_CURRENCY_H_
#define CARRIERSIM_BASE_CURRENCY_H_

#include <array>
#include <string>
#include <string_view>

namespace carriersim {

struct Currency {
  std::array<char, 3> code{'X', 'X', 'X'};  // "XXX" is ISO 4217's "no currency"
  std::string_view str() const { return {code.data(), code.size()}; }
  friend bool operator==(const Currency&, const Currency&) = default;
};

// True and sets *out when `code` is an active ISO 4217 code ("USD", "EUR", "JPY", ...).
bool LookUpCurrency(std::string_view code, Currency* out);

// " (did you mean 'USD'?)" for a near miss, or "".
std::string SuggestCurrency(std::string_view code);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_CURRENCY_H_
