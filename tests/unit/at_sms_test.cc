// 27.005 SMS commands: settings, AT+CMGS in text and PDU mode (Ctrl-Z, ESC, the +CMS ERRORs),
// incoming SMS announced with +CMTI or shown with +CMT, and the store (+CMGR, +CMGL, +CMGD,
// bounded).
#include <catch2/catch.hpp>

#include "devices/at/at_sms_pdu.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

const IncomingSms kHello{"+15557654321", "hellohello", "26/11/30,10:00:00+04"};
const std::string kHelloPdu =
    "07915155000000F0040B915155674523F1000062110301000040" "0AE8329BFD4697D9EC37";
const std::string kSubmitPdu = "0011000B915155674523F10000AA0AE8329BFD4697D9EC37";

TEST_CASE("AT: SMS settings", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMGF?\r") == "\r\n+CMGF: 0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGF=1;+CMGF?\r") == "\r\n+CMGF: 1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGF=2\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CSCS=\"IRA\";+CSCS?\r") == "\r\n+CSCS: \"IRA\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("at+cscs=\"ucs2\";+cscs?\r") == "\r\n+CSCS: \"UCS2\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CSCS=\"8859-1\"\r") == "\r\n+CME ERROR: 4\r\n");
  CHECK(rig.Send("AT+CSCA?\r") == "\r\n+CSCA: \"+15550000000\",145\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CPMS?\r") ==
        "\r\n+CPMS: \"SM\",0,20,\"SM\",0,20,\"SM\",0,20\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CPMS=\"SM\",\"SM\",\"SM\"\r") == "\r\n+CPMS: 0,20,0,20,0,20\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CPMS=\"ME\"\r") == "\r\n+CMS ERROR: 302\r\n");
  CHECK(rig.Send("AT+CPMS=\"sm\",,\"SM\"\r") == "\r\n+CPMS: 0,20,0,20,0,20\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CNMI?\r") == "\r\n+CNMI: 2,1,0,0,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CNMI=1,2,0,0,0;+CNMI?\r") == "\r\n+CNMI: 1,2,0,0,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CNMI=1,9\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CSMS?\r") == "\r\n+CSMS: 0,1,1,1\r\n\r\nOK\r\n");
}

TEST_CASE("AT: AT+CMGS in PDU mode sends through the link", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMGS=23\r") == "\r\n> ");
  CHECK(rig.Send(kSubmitPdu + "\x1a") == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGS=23\r" + kSubmitPdu + "\x1a") == "\r\n> \r\n+CMGS: 1\r\n\r\nOK\r\n");
  // Line breaks and backspaces in the hex are no part of it.
  CHECK(rig.Send("AT+CMGS=23\r" + kSubmitPdu.substr(0, 20) + "\r\nX\b" + kSubmitPdu.substr(20) +
                 "\x1a") == "\r\n> \r\n+CMGS: 2\r\n\r\nOK\r\n");
  CHECK(rig.link.sms_sent == 3);
  // A PDU whose length is not the announced one, or not hex, is refused.
  CHECK(rig.Send("AT+CMGS=22\r" + kSubmitPdu + "\x1a") == "\r\n> \r\n+CMS ERROR: 304\r\n");
  CHECK(rig.Send("AT+CMGS=23\rnot hex\x1a") == "\r\n> \r\n+CMS ERROR: 304\r\n");
  CHECK(rig.Send("AT+CMGS=0\r") == "\r\n+CMS ERROR: 304\r\n");
  CHECK(rig.link.sms_sent == 3);
}

TEST_CASE("AT: AT+CMGS in text mode, with echo, lines, backspace and ESC", "[unit][at]") {
  AtRig rig(RegisteredStatus(), /*echo_off=*/false);
  CHECK(rig.Send("AT+CMGF=1\r") == "AT+CMGF=1\r\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGS=\"+15557654321\"\r") == "AT+CMGS=\"+15557654321\"\r\r\n> ");
  CHECK(rig.Send("Helo\bo\rworld") == "Helo\bo\r\n> world");
  CHECK(rig.Send("\x1a") == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  CHECK(rig.link.sms_sent == 1);
  // ESC cancels: nothing is sent.
  CHECK(rig.Send("AT+CMGS=\"123\"\rnever\x1b") == "AT+CMGS=\"123\"\r\r\n> never\r\nOK\r\n");
  CHECK(rig.link.sms_sent == 1);
  // More than one SMS holds is refused.
  CHECK(rig.Send("ATE0\r") == "ATE0\r\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGS=\"123\"\r" + std::string(161, 'x') + "\x1a") ==
        "\r\n> \r\n+CMS ERROR: 305\r\n");
  CHECK(rig.Send("AT+CMGS=\"123\"\r" + std::string(5000, 'x') + "\x1a") ==
        "\r\n> \r\n+CMS ERROR: 305\r\n");
  CHECK(rig.Send("AT+CMGS=\"\"\r") == "\r\n+CMS ERROR: 305\r\n");
  CHECK(rig.link.sms_sent == 1);
}

