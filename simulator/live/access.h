// Who may call a live session's carrier APIs: the users the scenario declares (`live: users:`),
// each a credential of one carrier with a role, and the tokens issued to them. A caller reaches
// only its own carrier's SIMs; the role is what the carrier's verbs check (HOL-4).
//
// Secrets are compared in constant time. Tokens are random (not from the scenario's seed: they
// are credentials, and nothing in the reports depends on them).
#ifndef CARRIERSIM_LIVE_ACCESS_H_
#define CARRIERSIM_LIVE_ACCESS_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>

#include "simulator/scenario/model.h"

namespace carriersim {

class Access {
 public:
  explicit Access(const Scenario& scenario);

  // The user of an API `style` ("soracom", ...) with this name and secret, or nullptr.
  const ApiUser* Login(std::string_view style, std::string_view name,
                       std::string_view secret) const;
  // The user of `style` whose secret this is, whatever the name (Hologram's API keys).
  const ApiUser* LoginBySecret(std::string_view style, std::string_view secret);
  // A new token for `user`, valid for `lifetime_ms` of wall time (0: until the session ends).
  std::string IssueToken(const ApiUser* user, int64_t lifetime_ms);
  // The user a token was issued to, for an API `style`, or nullptr (unknown, expired, another
  // style's).
  const ApiUser* FromToken(std::string_view style, std::string_view token);

  // The control API's key, and whether `key` is it.
  const std::string& control_key() const { return control_key_; }
  bool IsControlKey(std::string_view key) const;

  static bool SecretsEqual(std::string_view a, std::string_view b);

 private:
  struct Issued {
    const ApiUser* user;
    int64_t expires_ms;  // on the steady clock; 0: never
  };
  std::string RandomHex(size_t bytes);
  const std::string& StyleOf(const ApiUser& user) const {
    return scenario_.carriers[user.carrier].profile.api.style;
  }

  const Scenario& scenario_;
  std::string control_key_;
  std::random_device entropy_;
  std::unordered_map<std::string, Issued> tokens_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_ACCESS_H_
