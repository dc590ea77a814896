// The module's volatile settings: what ATZ, AT&F and a restart put back to their defaults. The
// defaults are a Quectel BG96's as it leaves the factory.
#ifndef CARRIERSIM_DEVICES_AT_AT_SETTINGS_H_
#define CARRIERSIM_DEVICES_AT_AT_SETTINGS_H_

#include <cstdint>
#include <string>

namespace carriersim {

// AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr> (27.005 3.4.1). Only <mode> and <mt> change what the
// module does: cell broadcast and status reports are not modelled.
struct NewMessageIndication {
  int mode = 2;  // 0: keep indications in the module (none is shown); 1, 2: show them
  int mt = 1;    // 0: store silently; 1: store and +CMTI; 2: +CMT without storing; 3 as 1
  int bm = 0;
  int ds = 0;
  int bfr = 0;
};

struct AtSettings {
  bool echo = true;      // ATE
  bool verbose = true;   // ATV: words (1) or numbers (0) for result codes
  bool quiet = false;    // ATQ1: no result codes at all
  uint8_t s3 = '\r';     // ATS3: the character that ends a command line
  uint8_t s4 = '\n';     // ATS4: the character that ends a response
  uint8_t s5 = '\b';     // ATS5: the character that deletes the previous one
  // AT+CMEE: 0 plain ERROR, 1 +CME ERROR: <number>, 2 +CME ERROR: <words>. Quectel's modules
  // leave the factory with 1, unlike 27.007's 0.
  int cmee = 1;
  // AT+CREG, AT+CGREG, AT+CEREG: which unsolicited result codes (0..5) each shows.
  int creg = 0;
  int cgreg = 0;
  int cereg = 0;
  int cops_format = 0;  // AT+COPS=3,<format>: 0 long name, 1 short name, 2 numeric
  int cgerep_mode = 0;  // AT+CGEREP: 0 no +CGEV, 1 and 2 +CGEV (nothing is ever buffered)
  int cgerep_bfr = 0;
  int cscon = 0;  // AT+CSCON: 1 shows +CSCON: <mode>
  bool sms_text_mode = false;  // AT+CMGF: 0 PDU, 1 text
  std::string charset = "GSM";  // AT+CSCS: "GSM", "IRA" or "UCS2" (text mode only)
  NewMessageIndication cnmi;
  int baud_rate = 115200;  // AT+IPR: nothing to do on a pseudo-terminal, but firmware sets it
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_SETTINGS_H_
