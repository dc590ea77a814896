// 27.007 network commands: +CFUN (with the reset of =1,1), +COPS, +CREG/+CGREG/+CEREG with
// their URCs for every n (including the reject cause of a suspended SIM), +CSQ, +CESQ, +CEER
// and +CSCON.
#include <catch2/catch.hpp>

#include "devices/at/at_registration.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// A SIM the carrier suspended: the attach was rejected with #7 and the modem holds the SIM
// invalid (NET-1).
ModemStatus SuspendedStatus() {
  ModemStatus status = RegisteredStatus();
  status.modem = ModemState::kSimInvalid;
  status.pdn_up = false;
  status.last_cause = kCauseEpsNotAllowed;
  return status;
}

TEST_CASE("AT: +CFUN reads and sets the functionality through the link", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CFUN?\r") == "\r\n+CFUN: 1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=?\r") == "\r\n+CFUN: (0,1,4),(0,1)\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=4\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN?\r") == "\r\n+CFUN: 4\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=2\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CFUN=4,1\r") == "\r\n+CME ERROR: 4\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"SetFunctionality(4)", "SetFunctionality(0)",
                                                   "SetFunctionality(1)"});
}

TEST_CASE("AT: AT+CFUN=1,1 answers OK, then the module restarts with its defaults",
          "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMEE=2;+CEREG=2\r") == "\r\nOK\r\n");
  // The rest of the line is not run: the module restarts.
  CHECK(rig.Send("AT+CFUN=1,1;+CEREG=1\r") ==
        "\r\nOK\r\n\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"Reset()"});
  // The factory settings again: echo on, CMEE 1, no registration URCs.
  CHECK(rig.Send("AT+CEREG?\r") == "AT+CEREG?\r\r\n+CEREG: 0,2\r\n\r\nOK\r\n");
  ModemStatus attached = rig.link.status;
  attached.modem = ModemState::kRegistered;
  rig.link.Report(attached);
  CHECK(rig.modem.TakeOutput() == "");
}

// A link whose reset leaves the modem powered (the world restarts it in place).
class InPlaceResetLink : public FakeModemLink {
 public:
  using FakeModemLink::FakeModemLink;
  void Reset() override { calls.push_back("Reset()"); }
};

TEST_CASE("AT: a reset that keeps the power still restarts the module", "[unit][at]") {
  InPlaceResetLink link(RegisteredStatus());
  AtModem modem(link);
  link.modem = &modem;
  modem.Feed("ATE0;+CFUN=1,1\r");
  CHECK(modem.TakeOutput() == "ATE0;+CFUN=1,1\r\r\nOK\r\n\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n");
  modem.Feed("AT\r");
  CHECK(modem.TakeOutput() == "AT\r\r\nOK\r\n");  // echo is back on
}

TEST_CASE("AT: +COPS shows the operator in the chosen format and selects", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+COPS?\r") == "\r\n+COPS: 0,0,\"carriersim\",7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS=3,2;+COPS?\r") == "\r\n+COPS: 0,2,\"00101\",7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS=3,1;+COPS?\r") == "\r\n+COPS: 0,1,\"csim\",7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS=?\r") ==
        "\r\n+COPS: (2,\"carriersim\",\"csim\",\"00101\",7),,(0,1,2,3,4),(0,1,2)\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS=2\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS?\r") == "\r\n+COPS: 2\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS=0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+COPS?\r") == "\r\n+COPS: 0\r\n\r\nOK\r\n");  // searching
  CHECK(rig.Send("AT+COPS=1,2,\"99999\"\r") == "\r\n+CME ERROR: 30\r\n");
  CHECK(rig.Send("AT+COPS=7\r") == "\r\nERROR\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"SetAutomatic(false)", "SetAutomatic(true)"});
}

TEST_CASE("AT: registration read forms for every n", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEREG?\r") == "\r\n+CEREG: 0,1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CEREG=2;+CEREG?\r") ==
        "\r\n+CEREG: 2,1,\"0100\",\"01000501\",7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGREG=3;+CGREG?\r") ==
        "\r\n+CGREG: 3,1,\"0100\",\"01000501\",7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CREG=4;+CREG?\r") ==
        "\r\n+CREG: 4,1,\"0100\",\"01000501\",7,,,,\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CEREG=6\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CEREG=?\r") == "\r\n+CEREG: (0-5)\r\n\r\nOK\r\n");
}

TEST_CASE("AT: registration stat follows the modem state", "[unit][at]") {
  ModemStatus status = RegisteredStatus();
  CHECK(RegistrationStat(status) == 1);
  status.roaming = true;
  CHECK(RegistrationStat(status) == 5);
  for (ModemState searching : {ModemState::kWaiting, ModemState::kAttaching,
                               ModemState::kRebooting}) {
    status.modem = searching;
    CHECK(RegistrationStat(status) == 2);
  }
  status.modem = ModemState::kSimInvalid;
  CHECK(RegistrationStat(status) == 3);
  status.modem = ModemState::kOff;
  CHECK(RegistrationStat(status) == 0);
  status.modem = ModemState::kGaveUp;
  CHECK(RegistrationStat(status) == 0);
  status = RegisteredStatus();
  status.fun = 4;
  CHECK(RegistrationStat(status) == 0);
  CHECK(TrackingAreaCode(0) == "0100");
  CHECK(TrackingAreaCode(37) == "0102");
  CHECK(CellIdentity(0) == "01000001");
  CHECK(CellIdentity(0x1234) == "01123401");
}

