// SMS PDUs (3GPP TS 23.040 9.2, as 27.005 PDU mode shows them: the service centre's address,
// then the TPDU, in hex): the SMS-DELIVER an incoming message becomes for AT+CMGR, AT+CMGL and
// +CMT, and the decoding of the SMS-SUBMIT that AT+CMGS receives. gammu and smsd speak PDU
// mode, so these must be right to the bit: the default alphabet is packed 7-bit (23.038), and
// a text outside it goes as UCS-2.
#ifndef CARRIERSIM_DEVICES_AT_AT_SMS_PDU_H_
#define CARRIERSIM_DEVICES_AT_AT_SMS_PDU_H_

#include <optional>
#include <string>
#include <string_view>

#include "devices/at/at_sms_store.h"

namespace carriersim {

struct EncodedPdu {
  std::string hex;      // upper-case: SMSC address + TPDU
  int tpdu_length = 0;  // the <length> of +CMGR, +CMGL and +CMT: the TPDU's octets
};

// The SMS-DELIVER of `sms`, from service centre `service_centre` ("+15550000000"). A text
// longer than one SMS is cut to one (FitOneSms); a sender that is not a number goes as an
// alphanumeric address of up to 11 characters.
EncodedPdu EncodeDeliverPdu(const IncomingSms& sms, std::string_view service_centre);

struct DecodedPdu {
  bool submit = false;    // SMS-SUBMIT (mobile-originated); else SMS-DELIVER
  std::string address;    // the destination (submit) or sender (deliver)
  std::string text;       // UTF-8
  std::string timestamp;  // deliver: "yy/MM/dd,hh:mm:ss+zz"
  int tpdu_length = 0;
};

// An SMS-SUBMIT or SMS-DELIVER PDU in hex; nullopt when it is not well formed (bad hex, fields
// that run past its end, user data longer or shorter than its length says).
std::optional<DecodedPdu> DecodePdu(std::string_view hex);

// The UTF-8 text cut to what one SMS holds: 160 septets of the default alphabet, or 70 UCS-2
// characters when it needs characters outside it.
std::string FitOneSms(std::string_view text);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_SMS_PDU_H_
