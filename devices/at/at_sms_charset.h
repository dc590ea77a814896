// The character sets of SMS (3GPP TS 23.038): the GSM 7-bit default alphabet with its extension
// table (6.2.1) and septet packing (6.1.2.1), UCS-2 (as UTF-16, big-endian), the UTF-8 the rest
// of carriersim speaks, and the hex in which PDU mode and AT+CSCS="UCS2" write bytes.
#ifndef CARRIERSIM_DEVICES_AT_AT_SMS_CHARSET_H_
#define CARRIERSIM_DEVICES_AT_AT_SMS_CHARSET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace carriersim {

// The code points of UTF-8 text; a malformed sequence gives U+FFFD and the next byte.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// The septets (one per byte; an extension character is 0x1B and its code) of `text`, or
// nullopt when a character is in neither table.
std::optional<std::string> ToGsm7(std::u32string_view text);
// The text of `septets`; an unknown extension code gives a space, as 23.038 says.
std::u32string FromGsm7(std::string_view septets);

// Packs septets into octets, after `fill_bits` zero bits (0..6) that align them behind a
// user data header.
std::string PackSeptets(std::string_view septets, int fill_bits = 0);
// The first `count` septets packed in `octets` after `fill_bits` bits; fewer if it is short.
std::string UnpackSeptets(std::string_view octets, size_t count, int fill_bits = 0);

// UCS-2 octets (UTF-16BE: a character beyond U+FFFF takes a surrogate pair) and back; an odd
// last octet is dropped.
std::string ToUcs2(std::u32string_view text);
std::u32string FromUcs2(std::string_view octets);

// Upper-case hex of bytes, and bytes of hex (either case); nullopt for an odd length or a
// character that is not a hex digit.
std::string ToHex(std::string_view bytes);
std::optional<std::string> FromHex(std::string_view hex);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_SMS_CHARSET_H_
