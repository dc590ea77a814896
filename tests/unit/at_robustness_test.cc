// What the serial side and the modem can do to the interpreter at awkward moments: URCs that a
// command or the network causes while a command runs or a prompt is open (written after the
// final result code), power loss and return (silence, then RDY), a client that disconnects in
// the middle of a line or a prompt, and random bytes in random chunks among random status
// changes (nothing throws, the output stays bounded, the module still answers).
#include <algorithm>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

#include "devices/at/at_output.h"
#include "simulator/base/rng.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

ModemStatus PoweredOff() {
  ModemStatus status = RegisteredStatus();
  status.powered = false;
  status.modem = ModemState::kOff;
  status.pdn_up = false;
  return status;
}

TEST_CASE("AT: URCs a command causes come after its final result code", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEREG=1;+CGEREP=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CFUN=4;+CSQ;+CFUN?\r") ==
        "\r\n+CSQ: 99,99\r\n\r\n+CFUN: 4\r\n\r\nOK\r\n"
        "\r\n+CEREG: 0\r\n\r\n+CGEV: ME PDN DEACT 1\r\n\r\n+CGEV: ME DETACH\r\n");
  // A failing command still ends with its result code first.
  CHECK(rig.Send("AT+CFUN=1;+NOSUCH\r") == "\r\nERROR\r\n\r\n+CEREG: 2\r\n");
}

TEST_CASE("AT: URCs while a prompt is open come after the prompt ends", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEREG=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CMGF=1;+CMGS=\"123\"\r") == "\r\n> ");
  rig.modem.OnSms({"+1", "hi", "26/11/30,10:00:00+04"});
  ModemStatus roaming = RegisteredStatus();
  roaming.roaming = true;
  rig.link.Report(roaming);
  CHECK(rig.modem.TakeOutput() == "");
  CHECK(rig.Send("text\x1a") ==
        "\r\n+CMGS: 0\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n\r\n+CEREG: 5\r\n");
  // After ESC as well.
  CHECK(rig.Send("AT+CMGS=\"123\"\r") == "\r\n> ");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.Send("x\x1b") == "\r\nOK\r\n\r\n+CEREG: 1\r\n");
}

TEST_CASE("AT: a powered-off module answers nothing, and says RDY when it comes back",
          "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMEE=2;+CEREG=1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CG") == "");  // a partial line, lost with the power
  rig.link.Report(PoweredOff());
  CHECK(rig.modem.TakeOutput() == "\r\nPOWERED DOWN\r\n");
  CHECK(rig.Send("AT\r") == "");
  CHECK(rig.Send("ATI\rAT+CMGS=5\r") == "");
  rig.modem.OnSms({"+1", "while off", "26/11/30,10:00:00+04"});
  rig.link.Report(PoweredOff());
  CHECK(rig.modem.TakeOutput() == "");
  ModemStatus on = RegisteredStatus();
  on.modem = ModemState::kWaiting;
  on.pdn_up = false;
  rig.link.Report(on);
  CHECK(rig.modem.TakeOutput() == "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n");
  // The defaults: echo on, CMEE 1, no +CEREG URCs; the SMS waited on the SIM.
  rig.link.Report(RegisteredStatus());
  CHECK(rig.modem.TakeOutput() == "");
  CHECK(rig.Send("MM\r") == "");  // the old partial line is gone
  CHECK(rig.Send("AT+CMEE?;+CPMS?\r") ==
        "AT+CMEE?;+CPMS?\r\r\n+CMEE: 1\r\n\r\n+CPMS: \"SM\",1,20,\"SM\",1,20,\"SM\",1,20\r\n"
        "\r\nOK\r\n");
}

TEST_CASE("AT: power lost in the middle of a prompt drops the prompt", "[unit][at]") {
  AtRig rig;
  // The prompt takes the line's place: no OK, and +QIOPEN's URC waits for the prompt.
  CHECK(rig.Send("AT+QIOPEN=1,0,\"TCP\",\"h\",1;+QISEND=0,5\r") == "\r\n> ");
  CHECK(rig.Send("ab") == "");
  rig.link.Report(PoweredOff());
  CHECK(rig.modem.TakeOutput() == "\r\n+QIOPEN: 0,0\r\n\r\nPOWERED DOWN\r\n");
  rig.link.Report(RegisteredStatus());
  CHECK(rig.modem.TakeOutput() == "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n");
  CHECK(rig.Send("cde") == "");  // not data any more, and not a command
  CHECK(rig.Send("AT+QISEND=0,1\r") == "AT+QISEND=0,1\r\r\nERROR\r\n");  // socket closed
  CHECK(rig.link.data_bytes == 0);
}

