#include "simulator/live/sim_ids.h"

#include <cstdio>

#include "simulator/base/rng.h"

namespace carriersim {
namespace {

constexpr std::string_view kImsiPrefix = "00101";   // test network 001-01
constexpr std::string_view kIccidPrefix = "8900101";  // 89: telecom; then the same network

char LuhnDigit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string TenDigits(uint64_t n) {
  char text[16];
  std::snprintf(text, sizeof text, "%010llu", static_cast<unsigned long long>(n));
  return text;
}

// The number `text` holds after `prefix`, when it is exactly `digits` decimal digits.
std::optional<uint64_t> DigitsAfter(std::string_view text, std::string_view prefix, size_t digits) {
  if (text.size() != prefix.size() + digits || text.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  uint64_t n = 0;
  for (const char c : text.substr(prefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

}  // namespace

SimIds::SimIds(size_t sims, uint64_t seed)
    : sims_(sims),
      offset_(Mix64(seed ^ 0x51a1d5ull) % kNumbers),
      sid_mask_(Mix64(seed ^ 0x5edull)),
      sid_tag_(Mix64(seed ^ 0x7a6ull)) {}

std::string SimIds::Imsi(SimId sim) const {
  return std::string(kImsiPrefix) + TenDigits(Number(sim));
}

std::string SimIds::Iccid(SimId sim) const {
  std::string digits = std::string(kIccidPrefix) + "0" + TenDigits(Number(sim));
  digits.push_back(LuhnDigit(digits));
  return digits;
}

std::string SimIds::Imei(SimId sim) const {
  // A type allocation code of the "35" reporting body, then the serial number: unique for
  // every SIM number, as the number has 10 digits.
  const std::string ten = TenDigits(Number(sim));
  std::string digits = "3500" + ten;
  digits.push_back(LuhnDigit(digits));
  return digits;
}

std::string SimIds::Sid(SimId sim) const {
  char text[40];
  std::snprintf(text, sizeof text, "DE%016llx%016llx", static_cast<unsigned long long>(sid_tag_),
                static_cast<unsigned long long>(sid_mask_ ^ sim));
  return text;
}

int64_t SimIds::DeviceId(SimId sim) const {
  return static_cast<int64_t>(1'000'000 + (offset_ % 1'000'000) + sim);
}

std::optional<SimId> SimIds::FromNumber(uint64_t n) const {
  const uint64_t sim = (n + kNumbers - offset_) % kNumbers;
  if (sim >= sims_) return std::nullopt;
  return static_cast<SimId>(sim);
}

std::optional<SimId> SimIds::FromImsi(std::string_view text) const {
  const std::optional<uint64_t> n = DigitsAfter(text, kImsiPrefix, 10);
  return n ? FromNumber(*n) : std::nullopt;
}

std::optional<SimId> SimIds::FromIccid(std::string_view text) const {
  if (text.empty()) return std::nullopt;
  const std::optional<uint64_t> n =
      DigitsAfter(text.substr(0, text.size() - 1), std::string(kIccidPrefix) + "0", 10);
  if (!n) return std::nullopt;
  const std::optional<SimId> sim = FromNumber(*n);
  return sim && Iccid(*sim) == text ? sim : std::nullopt;  // the check digit too
}

std::optional<SimId> SimIds::FromSid(std::string_view text) const {
  if (text.size() != 34) return std::nullopt;
  const std::optional<SimId> sim = [&]() -> std::optional<SimId> {
    uint64_t low = 0;
    for (const char c : text.substr(18)) {
      const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (v < 0) return std::nullopt;
      low = (low << 4) | static_cast<uint64_t>(v);
    }
    const uint64_t sim = low ^ sid_mask_;
    if (sim >= sims_) return std::nullopt;
    return static_cast<SimId>(sim);
  }();
  return sim && Sid(*sim) == text ? sim : std::nullopt;
}

std::optional<SimId> SimIds::FromDeviceId(std::string_view text) const {
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  const int64_t sim = n - static_cast<int64_t>(1'000'000 + offset_ % 1'000'000);
  if (sim < 0 || static_cast<uint64_t>(sim) >= sims_) return std::nullopt;
  return static_cast<SimId>(sim);
}

}  // namespace carriersim
