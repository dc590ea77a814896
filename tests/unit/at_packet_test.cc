// 27.007 packet domain: +CGATT, +CGDCONT, +CGACT with +CGEV reports (the module's own changes
// and the network's), +CGPADDR and +CGEREP.
#include <catch2/catch.hpp>

#include "devices/at/at_commands.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("AT: +CGATT attaches and detaches through the link, with +CGEV", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGATT?\r") == "\r\n+CGATT: 1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGATT=?\r") == "\r\n+CGATT: (0,1)\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGEREP=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGATT=0\r") ==
        "\r\nOK\r\n\r\n+CGEV: ME PDN DEACT 1\r\n\r\n+CGEV: ME DETACH\r\n");
  CHECK(rig.Send("AT+CGATT?\r") == "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGATT=1\r") == "\r\nOK\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"SetAutomatic(false)", "SetAutomatic(true)"});
  rig.link.Report(RegisteredStatus());  // the attach succeeds on the modem's timers
  CHECK(rig.modem.TakeOutput() == "\r\n+CGEV: ME PDN ACT 1\r\n");
  CHECK(rig.Send("AT+CGATT=2\r") == "\r\nERROR\r\n");
  // With the radio off there is nothing to attach with.
  CHECK(rig.Send("AT+CFUN=4;+CGATT=1\r") ==
        "\r\n+CME ERROR: 3\r\n\r\n+CGEV: ME PDN DEACT 1\r\n\r\n+CGEV: ME DETACH\r\n");
}

TEST_CASE("AT: a detach by the network is reported as NW", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGEREP=2,1;+CGEREP?\r") == "\r\n+CGEREP: 2,1\r\n\r\nOK\r\n");
  ModemStatus detached = RegisteredStatus();
  detached.modem = ModemState::kWaiting;
  detached.pdn_up = false;
  rig.link.Report(detached);
  CHECK(rig.modem.TakeOutput() ==
        "\r\n+CGEV: NW PDN DEACT 1\r\n\r\n+CGEV: NW DETACH\r\n\r\n+QIURC: \"pdpdeact\",1\r\n");
  CHECK(rig.Send("AT+CGEREP=0\r") == "\r\nOK\r\n");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.modem.TakeOutput() == "");
  CHECK(rig.Send("AT+CGEREP=3\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGEREP=?\r") == "\r\n+CGEREP: (0-2),(0,1)\r\n\r\nOK\r\n");
}

TEST_CASE("AT: +CGDCONT keeps contexts", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGDCONT?\r") == "\r\n+CGDCONT: 1,\"IP\",\"\",\"0.0.0.0\",0,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT=1,\"IP\",\"iot.example\"\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT=3,\"ipv4v6\",\"Other.APN\"\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT?\r") ==
        "\r\n+CGDCONT: 1,\"IP\",\"iot.example\",\"0.0.0.0\",0,0\r\n"
        "+CGDCONT: 3,\"IPV4V6\",\"Other.APN\",\"0.0.0.0\",0,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT=3\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT?\r") ==
        "\r\n+CGDCONT: 1,\"IP\",\"iot.example\",\"0.0.0.0\",0,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT=1,\"X25\",\"a\"\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGDCONT=17,\"IP\",\"a\"\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGDCONT=1,\"IP\",\"" + std::string(101, 'a') + "\"\r") == "\r\nERROR\r\n");
  const std::string test = rig.Send("AT+CGDCONT=?\r");
  CHECK(test.find("+CGDCONT: (1-16),\"IP\",,,(0-3),(0-4)\r\n") != std::string::npos);
  CHECK(test.find("+CGDCONT: (1-16),\"IPV4V6\",,,(0-3),(0-4)\r\n") != std::string::npos);
  // ATZ keeps them: they are not serial-line settings.
  CHECK(rig.Send("ATZ;E0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGDCONT?\r") ==
        "\r\n+CGDCONT: 1,\"IP\",\"iot.example\",\"0.0.0.0\",0,0\r\n\r\nOK\r\n");
}

TEST_CASE("AT: +CGACT activates and releases the data session", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGEREP=1;+CGACT?\r") == "\r\n+CGACT: 1,1\r\n\r\nOK\r\n");
  // Released by the module: +CGEV says ME, and no "pdpdeact" (the firmware asked for it).
  CHECK(rig.Send("AT+CGACT=0,1\r") == "\r\nOK\r\n\r\n+CGEV: ME PDN DEACT 1\r\n");
  CHECK(rig.Send("AT+CGACT?\r") == "\r\n+CGACT: 1,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGACT=1,1\r") == "\r\nOK\r\n\r\n+CGEV: ME PDN ACT 1\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"DeactivatePdn()", "ActivatePdn()"});
  CHECK(rig.Send("AT+CGACT=1,1\r") == "\r\nOK\r\n");  // up already: nothing asked
  CHECK(rig.link.calls.size() == 2);
  CHECK(rig.Send("AT+CGDCONT=2,\"IP\",\"b\";+CGACT=1,2\r") == "\r\n+CME ERROR: 148\r\n");
  CHECK(rig.Send("AT+CGACT=1,5\r") == "\r\nERROR\r\n");  // not defined
  CHECK(rig.Send("AT+CGACT=?\r") == "\r\n+CGACT: (0,1)\r\n\r\nOK\r\n");
}

TEST_CASE("AT: +CGACT refused: 148 when registered, 30 when not", "[unit][at]") {
  AtRig rig;
  rig.link.pdn_allowed = false;
  CHECK(rig.Send("AT+CGACT=0,1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CGACT=1,1\r") == "\r\n+CME ERROR: 148\r\n");
  ModemStatus searching = RegisteredStatus();
  searching.modem = ModemState::kWaiting;
  searching.pdn_up = false;
  rig.link.Report(searching);
  rig.link.calls.clear();
  CHECK(rig.Send("AT+CGACT=1,1\r") == "\r\n+CME ERROR: 30\r\n");
  CHECK(rig.link.calls.empty());
  CHECK(rig.Send("AT+CMEE=2;+CGACT=1,1\r") == "\r\n+CME ERROR: no network service\r\n");
}

TEST_CASE("AT: +CGPADDR shows an address derived from the IMSI while the session is up",
          "[unit][at]") {
  AtRig rig;
  const std::string address = PdnAddress("001010123456789");
  CHECK(address == PdnAddress("001010123456789"));
  CHECK(address != PdnAddress("001010123456788"));
  CHECK(address.rfind("10.", 0) == 0);
  CHECK(rig.Send("AT+CGPADDR=1\r") == "\r\n+CGPADDR: 1,\"" + address + "\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGPADDR\r") == "\r\n+CGPADDR: 1,\"" + address + "\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGACT=0,1;+CGPADDR=1\r") == "\r\n+CGPADDR: 1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGPADDR=7\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGPADDR=?\r") == "\r\n+CGPADDR: (1)\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
