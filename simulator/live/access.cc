#include "simulator/live/access.h"

#include <chrono>

namespace carriersim {
namespace {

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Access::Access(const Scenario& scenario) : scenario_(scenario) {
  control_key_ = scenario.live.control_key.empty() ? "ctl-" + RandomHex(16)
                                                    : scenario.live.control_key;
}

bool Access::SecretsEqual(std::string_view a, std::string_view b) {
  // Every byte of the longer is looked at, whatever matches, so the time says nothing.
  const size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

const ApiUser* Access::Login(std::string_view style, std::string_view name,
                             std::string_view secret) const {
  for (const ApiUser& user : scenario_.live.users) {
    if (StyleOf(user) == style && user.name == name && SecretsEqual(user.secret, secret)) {
      return &user;
    }
  }
  return nullptr;
}

const ApiUser* Access::LoginBySecret(std::string_view style, std::string_view secret) {
  const ApiUser* found = nullptr;
  for (const ApiUser& user : scenario_.live.users) {
    if (StyleOf(user) == style && SecretsEqual(user.secret, secret) && found == nullptr) {
      found = &user;
    }
  }
  return found;
}

std::string Access::IssueToken(const ApiUser* user, int64_t lifetime_ms) {
  std::string token = RandomHex(24);
  tokens_[token] = Issued{user, lifetime_ms > 0 ? SteadyMillis() + lifetime_ms : 0};
  return token;
}

const ApiUser* Access::FromToken(std::string_view style, std::string_view token) {
  const auto it = tokens_.find(std::string(token));
  if (it == tokens_.end()) return nullptr;
  if (it->second.expires_ms != 0 && SteadyMillis() >= it->second.expires_ms) {
    tokens_.erase(it);
    return nullptr;
  }
  return StyleOf(*it->second.user) == style ? it->second.user : nullptr;
}

bool Access::IsControlKey(std::string_view key) const { return SecretsEqual(control_key_, key); }

std::string Access::RandomHex(size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    const unsigned v = entropy_() & 0xff;
    out += {kHex[v >> 4], kHex[v & 15]};
  }
  return out;
}

}  // namespace carriersim