TEST_CASE("AT: AT+CMGS refused: 331 without service, 500 when the carrier refuses",
          "[unit][at]") {
  AtRig rig;
  rig.link.sms_allowed = false;
  CHECK(rig.Send("AT+CMGS=23\r" + kSubmitPdu + "\x1a") == "\r\n> \r\n+CMS ERROR: 500\r\n");
  ModemStatus searching = RegisteredStatus();
  searching.modem = ModemState::kWaiting;
  searching.pdn_up = false;
  rig.link.Report(searching);
  rig.modem.TakeOutput();
  rig.link.calls.clear();
  CHECK(rig.Send("AT+CMGS=23\r" + kSubmitPdu + "\x1a") == "\r\n> \r\n+CMS ERROR: 331\r\n");
  CHECK(rig.link.calls.empty());
}

TEST_CASE("AT: an incoming SMS is stored and announced with +CMTI, then read", "[unit][at]") {
  AtRig rig;
  rig.modem.OnSms(kHello);
  CHECK(rig.modem.TakeOutput() == "\r\n+CMTI: \"SM\",1\r\n");
  CHECK(rig.Send("AT+CPMS?\r") ==
        "\r\n+CPMS: \"SM\",1,20,\"SM\",1,20,\"SM\",1,20\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGL\r") == "\r\n+CMGL: 1,0,,28\r\n" + kHelloPdu + "\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGL\r") == "\r\nOK\r\n");  // listed: read now
  CHECK(rig.Send("AT+CMGR=1\r") == "\r\n+CMGR: 1,,28\r\n" + kHelloPdu + "\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGF=1;+CMGR=1\r") ==
        "\r\n+CMGR: \"REC READ\",\"+15557654321\",,\"26/11/30,10:00:00+04\"\r\n"
        "hellohello\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGL=\"ALL\"\r") ==
        "\r\n+CMGL: 1,\"REC READ\",\"+15557654321\",,\"26/11/30,10:00:00+04\"\r\n"
        "hellohello\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGL=4\r") == "\r\n+CMS ERROR: 305\r\n");
  CHECK(rig.Send("AT+CMGD=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGR=1\r") == "\r\n+CMS ERROR: 321\r\n");
  CHECK(rig.Send("AT+CMGD=21\r") == "\r\n+CMS ERROR: 321\r\n");
}

TEST_CASE("AT: UCS2 text mode shows sender and text in hex", "[unit][at]") {
  AtRig rig;
  rig.modem.OnSms({"+1", "Grüße", "26/11/30,10:00:00+04"});
  rig.modem.TakeOutput();
  CHECK(rig.Send("AT+CMGF=1;+CSCS=\"UCS2\";+CMGR=1\r") ==
        "\r\n+CMGR: \"REC UNREAD\",\"002B0031\",,\"26/11/30,10:00:00+04\"\r\n"
        "0047007200FC00DF0065\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CSCS=\"IRA\";+CMGR=1\r") ==
        "\r\n+CMGR: \"REC READ\",\"+1\",,\"26/11/30,10:00:00+04\"\r\nGr??e\r\n\r\nOK\r\n");
}

TEST_CASE("AT: with AT+CNMI=2,2 an incoming SMS is shown with +CMT", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CNMI=2,2\r") == "\r\nOK\r\n");
  rig.modem.OnSms(kHello);
  CHECK(rig.modem.TakeOutput() == "\r\n+CMT: ,28\r\n" + kHelloPdu + "\r\n");
  CHECK(rig.Send("AT+CMGF=1\r") == "\r\nOK\r\n");
  rig.modem.OnSms(kHello);
  CHECK(rig.modem.TakeOutput() ==
        "\r\n+CMT: \"+15557654321\",,\"26/11/30,10:00:00+04\"\r\nhellohello\r\n");
  CHECK(rig.Send("AT+CPMS?\r") ==
        "\r\n+CPMS: \"SM\",0,20,\"SM\",0,20,\"SM\",0,20\r\n\r\nOK\r\n");  // not stored
  CHECK(rig.Send("AT+CNMI=0,1\r") == "\r\nOK\r\n");
  rig.modem.OnSms(kHello);  // indications kept in the module: stored silently
  CHECK(rig.modem.TakeOutput() == "");
}

TEST_CASE("AT: the SMS store is bounded", "[unit][at]") {
  AtRig rig;
  std::string announced;
  for (int i = 0; i < 25; ++i) {
    rig.modem.OnSms({"+1", std::string(1000, 'y'), "26/11/30,10:00:00+04"});
    announced += rig.modem.TakeOutput();
  }
  CHECK(announced.find("+CMTI: \"SM\",20\r\n") != std::string::npos);
  CHECK(announced.find("+CMTI: \"SM\",21") == std::string::npos);
  CHECK(rig.Send("AT+CPMS?\r") ==
        "\r\n+CPMS: \"SM\",20,20,\"SM\",20,20,\"SM\",20,20\r\n\r\nOK\r\n");
  // A long text is kept as one SMS holds it.
  CHECK(rig.Send("AT+CMGF=1;+CMGR=3\r").find("\r\n" + std::string(160, 'y') + "\r\n") !=
        std::string::npos);
  CHECK(rig.Send("AT+CMGD=1,1\r") == "\r\nOK\r\n");  // deletes the read ones
  CHECK(rig.Send("AT+CMGD=?\r").find("+CMGD: (1,2,4,5,") != std::string::npos);
  CHECK(rig.Send("AT+CMGD=0,4\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CPMS?\r") ==
        "\r\n+CPMS: \"SM\",0,20,\"SM\",0,20,\"SM\",0,20\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
