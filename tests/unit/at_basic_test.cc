// V.250 and identity commands: what gammu's start-up and `identify` send, ATI, ATZ/AT&F, the
// SIM's identity (consistent with the carrier API's IMSI and ICCID), S-registers and +IPR.
#include <catch2/catch.hpp>

#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("AT: identity commands answer the link's identity", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGMI\r") == "\r\nQuectel\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+GMI\r") == "\r\nQuectel\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGMM\r") == "\r\nBG96\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+GMM\r") == "\r\nBG96\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGMR\r") == "\r\nBG96MAR02A07M1G\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+GMR\r") == "\r\nBG96MAR02A07M1G\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGSN\r") == "\r\n490154203237518\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+GSN\r") == "\r\n490154203237518\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CIMI\r") == "\r\n001010123456789\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CCID\r") == "\r\n+CCID: 8988211000000000017\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QCCID\r") == "\r\n+QCCID: 8988211000000000017\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGMI=?\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGSN?\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGSN=0\r") == "\r\n490154203237518\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGSN=1\r") == "\r\n+CGSN: \"490154203237518\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGSN=2\r") == "\r\n+CME ERROR: 4\r\n");
  CHECK(rig.Send("ATI\r") == "\r\nQuectel\r\nBG96\r\nRevision: BG96MAR02A07M1G\r\n\r\nOK\r\n");
}

TEST_CASE("AT: the SIM is ready, and unreadable with AT+CFUN=0", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CPIN?\r") == "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CPIN?\r") == "\r\n+CME ERROR: 13\r\n");
  CHECK(rig.Send("AT+CIMI\r") == "\r\n+CME ERROR: 13\r\n");
  CHECK(rig.Send("AT+CGSN\r") == "\r\n490154203237518\r\n\r\nOK\r\n");  // the module's own
}

TEST_CASE("AT: ATZ and AT&F restore the factory settings", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMEE=2;+CEREG=2;+CMGF=1;+CSCS=\"UCS2\"\r") == "\r\nOK\r\n");
  CHECK(rig.Send("ATZ\r") == "\r\nOK\r\n");  // typed with echo off; echo is on after it
  CHECK(rig.Send("AT+CMEE?;+CEREG?;+CMGF?;+CSCS?\r") ==
        "AT+CMEE?;+CEREG?;+CMGF?;+CSCS?\r\r\n+CMEE: 1\r\n\r\n+CEREG: 0,1\r\n\r\n+CMGF: "
        "0\r\n\r\n+CSCS: \"GSM\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("ATE0;+CMEE=0\r") == "ATE0;+CMEE=0\r\r\nOK\r\n");
  CHECK(rig.Send("AT&F\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CMEE?\r") == "AT+CMEE?\r\r\n+CMEE: 1\r\n\r\nOK\r\n");
}

TEST_CASE("AT: what gammu sends at start-up is answered", "[unit][at]") {
  AtRig rig(RegisteredStatus(), /*echo_off=*/false);
  CHECK(rig.Send("\x1b\r") == "");
  CHECK(rig.Send("AT\r") == "AT\r\r\nOK\r\n");
  CHECK(rig.Send("ATE1\r") == "ATE1\r\r\nOK\r\n");
  CHECK(rig.Send("AT+MODE=2\r") == "AT+MODE=2\r\r\nERROR\r\n");
  CHECK(rig.Send("AT+CMEE=1\r") == "AT+CMEE=1\r\r\nOK\r\n");
  CHECK(rig.Send("AT+CSCS?\r") == "AT+CSCS?\r\r\n+CSCS: \"GSM\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CSCS=?\r") == "AT+CSCS=?\r\r\n+CSCS: (\"GSM\",\"IRA\",\"UCS2\")\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CPROT=?\r") == "AT+CPROT=?\r\r\nERROR\r\n");
  CHECK(rig.Send("AT+SYNCML=?\r") == "AT+SYNCML=?\r\r\nERROR\r\n");
  CHECK(rig.Send("AT$TSSPCSW=?\r") == "AT$TSSPCSW=?\r\r\nERROR\r\n");
  CHECK(rig.Send("AT+CHUP=?\r") == "AT+CHUP=?\r\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=1\r") == "AT+CFUN=1\r\r\nOK\r\n");
  CHECK(rig.link.calls.empty());  // the radio was on already: no new switch-on
}

TEST_CASE("AT: S-registers, +IPR and the commands firmware sends by habit", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("ATS3?\r") == "\r\n013\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT&C1&D2&K0X4&W\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT&C7\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+IPR?\r") == "\r\n+IPR: 115200\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+IPR=9600\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+IPR=12345\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+IPR?\r") == "\r\n+IPR: 9600\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+GCAP\r") == "\r\n+GCAP: +CGSM\r\n\r\nOK\r\n");
  // S3 changes the character that ends a line, and the one result codes start and end with.
  CHECK(rig.Send("ATS3=35\r") == "#\nOK#\n");
  CHECK(rig.Send("AT+CGMM#") == "#\nBG96#\n#\nOK#\n");
  CHECK(rig.Send("ATS3=13#") == "\r\nOK\r\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
