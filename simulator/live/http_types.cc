#include "simulator/live/http_types.h"

#include <cctype>
#include <cstdint>

namespace carriersim {
namespace {

const std::string* Find(const HttpFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Base64Decode(std::string_view in, std::string* out) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint32_t bits = 0;
  int count = 0;
  size_t padding = 0;
  for (const char c : in) {
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0) return false;  // data after padding
    const size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return false;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out->push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return padding <= 2;
}

}  // namespace

const std::string* HttpRequest::Header(std::string_view name) const {
  return Find(headers, name);
}
const std::string* HttpRequest::Query(std::string_view name) const { return Find(query, name); }

bool PercentDecode(std::string_view text, bool plus_is_space, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return true;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out += {'%', kHex[u >> 4], kHex[u & 15]};
    }
  }
  return out;
}

bool ParseForm(std::string_view text, HttpFields* fields) {
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string key, value;
    if (!PercentDecode(pair.substr(0, eq), true, &key)) return false;
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, &value)) {
      return false;
    }
    fields->emplace_back(std::move(key), std::move(value));
  }
  return true;
}

bool ParseBasicAuth(const std::string* header, std::string* user, std::string* password) {
  constexpr std::string_view kBasic = "Basic ";
  if (header == nullptr || header->size() <= kBasic.size() ||
      std::string_view(*header).substr(0, kBasic.size()) != kBasic) {
    return false;
  }
  std::string decoded;
  if (!Base64Decode(std::string_view(*header).substr(kBasic.size()), &decoded)) return false;
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return false;
  *user = decoded.substr(0, colon);
  *password = decoded.substr(colon + 1);
  return true;
}

std::string BearerToken(const std::string* header) {
  constexpr std::string_view kBearer = "Bearer ";
  if (header == nullptr || header->size() <= kBearer.size() ||
      std::string_view(*header).substr(0, kBearer.size()) != kBearer) {
    return "";
  }
  return header->substr(kBearer.size());
}

}  // namespace carriersim
