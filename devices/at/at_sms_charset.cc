// The character sets of SMS: see at_sms_charset.h.
#include "devices/at/at_sms_charset.h"

#include <cstdint>

namespace carriersim {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char kEscape = 0x1B;

// 23.038 6.2.1: the default alphabet, septet -> code point (0x1B is the escape to the
// extension table; shown as a space when it stands alone).
constexpr char32_t kDefaultAlphabet[128] = {
    0x40,  0xA3,  0x24,  0xA5,  0xE8,  0xE9,  0xF9,  0xEC,  0xF2,  0xC7,  0x0A,  0xD8,  0xF8,
    0x0D,  0xC5,  0xE5,  0x394, 0x5F,  0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398,
    0x39E, 0x20,  0xC6,  0xE6,  0xDF,  0xC9,  0x20,  0x21,  0x22,  0x23,  0xA4,  0x25,  0x26,
    0x27,  0x28,  0x29,  0x2A,  0x2B,  0x2C,  0x2D,  0x2E,  0x2F,  0x30,  0x31,  0x32,  0x33,
    0x34,  0x35,  0x36,  0x37,  0x38,  0x39,  0x3A,  0x3B,  0x3C,  0x3D,  0x3E,  0x3F,  0xA1,
    0x41,  0x42,  0x43,  0x44,  0x45,  0x46,  0x47,  0x48,  0x49,  0x4A,  0x4B,  0x4C,  0x4D,
    0x4E,  0x4F,  0x50,  0x51,  0x52,  0x53,  0x54,  0x55,  0x56,  0x57,  0x58,  0x59,  0x5A,
    0xC4,  0xD6,  0xD1,  0xDC,  0xA7,  0xBF,  0x61,  0x62,  0x63,  0x64,  0x65,  0x66,  0x67,
    0x68,  0x69,  0x6A,  0x6B,  0x6C,  0x6D,  0x6E,  0x6F,  0x70,  0x71,  0x72,  0x73,  0x74,
    0x75,  0x76,  0x77,  0x78,  0x79,  0x7A,  0xE4,  0xF6,  0xF1,  0xFC,  0xE0,
};

struct Extension {
  char code;
  char32_t point;
};

// 23.038 6.2.1.1: the extension table's characters (after 0x1B).
constexpr Extension kExtension[] = {
    {0x0A, 0x0C}, {0x14, '^'}, {0x28, '{'}, {0x29, '}'},  {0x2F, '\\'},
    {0x3C, '['},  {0x3D, '~'}, {0x3E, ']'}, {0x40, '|'}, {0x65, 0x20AC},
};

// The length of the UTF-8 sequence that starts with `lead`, 0 for a byte that starts none.
size_t SequenceLength(uint8_t lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<uint8_t>(text[i]);
    const size_t length = SequenceLength(lead);
    bool valid = length != 0 && i + length <= text.size();
    // The lead byte's payload bits: all 7 of an ASCII byte, 5, 4 or 3 of a longer sequence's.
    char32_t point = length <= 1 ? lead : lead & (0x3F >> (length - 1));
    for (size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<uint8_t>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      point = (point << 6) | (next & 0x3F);
    }
    out.push_back(valid ? point : kReplacement);
    i += valid ? length : 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    if (c > 0x10FFFF) c = kReplacement;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::optional<std::string> ToGsm7(std::u32string_view text) {
  std::string septets;
  for (char32_t c : text) {
    bool found = false;
    for (int s = 0; s < 128 && !found; ++s) {
      if (s != kEscape && kDefaultAlphabet[s] == c) {
        septets.push_back(static_cast<char>(s));
        found = true;
      }
    }
    for (const Extension& e : kExtension) {
      if (found || e.point != c) continue;
      septets.push_back(kEscape);
      septets.push_back(e.code);
      found = true;
    }
    if (!found) return std::nullopt;
  }
  return septets;
}

std::u32string FromGsm7(std::string_view septets) {
  std::u32string text;
  for (size_t i = 0; i < septets.size(); ++i) {
    const int s = septets[i] & 0x7F;
    if (s != kEscape || i + 1 == septets.size()) {
      text.push_back(kDefaultAlphabet[s]);
      continue;
    }
    const char code = static_cast<char>(septets[++i] & 0x7F);
    char32_t point = ' ';
    for (const Extension& e : kExtension) {
      if (e.code == code) point = e.point;
    }
    text.push_back(point);
  }
  return text;
}

std::string PackSeptets(std::string_view septets, int fill_bits) {
  std::string octets;
  uint32_t bits = 0;
  int count = fill_bits;  // the fill bits are zeros already in `bits`
  for (char septet : septets) {
    bits |= static_cast<uint32_t>(septet & 0x7F) << count;
    count += 7;
    while (count >= 8) {
      octets.push_back(static_cast<char>(bits & 0xFF));
      bits >>= 8;
      count -= 8;
    }
  }
  if (count > 0) octets.push_back(static_cast<char>(bits & 0xFF));
  return octets;
}

std::string UnpackSeptets(std::string_view octets, size_t count, int fill_bits) {
  std::string septets;
  const size_t total_bits = octets.size() * 8;
  for (size_t k = 0; k < count; ++k) {
    const size_t bit = static_cast<size_t>(fill_bits) + k * 7;
    if (bit + 7 > total_bits) break;
    const size_t byte = bit / 8;
    uint32_t word = static_cast<uint8_t>(octets[byte]);
    if (byte + 1 < octets.size()) word |= static_cast<uint32_t>(static_cast<uint8_t>(octets[byte + 1])) << 8;
    septets.push_back(static_cast<char>((word >> (bit % 8)) & 0x7F));
  }
  return septets;
}

std::string ToUcs2(std::u32string_view text) {
  std::string octets;
  auto put = [&octets](uint32_t unit) {
    octets.push_back(static_cast<char>(unit >> 8));
    octets.push_back(static_cast<char>(unit & 0xFF));
  };
  for (char32_t c : text) {
    if (c > 0x10FFFF) c = kReplacement;
    if (c < 0x10000) {
      put(c);
    } else {
      put(0xD800 + ((c - 0x10000) >> 10));
      put(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return octets;
}

std::u32string FromUcs2(std::string_view octets) {
  std::u32string text;
  char32_t high = 0;  // a high surrogate waiting for its low one
  for (size_t i = 0; i + 1 < octets.size(); i += 2) {
    const char32_t unit = (static_cast<uint8_t>(octets[i]) << 8) | static_cast<uint8_t>(octets[i + 1]);
    if (unit >= 0xD800 && unit < 0xDC00) {
      if (high != 0) text.push_back(kReplacement);
      high = unit;
      continue;
    }
    if (unit >= 0xDC00 && unit < 0xE000) {
      text.push_back(high != 0 ? 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                               : kReplacement);
      high = 0;
      continue;
    }
    if (high != 0) text.push_back(kReplacement);
    high = 0;
    text.push_back(unit);
  }
  if (high != 0) text.push_back(kReplacement);
  return text;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (char b : bytes) {
    hex.push_back(kDigits[static_cast<uint8_t>(b) >> 4]);
    hex.push_back(kDigits[static_cast<uint8_t>(b) & 0x0F]);
  }
  return hex;
}

std::optional<std::string> FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]);
    const int low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high << 4 | low));
  }
  return bytes;
}

}  // namespace carriersim
