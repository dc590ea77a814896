// The AT interpreter's line discipline (V.250 5.2): echo, "AT" found among noise, CR ends a
// line, LF ignored, backspace edits, concatenated commands stop at the first error, overlong
// and garbled lines get one ERROR, and the result code formats of ATV0, ATQ1 and AT+CMEE.
#include <catch2/catch.hpp>

#include "devices/at/at_parse.h"
#include "tests/unit/at_test_rig.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("AT: echo is on by default and echoes the command characters", "[unit][at]") {
  AtRig rig(RegisteredStatus(), /*echo_off=*/false);
  CHECK(rig.Send("AT\r") == "AT\r\r\nOK\r\n");
  CHECK(rig.Send("ATE0\r") == "ATE0\r\r\nOK\r\n");
  CHECK(rig.Send("AT\r") == "\r\nOK\r\n");
  CHECK(rig.Send("ATE1\r") == "\r\nOK\r\n");
  CHECK(rig.Send("at\r") == "at\r\r\nOK\r\n");
}

TEST_CASE("AT: bytes before AT are ignored, LF is ignored, any split works", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("xyz\x01garbage\r\n") == "");  // no AT: dropped without a word
  CHECK(rig.Send("noise aT\r\n") == "\r\nOK\r\n");
  std::string out;
  for (char c : std::string("AT+CGMI\r")) out += rig.Send(std::string(1, c));
  CHECK(out == "\r\nQuectel\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT\r\nAT+CGMM\r\n") == "\r\nOK\r\n\r\nBG96\r\n\r\nOK\r\n");
}

TEST_CASE("AT: backspace deletes the previous character", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGMX\bI\r") == "\r\nQuectel\r\n\r\nOK\r\n");
  CHECK(rig.Send("AT+CGMI\x7f\x7fMM\r") == "\r\nBG96\r\n\r\nOK\r\n");
  // Deleting the T makes the module wait for it again.
  CHECK(rig.Send("AT\bT+CGMM\r") == "\r\nBG96\r\n\r\nOK\r\n");
}

TEST_CASE("AT: an unknown command gets ERROR, never silence", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+NOSUCH\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CPROT=?\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT$TSSPCSW=?\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CGMI=\"unterminated\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("ATD123;\r") == "\r\nERROR\r\n");
}

TEST_CASE("AT: concatenated commands run in turn and stop at the first error",
          "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMEE=2;+CREG=2;E1\r") == "\r\nOK\r\n");  // typed with echo off
  CHECK(rig.Send("ATE0\r") == "ATE0\r\r\nOK\r\n");
  CHECK(rig.Send("AT+CMEE?;+CREG?\r") ==
        "\r\n+CMEE: 2\r\n\r\n+CREG: 2,1,\"0100\",\"01000501\",7\r\n\r\nOK\r\n");
  // +CREG=9 fails: +CEREG=1 after it is not run.
  CHECK(rig.Send("AT+CREG=0;+CREG=9;+CEREG=1\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CREG?;+CEREG?\r") ==
        "\r\n+CREG: 0,1\r\n\r\n+CEREG: 0,1\r\n\r\nOK\r\n");
  // Basic commands follow each other without separators.
  CHECK(rig.Send("ATE0V1Q0\r") == "\r\nOK\r\n");
}

TEST_CASE("AT: a line longer than 1024 characters gets one ERROR at its CR", "[unit][at]") {
  AtRig rig;
  const std::string longest = "AT" + std::string(1022, 'E');  // 1024 characters: kept
  CHECK(rig.Send(longest + "\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT" + std::string(1023, 'E')) == "");
  CHECK(rig.Send(std::string(100000, 'E')) == "");
  CHECK(rig.Send("\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT\r") == "\r\nOK\r\n");  // the next line is whole again
}

TEST_CASE("AT: binary garbage in a command line gets ERROR", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send(std::string("AT+CG\x00MI\r", 9)) == "\r\nERROR\r\n");
  CHECK(rig.Send("AT\xff\xfe\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CSQ\x1a\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("\xff\xfe\x80\x01\r") == "");  // garbage without AT is dropped
  CHECK(rig.Send("AT\r") == "\r\nOK\r\n");
}

TEST_CASE("AT: A/ repeats the previous command line", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CGMM\r") == "\r\nBG96\r\n\r\nOK\r\n");
  CHECK(rig.Send("A/") == "\r\nBG96\r\n\r\nOK\r\n");
}

TEST_CASE("AT: ATV0 gives numeric result codes and ATQ1 none", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("ATV0\r") == "0\r");
  CHECK(rig.Send("AT+CGMM\r") == "BG96\r\n0\r");
  CHECK(rig.Send("AT+NOSUCH\r") == "4\r");
  CHECK(rig.Send("ATV1Q1\r") == "");
  CHECK(rig.Send("AT+CGMM\r") == "\r\nBG96\r\n");
  CHECK(rig.Send("ATQ0\r") == "\r\nOK\r\n");
}

TEST_CASE("AT: +CME ERROR is numeric, verbose or plain per AT+CMEE", "[unit][at]") {
  AtRig rig;
  CHECK(rig.Send("AT+CMEE?\r") == "\r\n+CMEE: 1\r\n\r\nOK\r\n");  // Quectel's default
  CHECK(rig.Send("AT+CPIN=1234\r") == "\r\n+CME ERROR: 3\r\n");
  CHECK(rig.Send("AT+CMEE=2\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CPIN=1234\r") == "\r\n+CME ERROR: operation not allowed\r\n");
  CHECK(rig.Send("AT+CMEE=0\r") == "\r\nOK\r\n");
  CHECK(rig.Send("AT+CPIN=1234\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CMEE=3\r") == "\r\nERROR\r\n");
  CHECK(rig.Send("AT+CMEE=?\r") == "\r\n+CMEE: (0-2)\r\n\r\nOK\r\n");
}

TEST_CASE("AT: the parser splits basic and extended commands", "[unit][at]") {
  const auto commands = ParseCommandLine("e0 +cgdcont=1,\"ip\",\"My.Apn\";+COPS?;&F;S3=13;+CSQ=?");
  REQUIRE(commands);
  REQUIRE(commands->size() == 6);
  CHECK((*commands)[0].name == "E");
  CHECK((*commands)[0].params[0].text == "0");
  CHECK((*commands)[1].name == "+CGDCONT");
  CHECK((*commands)[1].form == AtForm::kSet);
  REQUIRE((*commands)[1].params.size() == 3);
  CHECK((*commands)[1].params[1].text == "ip");  // quoted: kept as typed
  CHECK((*commands)[1].params[2].text == "My.Apn");
  CHECK((*commands)[2].form == AtForm::kRead);
  CHECK((*commands)[3].name == "&F");
  CHECK((*commands)[4].name == "S3");
  CHECK((*commands)[4].params[0].text == "13");
  CHECK((*commands)[5].form == AtForm::kTest);
  CHECK_FALSE(ParseCommandLine("+CSQ?X"));
  CHECK_FALSE(ParseCommandLine("+"));
  CHECK_FALSE(ParseCommandLine("+CGDCONT=1,\"IP\"x"));
  CHECK(ParseCommandLine("")->empty());
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
