// SMS-DELIVER encoding and SMS-SUBMIT/DELIVER decoding (23.040 9.2): see at_sms_pdu.h.
#include "devices/at/at_sms_pdu.h"

#include <cstdint>
#include <cstdio>

#include "devices/at/at_sms_charset.h"

namespace carriersim {

namespace {

// 23.040 9.2.3.1: TP-MTI; 9.2.3.2: TP-MMS (set: no more messages wait); 9.2.3.23: TP-UDHI.
constexpr uint8_t kMtiDeliver = 0x00;
constexpr uint8_t kMtiSubmit = 0x01;
constexpr uint8_t kMoreMessagesToSend = 0x04;
constexpr uint8_t kUserDataHeader = 0x40;
// 23.040 9.1.2.5: type of address: international / unknown numbering, alphanumeric.
constexpr uint8_t kToaInternational = 0x91;
constexpr uint8_t kToaUnknown = 0x81;
constexpr uint8_t kToaAlphanumeric = 0xD0;
// 23.038 4: data coding scheme, general group.
constexpr uint8_t kDcsGsm7 = 0x00;
constexpr uint8_t kDcsUcs2 = 0x08;
constexpr size_t kMaxSeptets = 160;
constexpr size_t kMaxUcs2Units = 70;
constexpr size_t kMaxAlphanumeric = 11;

enum class Alphabet : uint8_t { kGsm7, kEightBit, kUcs2 };

bool IsNumber(std::string_view address) {
  if (!address.empty() && address[0] == '+') address.remove_prefix(1);
  if (address.empty() || address.size() > 20) return false;
  for (char c : address) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Digits as swapped semi-octets, padded with F (23.040 9.1.2.3).
std::string SemiOctets(std::string_view digits) {
  std::string octets;
  for (size_t i = 0; i < digits.size(); i += 2) {
    const int low = digits[i] - '0';
    const int high = i + 1 < digits.size() ? digits[i + 1] - '0' : 0x0F;
    octets.push_back(static_cast<char>(high << 4 | low));
  }
  return octets;
}

// An originating or destination address (23.040 9.1.2.5): its length counts useful
// semi-octets.
std::string EncodeAddress(std::string_view address) {
  if (IsNumber(address)) {
    const bool international = address[0] == '+';
    const std::string_view digits = international ? address.substr(1) : address;
    return std::string{static_cast<char>(digits.size()),
                       static_cast<char>(international ? kToaInternational : kToaUnknown)} +
           SemiOctets(digits);
  }
  std::u32string name = DecodeUtf8(address);
  if (name.size() > kMaxAlphanumeric) name.resize(kMaxAlphanumeric);
  for (char32_t& c : name) {
    if (!ToGsm7(std::u32string(1, c))) c = '?';
  }
  const std::string septets = ToGsm7(name).value_or("");
  const std::string packed = PackSeptets(septets);
  return std::string{static_cast<char>((septets.size() * 7 + 3) / 4),
                     static_cast<char>(kToaAlphanumeric)} +
         packed;
}

// The service centre's address: its length counts octets, the type of address included.
std::string EncodeServiceCentre(std::string_view address) {
  if (!IsNumber(address)) return std::string(1, '\0');
  const std::string encoded = EncodeAddress(address);
  return static_cast<char>(encoded.size() - 1) + encoded.substr(1);
}

// "yy/MM/dd,hh:mm:ss+zz" as 23.040 9.2.3.11's seven octets; zeros for what does not parse.
std::string EncodeTimestamp(std::string_view stamp) {
  auto two = [&stamp](size_t at) -> int {
    if (at + 1 >= stamp.size()) return 0;
    const char a = stamp[at], b = stamp[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return 0;
    return (a - '0') * 10 + (b - '0');
  };
  std::string octets;
  for (size_t at : {0, 3, 6, 9, 12, 15}) {
    const int value = two(at);
    octets.push_back(static_cast<char>((value % 10) << 4 | (value / 10)));
  }
  const int quarters = two(18) % 80;
  const bool negative = stamp.size() > 17 && stamp[17] == '-';
  octets.push_back(
      static_cast<char>((quarters % 10) << 4 | (quarters / 10) | (negative ? 0x08 : 0)));
  return octets;
}

std::string DecodeTimestamp(std::string_view octets) {
  int v[7];
  for (int i = 0; i < 7; ++i) {
    const auto o = static_cast<uint8_t>(octets[i]);
    v[i] = i < 6 ? (o & 0x0F) * 10 + (o >> 4) : (o & 0x07) * 10 + (o >> 4);
  }
  const bool negative = (static_cast<uint8_t>(octets[6]) & 0x08) != 0;
  char text[32];
  std::snprintf(text, sizeof text, "%02d/%02d/%02d,%02d:%02d:%02d%c%02d", v[0] % 100,
                v[1] % 100, v[2] % 100, v[3] % 100, v[4] % 100, v[5] % 100,
                negative ? '-' : '+', v[6] % 100);
  return text;
}

}  // namespace

std::string FitOneSms(std::string_view text) {
  const std::u32string points = DecodeUtf8(text);
  std::u32string fitted;
  if (ToGsm7(points)) {
    size_t septets = 0;
    for (char32_t c : points) {
      const size_t cost = ToGsm7(std::u32string(1, c))->size();
      if (septets + cost > kMaxSeptets) break;
      septets += cost;
      fitted.push_back(c);
    }
  } else {
    size_t units = 0;
    for (char32_t c : points) {
      const size_t cost = c > 0xFFFF ? 2 : 1;
      if (units + cost > kMaxUcs2Units) break;
      units += cost;
      fitted.push_back(c);
    }
  }
  return EncodeUtf8(fitted);
}

EncodedPdu EncodeDeliverPdu(const IncomingSms& sms, std::string_view service_centre) {
  const std::u32string text = DecodeUtf8(FitOneSms(sms.text));
  const std::optional<std::string> septets = ToGsm7(text);
  std::string tpdu;
  tpdu.push_back(static_cast<char>(kMtiDeliver | kMoreMessagesToSend));
  tpdu += EncodeAddress(sms.sender);
  tpdu.push_back(0x00);  // TP-PID: a plain short message
  tpdu.push_back(static_cast<char>(septets ? kDcsGsm7 : kDcsUcs2));
  tpdu += EncodeTimestamp(sms.timestamp);
  if (septets) {
    tpdu.push_back(static_cast<char>(septets->size()));  // TP-UDL counts septets
    tpdu += PackSeptets(*septets);
  } else {
    const std::string ucs2 = ToUcs2(text);
    tpdu.push_back(static_cast<char>(ucs2.size()));  // TP-UDL counts octets
    tpdu += ucs2;
  }
  return {ToHex(EncodeServiceCentre(service_centre) + tpdu), static_cast<int>(tpdu.size())};
}

namespace {

// Reads octets with bounds checks: each read past the end fails the whole decoding.
struct OctetReader {
  std::string_view octets;
  size_t pos = 0;
  bool failed = false;

  uint8_t Octet() {
    if (pos >= octets.size()) {
      failed = true;
      return 0;
    }
    return static_cast<uint8_t>(octets[pos++]);
  }
  std::string_view Take(size_t n) {
    if (pos + n > octets.size()) {
      failed = true;
      return {};
    }
    const std::string_view taken = octets.substr(pos, n);
    pos += n;
    return taken;
  }
};

std::string DecodeAddress(OctetReader& reader) {
  const uint8_t length = reader.Octet();  // useful semi-octets
  const uint8_t type = reader.Octet();
  const std::string_view octets = reader.Take((length + 1) / 2);
  if ((type & 0x70) == 0x50) {  // alphanumeric
    return EncodeUtf8(FromGsm7(UnpackSeptets(octets, length * 4 / 7)));
  }
  static constexpr char kDigits[] = "0123456789*#abc";
  std::string address = (type & 0x70) == 0x10 ? "+" : "";
  for (size_t i = 0; i < length && i / 2 < octets.size(); ++i) {
    const int nibble = (static_cast<uint8_t>(octets[i / 2]) >> (i % 2 == 0 ? 0 : 4)) & 0x0F;
    if (nibble == 0x0F) break;
    address.push_back(kDigits[nibble]);
  }
  return address;
}

// 23.038 4: the alphabet of a data coding scheme; nullopt for a reserved one.
std::optional<Alphabet> AlphabetOf(uint8_t dcs) {
  const uint8_t group = dcs >> 4;
  if (group <= 0x7) {  // general data coding (0x0-0x3) and automatic deletion (0x4-0x7)
    switch ((dcs >> 2) & 0x03) {
      case 0:
        return Alphabet::kGsm7;
      case 1:
        return Alphabet::kEightBit;
      case 2:
        return Alphabet::kUcs2;
      default:
        return std::nullopt;
    }
  }
  if (group == 0xF) return (dcs & 0x04) != 0 ? Alphabet::kEightBit : Alphabet::kGsm7;
  if (group == 0xE) return Alphabet::kUcs2;
  if (group == 0xC || group == 0xD) return Alphabet::kGsm7;
  return std::nullopt;
}

// The text of TP-UD: exactly the octets TP-UDL calls for, after the header when there is one.
std::optional<std::string> DecodeUserData(OctetReader& reader, uint8_t udl, Alphabet alphabet,
                                          bool has_header) {
  const size_t octet_count = alphabet == Alphabet::kGsm7 ? (udl * 7 + 7) / 8 : udl;
  const std::string_view ud = reader.Take(octet_count);
  if (reader.failed || reader.pos != reader.octets.size()) return std::nullopt;
  size_t header = 0;
  if (has_header) {
    if (ud.empty()) return std::nullopt;
    header = static_cast<uint8_t>(ud[0]) + 1u;
    if (header > ud.size()) return std::nullopt;
  }
  if (alphabet == Alphabet::kGsm7) {
    const size_t skipped = (header * 8 + 6) / 7;  // the header and its fill bits, in septets
    if (skipped > udl) return std::nullopt;
    const int fill = static_cast<int>(skipped * 7 - header * 8);
    return EncodeUtf8(FromGsm7(UnpackSeptets(ud.substr(header), udl - skipped, fill)));
  }
  const std::string_view body = ud.substr(header);
  if (alphabet == Alphabet::kUcs2) return EncodeUtf8(FromUcs2(body));
  std::u32string latin;
  for (char b : body) latin.push_back(static_cast<uint8_t>(b));
  return EncodeUtf8(latin);
}

}  // namespace

std::optional<DecodedPdu> DecodePdu(std::string_view hex) {
  const std::optional<std::string> octets = FromHex(hex);
  if (!octets || octets->empty()) return std::nullopt;
  OctetReader reader{*octets};
  reader.Take(reader.Octet());  // the service centre's address
  const size_t tpdu_start = reader.pos;
  const uint8_t first = reader.Octet();
  const uint8_t mti = first & 0x03;
  if (mti != kMtiDeliver && mti != kMtiSubmit) return std::nullopt;
  DecodedPdu pdu;
  pdu.submit = mti == kMtiSubmit;
  if (pdu.submit) reader.Octet();  // TP-MR
  pdu.address = DecodeAddress(reader);
  reader.Octet();  // TP-PID
  const std::optional<Alphabet> alphabet = AlphabetOf(reader.Octet());
  if (pdu.submit) {
    const int vpf = (first >> 3) & 0x03;  // 23.040 9.2.3.3: none, enhanced, relative, absolute
    reader.Take(vpf == 0 ? 0 : vpf == 2 ? 1 : 7);
  } else {
    const std::string_view stamp = reader.Take(7);
    if (!reader.failed) pdu.timestamp = DecodeTimestamp(stamp);
  }
  const uint8_t udl = reader.Octet();
  if (reader.failed || !alphabet) return std::nullopt;
  const auto text = DecodeUserData(reader, udl, *alphabet, (first & kUserDataHeader) != 0);
  if (!text) return std::nullopt;
  pdu.text = *text;
  pdu.tpdu_length = static_cast<int>(octets->size() - tpdu_start);
  return pdu;
}

}  // namespace carriersim
