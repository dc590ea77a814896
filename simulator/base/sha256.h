// SHA-256 (FIPS 180-4), for identifying the scenario file a report came from: summary.json
// records the hash of the file as read, which `sha256sum FILE` reproduces.
#ifndef CARRIERSIM_BASE_SHA256_H_
#define CARRIERSIM_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace carriersim {

// The digest of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_SHA256_H_
