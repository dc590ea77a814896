// A hand-written ModemLink for the AT interpreter's tests: it records every action the module
// asks for and, like the live server, answers each by changing the modem's status and
// reporting the change to the AtModem at once (inside the call), so that tests see URCs that a
// command itself causes.
#ifndef CARRIERSIM_TESTS_UNIT_AT_TEST_RIG_H_
#define CARRIERSIM_TESTS_UNIT_AT_TEST_RIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "devices/at/at_modem.h"
#include "devices/at/modem_link.h"

namespace carriersim {

inline ModemIdentity TestIdentity() {
  return {"Quectel",  "BG96",       "BG96MAR02A07M1G", "490154203237518", "001010123456789",
          "8988211000000000017", "carriersim", "csim",  "00101"};
}

// Powered, radio on, registered home on cell 5 with the data session up.
inline ModemStatus RegisteredStatus() {
  ModemStatus status;
  status.powered = true;
  status.fun = 1;
  status.automatic = true;
  status.modem = ModemState::kRegistered;
  status.pdn_up = true;
  status.cell_up = true;
  status.cell = 5;
  status.act = 7;
  return status;
}

class FakeModemLink : public ModemLink {
 public:
  explicit FakeModemLink(ModemStatus initial) : status(initial) {}

  const ModemIdentity& Identity() const override { return identity; }
  ModemStatus Status() override { return status; }

  void SetFunctionality(int fun) override {
    calls.push_back("SetFunctionality(" + std::to_string(fun) + ")");
    ModemStatus next = status;
    next.fun = fun;
    next.modem = fun == 1 ? ModemState::kWaiting : ModemState::kOff;
    next.pdn_up = false;
    if (fun != 1) next.last_cause = 0;
    Report(next);
  }
  // A power cycle: off, then on and searching.
  void Reset() override {
    calls.push_back("Reset()");
    ModemStatus off = status;
    off.powered = false;
    off.modem = ModemState::kOff;
    off.pdn_up = false;
    Report(off);
    ModemStatus on = off;
    on.powered = true;
    on.fun = 1;
    on.modem = ModemState::kWaiting;
    on.last_cause = 0;
    Report(on);
  }
  void SetAutomatic(bool automatic) override {
    calls.push_back(automatic ? "SetAutomatic(true)" : "SetAutomatic(false)");
    ModemStatus next = status;
    next.automatic = automatic;
    next.modem = automatic ? ModemState::kWaiting : ModemState::kOff;
    next.pdn_up = false;
    Report(next);
  }
  bool ActivatePdn() override {
    calls.push_back("ActivatePdn()");
    if (status.modem != ModemState::kRegistered || !pdn_allowed) return false;
    if (!status.pdn_up) {
      ModemStatus next = status;
      next.pdn_up = true;
      Report(next);
    }
    return true;
  }
  void DeactivatePdn() override {
    calls.push_back("DeactivatePdn()");
    ModemStatus next = status;
    next.pdn_up = false;
    Report(next);
  }
  bool SendData(int64_t bytes) override {
    calls.push_back("SendData(" + std::to_string(bytes) + ")");
    if (!status.pdn_up || !data_allowed) return false;
    data_bytes += bytes;
    return true;
  }
  bool SendSms() override {
    calls.push_back("SendSms()");
    if (status.modem != ModemState::kRegistered || !sms_allowed) return false;
    ++sms_sent;
    return true;
  }

  // The modem changes by itself (the network, the timeline): reported at once.
  void Report(const ModemStatus& next) {
    status = next;
    if (modem != nullptr) modem->OnStatus(next);
  }

  ModemIdentity identity = TestIdentity();
  ModemStatus status;
  AtModem* modem = nullptr;
  std::vector<std::string> calls;
  bool pdn_allowed = true;
  bool data_allowed = true;
  bool sms_allowed = true;
  int64_t data_bytes = 0;
  int sms_sent = 0;
};

// A module on a fake link, with echo off (ATE0) unless asked otherwise, so that tests compare
// exactly what the module answers.
struct AtRig {
  explicit AtRig(ModemStatus initial = RegisteredStatus(), bool echo_off = true)
      : link(initial), modem(link) {
    link.modem = &modem;
    if (echo_off) Send("ATE0\r");
  }
  // Feeds `bytes` and returns what the module wrote.
  std::string Send(std::string_view bytes) {
    modem.Feed(bytes);
    return modem.TakeOutput();
  }

  FakeModemLink link;
  AtModem modem;
};

}  // namespace carriersim

#endif  // CARRIERSIM_TESTS_UNIT_AT_TEST_RIG_H_