TEST_CASE("AT: a client that disconnects mid-line or mid-prompt loses only that",
          "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CEREG=1;+QIOPEN=1,0,\"TCP\",\"h\",1\r") ==
        "\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n");
  CHECK(rig.Send("AT+QISEND=0,10\r123") == "\r\n> ");
  ModemStatus moved = RegisteredStatus();
  moved.roaming = true;
  rig.link.Report(moved);  // held behind the prompt
  CHECK(rig.modem.TakeOutput() == "");
  rig.modem.OnLineDropped();
  CHECK(rig.modem.TakeOutput() == "\r\n+CEREG: 5\r\n");
  // The reconnected client starts afresh: its bytes are commands again, settings are kept.
  CHECK(rig.Send("AT\r") == "\r\nOK\r\n");
  CHECK(rig.link.data_bytes == 0);
  CHECK(rig.Send("AT+CG") == "");
  rig.modem.OnLineDropped();
  CHECK(rig.Send("MI\rAT+CEREG?\r") == "\r\n+CEREG: 1,5\r\n\r\nOK\r\n");
  // The socket is still open: the drop was the serial line's, not the network's.
  CHECK(rig.Send("AT+QISEND=0,1\rz") == "\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",0\r\n");
}

// Bytes a fuzzer would pick: mostly the alphabet of AT commands, with control and high bytes.
char RandomByte(RandomStream& rng) {
  static constexpr char kAlphabet[] = "ATat+=?,;\"\r\n\b\x1a\x1b 0123456789CGREQIMSDFPOLWZ&/";
  if (Bernoulli(rng, 0.1)) return static_cast<char>(UniformInt(rng, 0, 255));
  return kAlphabet[UniformInt(rng, 0, sizeof kAlphabet - 2)];
}

// Whole commands now and then, so that the fuzz reaches prompts and sockets.
const char* const kCommands[] = {
    "AT+QIOPEN=1,0,\"TCP\",\"h\",1\r", "AT+QISEND=0,20\r", "AT+QISEND=0\r", "AT+CMGS=23\r",
    "AT+CMGF=1;+CMGS=\"1\"\r",         "AT+CFUN=1,1\r",    "AT+CEREG=5;+CGEREP=1\r",
    "AT+CNMI=2,2\r",                   "AT+QIRD=0\r",      "ATE1V0\r",
    "AT+CMGL=4\r",                     "AT+CGACT=0,1\r",   "AT+CSCON=1\r",
};

ModemStatus RandomStatus(RandomStream& rng) {
  ModemStatus status;
  status.powered = Bernoulli(rng, 0.9);
  status.fun = static_cast<int>(UniformInt(rng, 0, 2)) == 0 ? 4 : 1;
  status.automatic = Bernoulli(rng, 0.8);
  status.modem = static_cast<ModemState>(UniformInt(rng, 0, 6));
  status.last_cause = static_cast<EmmCause>(UniformInt(rng, 0, 30));
  status.pdn_up = Bernoulli(rng, 0.5);
  status.cell_up = Bernoulli(rng, 0.8);
  status.cell = static_cast<uint32_t>(UniformInt(rng, 0, 0xFFFFFFFF));
  status.roaming = Bernoulli(rng, 0.2);
  return status;
}

TEST_CASE("AT: random bytes in random chunks never break the module", "[unit][at]") {
  RandomStream rng{20261130};
  for (int round = 0; round < 40; ++round) {
    AtRig rig(RegisteredStatus(), /*echo_off=*/false);
    size_t largest = 0;
    for (int step = 0; step < 400; ++step) {
      std::string chunk;
      const int kind = static_cast<int>(UniformInt(rng, 0, 99));
      if (kind < 70) {
        const int64_t length = UniformInt(rng, 1, Bernoulli(rng, 0.05) ? 5000 : 40);
        for (int64_t i = 0; i < length; ++i) chunk.push_back(RandomByte(rng));
      } else if (kind < 85) {
        chunk = kCommands[UniformInt(rng, 0, static_cast<int64_t>(std::size(kCommands)) - 1)];
      } else if (kind < 93) {
        rig.link.Report(RandomStatus(rng));
      } else if (kind < 97) {
        rig.modem.OnSms({std::string(UniformInt(rng, 0, 40), '9'),
                         std::string(UniformInt(rng, 0, 400), 'x'), "26/11/30,10:00:00+04"});
      } else {
        rig.modem.OnLineDropped();
      }
      if (Bernoulli(rng, 0.005)) chunk = std::string(200000, 'A');  // a flood, never kept
      REQUIRE_NOTHROW(rig.modem.Feed(chunk));
      if (Bernoulli(rng, 0.9)) largest = std::max(largest, rig.modem.TakeOutput().size());
    }
    CHECK(largest <= AtOutput::kMaxBuffered);
    // Afterwards the module, power-cycled (the fuzz may have set S3, V0 or Q1) and with the
    // line reconnected, still answers.
    rig.link.Report(PoweredOff());
    rig.link.Report(RegisteredStatus());
    rig.modem.OnLineDropped();
    rig.modem.TakeOutput();
    const std::string answer = rig.Send("ATE0\rAT+CPMS?\r");
    INFO("round " << round << ": " << answer);
    CHECK(answer.find("\r\nOK\r\n") != std::string::npos);
    CHECK(answer.find(",20,\"SM\",") != std::string::npos);
    const size_t stored = answer.find("+CPMS: \"SM\",");
    REQUIRE(stored != std::string::npos);
    CHECK(std::stoi(answer.substr(stored + 12)) <= 20);
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
