// Quectel sockets: +QIACT/+QIDEACT, +QIOPEN's URC after OK, +QISEND with a length (binary
// data, split across many reads) and until Ctrl-Z, the echo in buffer access (+QIRD) and
// direct push modes, SEND FAIL when the carrier refuses data, +QICLOSE, +QISTATE, and the
// loss of the data session ("pdpdeact").
#include <catch2/catch.hpp>

#include "devices/at/at_commands.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// A rig with socket 0 open over TCP in buffer access mode.
struct SocketRig : AtRig {
  SocketRig() {
    const std::string out = Send("AT+QIOPEN=1,0,\"TCP\",\"echo.example\",7\r");
    REQUIRE(out == "\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n");
  }
};

TEST_CASE("AT: +QIACT activates context 1 and shows its address", "[unit][at]") {
  AtRig rig;
  const std::string address = PdnAddress("001010123456789");
  CHECK(rig.Send("AT+QIACT?\r") == "\r\n+QIACT: 1,1,1,\"" + address + "\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIACT=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+QIDEACT=1\r") == "\r\nOK\r\n");  // no "pdpdeact": the firmware asked
  CHECK(rig.Send("AT+QIACT?\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+QIACT=1\r") == "\r\nOK\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"DeactivatePdn()", "ActivatePdn()"});
  CHECK(rig.Send("AT+QIACT=2\r") == "\r\n+CME ERROR: 561\r\n");
  rig.link.pdn_allowed = false;
  CHECK(rig.Send("AT+QIDEACT=1;+QIACT=1\r") == "\r\n+CME ERROR: 561\r\n");
  CHECK(rig.Send("AT+CMEE=2;+QIACT=1\r") == "\r\n+CME ERROR: Open PDP context failed\r\n");
}

TEST_CASE("AT: +QIOPEN answers OK, then its outcome", "[unit][at]") {
  SocketRig rig;
  CHECK(rig.Send("AT+QIOPEN=1,0,\"UDP\",\"1.2.3.4\",9000\r") ==
        "\r\nOK\r\n\r\n+QIOPEN: 0,563\r\n");  // connectID in use
  CHECK(rig.Send("AT+QIOPEN=1,1,\"UDP\",\"1.2.3.4\",9000,0,1\r") ==
        "\r\nOK\r\n\r\n+QIOPEN: 1,0\r\n");
  CHECK(rig.Send("AT+QIOPEN=1,2,\"SCTP\",\"1.2.3.4\",9000\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QIOPEN=1,12,\"TCP\",\"1.2.3.4\",9000\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QIOPEN=1,2,\"TCP\",\"1.2.3.4\",0\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QIOPEN=1,2,\"TCP\",\"1.2.3.4\",80,0,2\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QISTATE?\r") ==
        "\r\n+QISTATE: 0,\"TCP\",\"echo.example\",7,0,2,1,0,0,\"uart1\"\r\n"
        "+QISTATE: 1,\"UDP\",\"1.2.3.4\",9000,0,2,1,0,1,\"uart1\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QISTATE=1,1\r") ==
        "\r\n+QISTATE: 1,\"UDP\",\"1.2.3.4\",9000,0,2,1,0,1,\"uart1\"\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIDEACT=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+QIOPEN=1,2,\"TCP\",\"1.2.3.4\",80\r") ==
        "\r\nOK\r\n\r\n+QIOPEN: 2,561\r\n");  // no active context
  CHECK(rig.Send("AT+QISTATE?\r") == "\r\nOK\r\n");
}

TEST_CASE("AT: +QISEND with a length takes exactly that many bytes, split anywhere",
          "[unit][at]") {
  SocketRig rig;
  CHECK(rig.Send("AT+QISEND=0,10\r") == "\r\n> ");
  // Binary data, CR, Ctrl-Z and ESC included, one byte per read.
  const std::string data("a\r\n\x1a\x1b\0\xff" "AT\r", 10);
  std::string out;
  for (char c : data) out += rig.Send(std::string(1, c));
  CHECK(out == "\r\nSEND OK\r\n\r\n+QIURC: \"recv\",0\r\n");
  CHECK(rig.link.calls == std::vector<std::string>{"SendData(10)"});
  CHECK(rig.link.data_bytes == 10);
  CHECK(rig.Send("AT+QISEND=0,0\r") == "\r\n+QISEND: 10,10,0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIRD=0,0\r") == "\r\n+QIRD: 10,0,10\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIRD=0,4\r") == "\r\n+QIRD: 4\r\na\r\n\x1a\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIRD=0\r") == "\r\n+QIRD: 6\r\n" + data.substr(4) + "\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QIRD=0\r") == "\r\n+QIRD: 0\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QISEND=0,1461\r") == "\r\nERROR\r\n");
}