TEST_CASE("AT: a suspended SIM shows its reject cause with n=3 and n=5", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEREG=3\r") == "\r\nOK\r\n");
  // The carrier suspends the SIM: a detach, then the re-attach is rejected with #7.
  ModemStatus detached = RegisteredStatus();
  detached.modem = ModemState::kAttaching;
  detached.pdn_up = false;
  rig.link.Report(detached);
  CHECK(rig.modem.TakeOutput() == "\r\n+CEREG: 2\r\n\r\n+QIURC: \"pdpdeact\",1\r\n");
  rig.link.Report(SuspendedStatus());
  CHECK(rig.modem.TakeOutput() == "\r\n+CEREG: 3,\"0100\",\"01000501\",7,0,7\r\n");
  CHECK(rig.Send("AT+CEREG?\r") ==
        "\r\n+CEREG: 3,3,\"0100\",\"01000501\",7,0,7\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CEREG=5;+CEREG?\r") ==
        "\r\n+CEREG: 5,3,\"0100\",\"01000501\",7,0,7,,\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CEREG=1;+CEREG?\r") == "\r\n+CEREG: 1,3\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CEER\r") == "\r\n+CEER: \"EPS services not allowed\"\r\n\r\nOK\r\n");
}

TEST_CASE("AT: a temporary reject shows its cause while the modem searches", "[unit][at]") {
  AtRig rig(SuspendedStatus());
  CHECK(rig.Send("AT+CEREG=3\r") == "\r\nOK\r\n");
  ModemStatus congested = SuspendedStatus();
  congested.modem = ModemState::kWaiting;
  congested.last_cause = kCauseCongestion;
  rig.link.Report(congested);
  CHECK(rig.modem.TakeOutput() == "\r\n+CEREG: 2,,,,0,22\r\n");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.modem.TakeOutput() == "\r\n+CEREG: 1,\"0100\",\"01000501\",7\r\n");
}

TEST_CASE("AT: registration URCs come on every change of what n shows", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CREG=1;+CGREG=2;+CEREG=4\r") == "\r\nOK\r\n");
  ModemStatus moved = RegisteredStatus();
  moved.cell = 6;  // a new cell: n=1 shows no change
  rig.link.Report(moved);
  CHECK(rig.modem.TakeOutput() ==
        "\r\n+CGREG: 1,\"0100\",\"01000601\",7\r\n"
        "\r\n+CEREG: 1,\"0100\",\"01000601\",7,,,,\r\n");
  rig.link.Report(moved);  // no change, no URC
  CHECK(rig.modem.TakeOutput() == "");
  moved.roaming = true;
  rig.link.Report(moved);
  CHECK(rig.modem.TakeOutput() ==
        "\r\n+CREG: 5\r\n\r\n+CGREG: 5,\"0100\",\"01000601\",7\r\n"
        "\r\n+CEREG: 5,\"0100\",\"01000601\",7,,,,\r\n");
  // Radio off from the serial line: the URCs follow the OK.
  CHECK(rig.Send("AT+CFUN=4\r") ==
        "\r\nOK\r\n\r\n+CREG: 0\r\n\r\n+CGREG: 0\r\n\r\n+CEREG: 0,,,,,,,\r\n");
}

TEST_CASE("AT: +CSQ and +CESQ report a signal with the radio on under a live cell",
          "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CSQ\r") == "\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CESQ\r") == "\r\n+CESQ: 99,99,255,255,19,49\r\n\r\nOK\r\n");
  ModemStatus dark = RegisteredStatus();
  dark.cell_up = false;
  rig.link.Report(dark);
  CHECK(rig.Send("AT+CSQ\r") == "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CESQ\r") == "\r\n+CESQ: 99,99,255,255,255,255\r\n\r\nOK\r\n");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.Send("AT+CFUN=4;+CSQ\r") == "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
}

TEST_CASE("AT: +CEER says the last cause in words", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEER\r") == "\r\n+CEER: \"No cause information available\"\r\n\r\nOK\r\n");
  ModemStatus rejected = RegisteredStatus();
  rejected.modem = ModemState::kWaiting;
  rejected.last_cause = kCauseCongestion;
  rig.link.Report(rejected);
  rig.modem.TakeOutput();  // +QIURC: "pdpdeact"
  CHECK(rig.Send("AT+CEER\r") == "\r\n+CEER: \"Congestion\"\r\n\r\nOK\r\n");
  rejected.last_cause = 99;
  rig.link.Report(rejected);
  CHECK(rig.Send("AT+CEER\r") == "\r\n+CEER: \"EMM cause #99\"\r\n\r\nOK\r\n");
}

TEST_CASE("AT: +CSCON shows the signalling connection of the data session", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CSCON?\r") == "\r\n+CSCON: 0,1\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CSCON=1\r") == "\r\nOK\r\n");
  ModemStatus idle = RegisteredStatus();
  idle.pdn_up = false;
  rig.link.Report(idle);
  CHECK(rig.modem.TakeOutput() == "\r\n+CSCON: 0\r\n\r\n+QIURC: \"pdpdeact\",1\r\n");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.modem.TakeOutput() == "\r\n+CSCON: 1\r\n");
  CHECK(rig.Send("AT+CSCON=2\r") == "\r\nERROR\r\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
