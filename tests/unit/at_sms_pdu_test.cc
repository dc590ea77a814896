// SMS PDUs and character sets: the exact bytes of a known SMS-DELIVER, the 7-bit packing of
// 23.038, the extension table, UCS-2 for what the default alphabet lacks, alphanumeric
// senders, and SUBMIT/DELIVER decoding (round trips through the encoder).
#include <catch2/catch.hpp>

#include "devices/at/at_sms_charset.h"
#include "devices/at/at_sms_pdu.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

const IncomingSms kHello{"+15557654321", "hellohello", "26/11/30,10:00:00+04"};

TEST_CASE("SMS PDU: a known SMS-DELIVER, byte by byte", "[unit][at]") {
  const EncodedPdu pdu = EncodeDeliverPdu(kHello, "+15550000000");
  CHECK(pdu.hex ==
        "07915155000000F0"    // SMSC: 7 octets, international, 15550000000
        "04"                  // SMS-DELIVER, no more messages waiting
        "0B915155674523F1"    // sender: 11 digits, international, 15557654321
        "00"                  // TP-PID
        "00"                  // TP-DCS: GSM 7-bit
        "62110301000040"      // 26/11/30 10:00:00, +4 quarters of an hour
        "0A"                  // 10 septets
        "E8329BFD4697D9EC37"  // "hellohello" packed
  );
  CHECK(pdu.tpdu_length == 28);
}

TEST_CASE("SMS PDU: septet packing as 23.038 shows it", "[unit][at]") {
  const auto septets = ToGsm7(DecodeUtf8("hellohello"));
  REQUIRE(septets);
  CHECK(ToHex(PackSeptets(*septets)) == "E8329BFD4697D9EC37");
  CHECK(UnpackSeptets(PackSeptets(*septets), 10) == *septets);
  // Eight septets fill seven octets exactly.
  CHECK(ToHex(PackSeptets(*ToGsm7(DecodeUtf8("12345678")))) == "31D98C56B3DD70");
  // '@' is septet 0, and the extension table takes two septets.
  CHECK(*ToGsm7(DecodeUtf8("@")) == std::string(1, '\0'));
  CHECK(*ToGsm7(DecodeUtf8("[€]")) == std::string("\x1b\x3c\x1b\x65\x1b\x3e", 6));
  CHECK(EncodeUtf8(FromGsm7(*ToGsm7(DecodeUtf8("Grüße [€] @ {x}|~\\^")))) ==
        "Grüße [€] @ {x}|~\\^");
  CHECK_FALSE(ToGsm7(DecodeUtf8("日本")));
}

TEST_CASE("SMS PDU: a text outside the default alphabet goes as UCS-2", "[unit][at]") {
  const EncodedPdu pdu = EncodeDeliverPdu({"+15557654321", "日本", "26/11/30,10:00:00-20"},
                                          "+15550000000");
  // DCS 08, the time zone's sign bit set (-20 quarters: -5 h), UDL 4 octets.
  CHECK(pdu.hex == "07915155000000F0040B915155674523F100086211030100000A0465E5672C");
  const auto decoded = DecodePdu(pdu.hex);
  REQUIRE(decoded);
  CHECK(decoded->text == "日本");
  CHECK(decoded->timestamp == "26/11/30,10:00:00-20");
}

TEST_CASE("SMS PDU: an alphanumeric sender and a national number", "[unit][at]") {
  const EncodedPdu named = EncodeDeliverPdu({"KORE", "hi", "26/01/02,03:04:05+00"}, "");
  // No SMSC (00); sender: 7 semi-octets, alphanumeric, "KORE" packed.
  CHECK(named.hex.substr(0, 16) == "000407D0CBA7B408");
  auto decoded = DecodePdu(named.hex);
  REQUIRE(decoded);
  CHECK(decoded->address == "KORE");
  decoded = DecodePdu(EncodeDeliverPdu({"12345", "x", ""}, "+1").hex);
  REQUIRE(decoded);
  CHECK(decoded->address == "12345");
  CHECK(decoded->timestamp == "00/00/00,00:00:00+00");  // what did not parse is zero
}

TEST_CASE("SMS PDU: deliver round trips", "[unit][at]") {
  for (const IncomingSms& sms :
       {kHello, IncomingSms{"+4915112345678", "Ünïcödé ✓ text", "25/12/31,23:59:59+32"},
        IncomingSms{"+1", "", "00/01/01,00:00:00+00"},
        IncomingSms{"+15551234567", std::string(160, 'x'), "26/06/15,12:00:00-16"}}) {
    const auto decoded = DecodePdu(EncodeDeliverPdu(sms, "+15550000000").hex);
    REQUIRE(decoded);
    CHECK_FALSE(decoded->submit);
    CHECK(decoded->address == sms.sender);
    CHECK(decoded->text == sms.text);
    CHECK(decoded->timestamp == sms.timestamp);
  }
}

TEST_CASE("SMS PDU: a text longer than one SMS is cut to one", "[unit][at]") {
  CHECK(FitOneSms(std::string(200, 'a')) == std::string(160, 'a'));
  CHECK(FitOneSms(std::string(159, 'a') + "[") == std::string(159, 'a'));  // [ takes two
  std::string kanji;
  for (int i = 0; i < 80; ++i) kanji += "日";
  CHECK(DecodeUtf8(FitOneSms(kanji)).size() == 70);
}

TEST_CASE("SMS PDU: SMS-SUBMIT decoding and malformed PDUs", "[unit][at]") {
  const auto submit = DecodePdu("0011000B915155674523F10000AA0AE8329BFD4697D9EC37");
  REQUIRE(submit);
  CHECK(submit->submit);
  CHECK(submit->address == "+15557654321");
  CHECK(submit->text == "hellohello");
  CHECK(submit->tpdu_length == 23);
  // With a user data header (a concatenated SMS part): the text starts after it.
  const auto part = DecodePdu("0051000B915155674523F10000AA0D0500030A0201D06536FB1D02");
  REQUIRE(part);
  CHECK(part->text == "hello!");
  CHECK_FALSE(DecodePdu("0011000B915155674523F10000AA0AE8329BFD4697D9EC"));    // short
  CHECK_FALSE(DecodePdu("0011000B915155674523F10000AA0AE8329BFD4697D9EC3700"));  // long
  CHECK_FALSE(DecodePdu("0011000B915155674523F10000AA0AE8329BFD4697D9EC3"));   // odd
  CHECK_FALSE(DecodePdu("zz"));
  CHECK_FALSE(DecodePdu(""));
  CHECK_FALSE(DecodePdu("FF"));
  CHECK_FALSE(DecodePdu("0013"));  // a reserved message type
}

TEST_CASE("SMS charset: UCS-2 and hex", "[unit][at]") {
  CHECK(ToHex(ToUcs2(DecodeUtf8("A€😀"))) == "004120ACD83DDE00");
  CHECK(EncodeUtf8(FromUcs2(*FromHex("004120ACD83DDE00"))) == "A€😀");
  CHECK_FALSE(FromHex("0G"));
  CHECK_FALSE(FromHex("123"));
  CHECK(EncodeUtf8(DecodeUtf8("\xff" "a")) == "\xEF\xBF\xBD" "a");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