TEST_CASE("AT: one recv URC until the buffer is read empty", "[unit][at]") {
  SocketRig rig;
  CHECK(rig.Send("AT+QISEND=0,3\rabc") == "\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",0\r\n");
  CHECK(rig.Send("AT+QISEND=0,3\rdef") == "\r\n> \r\nSEND OK\r\n");
  CHECK(rig.Send("AT+QIRD=0,1500\r") == "\r\n+QIRD: 6\r\nabcdef\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+QISEND=0,1\rg") == "\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",0\r\n");
}

TEST_CASE("AT: +QISEND without a length sends until Ctrl-Z, ESC cancels", "[unit][at]") {
  SocketRig rig;
  CHECK(rig.Send("AT+QISEND=0\rhello\x1a") ==
        "\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",0\r\n");
  CHECK(rig.Send("AT+QISEND=0\rnever\x1b") == "\r\n> \r\nOK\r\n");
  CHECK(rig.Send("AT+QISEND=0\r\x1a") == "\r\n> \r\nERROR\r\n");  // nothing to send
  CHECK(rig.Send("AT+QISEND=0\r" + std::string(1461, 'x') + "\x1a") == "\r\n> \r\nERROR\r\n");
  CHECK(rig.link.data_bytes == 5);
}

TEST_CASE("AT: direct push mode writes the echo after SEND OK", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+QIOPEN=1,3,\"UDP\",\"10.0.0.1\",5000,0,1\r") ==
        "\r\nOK\r\n\r\n+QIOPEN: 3,0\r\n");
  CHECK(rig.Send("AT+QISEND=3,5\rhi\r\n!") ==
        "\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",3,5\r\nhi\r\n!\r\n");
  CHECK(rig.Send("AT+QIRD=3\r") == "\r\nERROR\r\n");  // nothing is buffered in this mode
}

TEST_CASE("AT: SEND FAIL when the carrier refuses data", "[unit][at]") {
  SocketRig rig;
  rig.link.data_allowed = false;
  CHECK(rig.Send("AT+QISEND=0,2\rab") == "\r\n> \r\nSEND FAIL\r\n");
  CHECK(rig.link.data_bytes == 0);
  CHECK(rig.Send("AT+QIRD=0\r") == "\r\n+QIRD: 0\r\n\r\nOK\r\n");
}

TEST_CASE("AT: the data session goes away: pdpdeact, and the sockets are closed",
          "[unit][at]") {
  SocketRig rig;
  ModemStatus down = RegisteredStatus();
  down.pdn_up = false;
  rig.link.Report(down);
  CHECK(rig.modem.TakeOutput() == "\r\n+QIURC: \"pdpdeact\",1\r\n");
  CHECK(rig.Send("AT+QISEND=0,1\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QISTATE?\r") == "\r\nOK\r\n");
}

TEST_CASE("AT: +QICLOSE closes a socket", "[unit][at]") {
  SocketRig rig;
  CHECK(rig.Send("AT+QICLOSE=0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+QISEND=0,1\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+QICLOSE=0,10\r") == "\r\nOK\r\n");  // closed already: still OK
  CHECK(rig.Send("AT+QICLOSE=12\r") == "\r\nERROR\r\n");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// A link whose carrier suspends the SIM when data is sent (a usage limit reached): the data
// session ends as a consequence of the send, which is the network's doing.
class LimitLink : public FakeModemLink {
 public:
  using FakeModemLink::FakeModemLink;
  bool SendData(int64_t bytes) override {
    const bool sent = FakeModemLink::SendData(bytes);
    ModemStatus detached = status;
    detached.modem = ModemState::kWaiting;
    detached.pdn_up = false;
    Report(detached);
    return sent;
  }
};

TEST_CASE("AT: a session the carrier ends because of a send is the network's doing",
          "[unit][at]") {
  LimitLink link(RegisteredStatus());
  AtModem modem(link);
  link.modem = &modem;
  modem.Feed("ATE0;+CGEREP=1;+QIOPEN=1,0,\"TCP\",\"h\",1\r");
  modem.TakeOutput();
  modem.Feed("AT+QISEND=0,2\rab");
  // Sent and counted, but the socket closed under it: no echo; then the URCs, NW's.
  CHECK(modem.TakeOutput() ==
        "\r\n> \r\nSEND OK\r\n\r\n+CGEV: NW PDN DEACT 1\r\n\r\n+CGEV: NW DETACH\r\n"
        "\r\n+QIURC: \"pdpdeact\",1\r\n");
  CHECK(link.data_bytes == 2);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
