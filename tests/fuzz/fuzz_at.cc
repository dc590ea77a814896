// libFuzzer harness: the AT-command interpreter of a virtual modem (devices/at/). The input is
// what a client writes to the module's serial line, with events of the modem and of the line
// spliced in: a byte 0xFF, then an op byte (listed below; 0xFF 0xFF is one plain 0xFF). The
// serial bytes are fed in chunks of a size the input chooses, and the output is drained at
// every event. The module must never crash, hang or throw; each TakeOutput() stays within
// AtOutput's bound and the heap the module holds stays bounded; a powered-off module writes
// nothing; and after the line drops (an "L" event, and at the end of every input) a fresh "AT"
// gets its final result code. FUZZ_AT_TRACE=1 prints what goes in and out. See README.md
// ("Fuzzing") for how to run it longer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "devices/at/at_modem.h"
#include "devices/at/at_output.h"
#include "devices/at/modem_link.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/allocator_interface.h>
#define FUZZ_AT_HEAP_CHECK 1
#endif
#endif

namespace carriersim {
namespace {

// The op bytes that follow 0xFF:
//   R registered (home)       D denied: a permanent reject, EMM cause 7     W searching again
//   E <b> a temporary reject: searching again, with EMM cause b as the last cause
//   O power off               P power on (the module restarts)              M roaming on/off
//   U data session up         N data session down (the network's doing)
//   C <b> camp on cell b & 0x7F, on the air unless b & 0x80
//   S <k> <n> <n bytes>       an SMS for the SIM: sender k & 7, timestamp (k >> 3) & 3, text
//   L the line drops, then the "AT" check
//   F the network refuses data sessions, data and SMS, or no longer does
//   Q the next data or SMS sent hits a usage limit: the SIM is detached inside the call
//   B how AT+CFUN=1,1 goes next: power cycle at once, power off until P, or no status change
//   0-9 the serial bytes go in chunks of kChunks[digit] bytes (0: all in one Feed)
//   anything else: only a drain
constexpr unsigned char kMarker = 0xFF;
constexpr size_t kChunks[] = {0, 1, 2, 3, 5, 8, 13, 64, 256, 1024};

// What the module may hold beyond what it held when it was made: its output (64 KiB), held
// URCs, twelve sockets' unread echo (16 KiB each), a prompt, 20 stored SMS... well under this.
constexpr size_t kMaxHeapGrowth = 4 << 20;

const char* const kSenders[] = {
    "+15551234567", "4420", "CARRIER", "", "+1234567890123456789012345678901234567890",
    "\xc3\x9c" "n\xc3\xaf" "c\xc3\xb8" "d\xc3\xa9", "\xff\xfe\x80", "123456789012345678901234567"};
const char* const kTimestamps[] = {"26/11/30,10:00:00+04", "", "99/99/99,99:99:99-99",
                                   "26/11/30,10:00:00+04 and a long tail after it"};

bool Trace() {
  static const bool trace = std::getenv("FUZZ_AT_TRACE") != nullptr;
  return trace;
}

void Print(const char* what, std::string_view bytes) {
  if (!Trace()) return;
  std::fprintf(stderr, "%s \"", what);
  for (unsigned char c : bytes) {
    if (c == '\r') {
      std::fputs("\\r", stderr);
    } else if (c == '\n') {
      std::fputs("\\n", stderr);
    } else if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
      std::fprintf(stderr, "\\x%02x", c);
    } else {
      std::fputc(c, stderr);
    }
  }
  std::fputs("\"\n", stderr);
}

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_at: %s\n", what);
  std::abort();
}

bool EndsWith(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// The modem behind the serial line, as the live server's link behaves: every action changes
// the status at once and reports it to the module inside the call.
class FuzzLink : public ModemLink {
 public:
  FuzzLink() {
    status.modem = ModemState::kRegistered;
    status.pdn_up = true;
    status.cell = 5;
  }

  const ModemIdentity& Identity() const override { return identity_; }
  ModemStatus Status() override { return status; }

  void SetFunctionality(int fun) override {
    ModemStatus next = status;
    next.fun = fun;
    next.modem = fun == 1 && next.automatic ? ModemState::kWaiting : ModemState::kOff;
    next.pdn_up = false;
    if (fun != 1) next.last_cause = 0;
    Report(next);
  }
  void Reset() override {
    const int mode = reset_mode;
    if (mode == 2) return;
    ModemStatus off = status;
    off.powered = false;
    off.modem = ModemState::kOff;
    off.pdn_up = false;
    Report(off);
    if (mode == 0) PowerOn();
  }
  void SetAutomatic(bool automatic) override {
    ModemStatus next = status;
    next.automatic = automatic;
    next.modem = automatic && next.fun == 1 ? ModemState::kWaiting : ModemState::kOff;
    next.pdn_up = false;
    Report(next);
  }
  bool ActivatePdn() override {
    if (!Registered() || refuse) return false;
    if (!status.pdn_up) {
      ModemStatus next = status;
      next.pdn_up = true;
      Report(next);
    }
    return true;
  }
  void DeactivatePdn() override {
    ModemStatus next = status;
    next.pdn_up = false;
    Report(next);
  }
  bool SendData(int64_t bytes) override {
    if (bytes <= 0 || !Registered() || !status.pdn_up || refuse) return false;
    HitLimit();
    return true;
  }
  bool SendSms() override {
    if (!Registered() || refuse) return false;
    HitLimit();
    return true;
  }

  bool Registered() const { return status.powered && status.modem == ModemState::kRegistered; }
  // Registration events only reach a module that searches: powered, radio on, automatic.
  bool Searching() const { return status.powered && status.fun == 1 && status.automatic; }

  void PowerOn() {
    ModemStatus on = status;
    on.powered = true;
    on.fun = 1;
    on.automatic = true;
    on.modem = ModemState::kWaiting;
    on.last_cause = 0;
    on.pdn_up = false;
    Report(on);
  }

  void Report(const ModemStatus& next) {
    status = next;
    if (modem != nullptr) modem->OnStatus(next);
  }

  ModemStatus status;
  AtModem* modem = nullptr;
  bool refuse = false;
  bool limit = false;
  int reset_mode = 0;

 private:
  // A usage limit reached by what was just sent: the carrier suspends the SIM and the network
  // detaches it.
  void HitLimit() {
    if (!limit) return;
    limit = false;
    ModemStatus next = status;
    next.modem = ModemState::kWaiting;
    next.pdn_up = false;
    Report(next);
  }

  ModemIdentity identity_{"Quectel",  "BG96",  "BG96MAR02A07M1G", "490154203237518",
                          "001010123456789", "8988211000000000017", "carriersim", "csim",
                          "00101"};
};

class Driver {
 public:
  explicit Driver(std::string_view input) : input_(input), modem_(link_) {
    link_.modem = &modem_;
#ifdef FUZZ_AT_HEAP_CHECK
    heap_at_start_ = __sanitizer_get_current_allocated_bytes();
#endif
  }
  ~Driver() { link_.modem = nullptr; }

  void Run() {
    while (pos_ < input_.size()) {
      const unsigned char c = static_cast<unsigned char>(input_[pos_++]);
      if (c != kMarker) {
        pending_.push_back(static_cast<char>(c));
        continue;
      }
      const unsigned char op = NextByte();
      if (op == kMarker) {
        pending_.push_back(static_cast<char>(kMarker));
        continue;
      }
      FeedPending();
      Event(op);
      Drain();
    }
    FeedPending();
    Drain();
    LineDroppedCheck();
#ifdef FUZZ_AT_HEAP_CHECK
    if (Trace()) {
      std::fprintf(stderr, "heap: %zu bytes more than at the start\n",
                   __sanitizer_get_current_allocated_bytes() - heap_at_start_);
    }
#endif
  }

 private:
  unsigned char NextByte() {
    return pos_ < input_.size() ? static_cast<unsigned char>(input_[pos_++]) : 0;
  }

  void FeedPending() {
    const std::string_view bytes = pending_;
    const size_t chunk = chunk_ == 0 ? bytes.size() : chunk_;
    for (size_t at = 0; at < bytes.size(); at += chunk) {
      Print("in ", bytes.substr(at, chunk));
      modem_.Feed(bytes.substr(at, chunk));
    }
    pending_.clear();
  }

  // Takes the output, and checks the bounds and the silence of a powered-off module.
  std::string Drain() {
    std::string out = modem_.TakeOutput();
    Print("out", out);
    Check(out.size() <= AtOutput::kMaxBuffered, "TakeOutput() is larger than kMaxBuffered");
    // Off since the previous drain (no event in between could have switched it on): silence.
    const bool off = !link_.status.powered;
    Check(!(off && was_off_) || out.empty(), "a powered-off module wrote something");
    was_off_ = off;
#ifdef FUZZ_AT_HEAP_CHECK
    const size_t heap = __sanitizer_get_current_allocated_bytes();
    Check(heap < heap_at_start_ + kMaxHeapGrowth + 4 * input_.size(),
          "the module's memory grows without bound");
#endif
    return out;
  }

  void Event(unsigned char op) {
    if (Trace()) std::fprintf(stderr, "event %c\n", op >= 0x20 && op < 0x7F ? op : '?');
    ModemStatus next = link_.status;
    switch (op) {
      case 'R':
        if (!link_.Searching()) return;
        next.modem = ModemState::kRegistered;
        next.pdn_up = !link_.refuse;
        return link_.Report(next);
      case 'D':
        if (!link_.Searching()) return;
        next.modem = ModemState::kSimInvalid;
        next.last_cause = 7;  // EPS services not allowed
        next.pdn_up = false;
        return link_.Report(next);
      case 'W':
        if (!link_.Searching()) return;
        next.modem = ModemState::kWaiting;
        next.pdn_up = false;
        return link_.Report(next);
      case 'E': {
        const unsigned char cause = NextByte();
        if (!link_.Searching()) return;
        next.modem = ModemState::kWaiting;
        next.last_cause = cause;
        next.pdn_up = false;
        return link_.Report(next);
      }
      case 'O':
        if (!next.powered) return;
        next.powered = false;
        next.modem = ModemState::kOff;
        next.pdn_up = false;
        return link_.Report(next);
      case 'P':
        if (!next.powered) link_.PowerOn();
        return;
      case 'M':
        next.roaming = !next.roaming;
        return link_.Report(next);
      case 'U':
        if (!link_.Registered() || next.pdn_up || link_.refuse) return;
        next.pdn_up = true;
        return link_.Report(next);
      case 'N':
        if (!next.pdn_up) return;
        next.pdn_up = false;
        return link_.Report(next);
      case 'C': {
        const unsigned char b = NextByte();
        next.cell = b & 0x7F;
        next.cell_up = (b & 0x80) == 0;
        return link_.Report(next);
      }
      case 'S': {
        const unsigned char k = NextByte();
        const size_t length = NextByte();
        const std::string_view text = input_.substr(pos_, length);
        pos_ += text.size();
        modem_.OnSms({kSenders[k & 7], std::string(text), kTimestamps[(k >> 3) & 3]});
        return;
      }
      case 'L':
        return LineDroppedCheck();
      case 'F':
        link_.refuse = !link_.refuse;
        return;
      case 'Q':
        link_.limit = true;
        return;
      case 'B':
        link_.reset_mode = (link_.reset_mode + 1) % 3;
        return;
      default:
        if (op >= '0' && op <= '9') chunk_ = kChunks[op - '0'];
        return;
    }
  }

  // The client reconnects and says "AT": whatever the module was doing (a partial line, an
  // open prompt), it answers with a final result code, unless it has no power.
  void LineDroppedCheck() {
    modem_.OnLineDropped();
    Drain();
    Print("in ", "AT\r");
    modem_.Feed("AT\r");
    const std::string answer = Drain();
    if (!link_.status.powered) {
      Check(answer.empty(), "a powered-off module answered");
      return;
    }
    // Words ending in S3 S4 = "\r\n": the factory's format, in which an empty line gets OK, after
    // its echo if ATE1.
    if (EndsWith(answer, "\r\nOK\r\n") || EndsWith(answer, "\r\nERROR\r\n")) {
      Check(answer == "\r\nOK\r\n" || answer == "AT\r\r\nOK\r\n",
            "the module answered AT with something else than OK after the line dropped");
      return;
    }
    // No answer in the factory's format: the input may have set ATQ1, ATV0 or another S3, S4
    // or S5. ATZ (or AT&F) with every possible S3 after it puts the factory settings back;
    // S5 can spoil at most one of the spellings.
    bool reset = false;
    for (const char* command : {"ATZ", "ATz", "AT&F", "AT&f"}) {
      for (int s3 = 0; s3 < 128 && !reset; ++s3) {
        modem_.OnLineDropped();
        modem_.Feed(std::string(command) + static_cast<char>(s3));
        reset = EndsWith(Drain(), "\r\nOK\r\n");
      }
    }
    Check(reset, "ATZ with every possible S3 got no OK after the line dropped");
    modem_.OnLineDropped();
    Print("in ", "AT\r");
    modem_.Feed("AT\r");
    Check(Drain() == "AT\r\r\nOK\r\n", "the module does not answer AT after ATZ");
  }

  std::string_view input_;
  size_t pos_ = 0;
  std::string pending_;
  size_t chunk_ = 0;
  bool was_off_ = false;
  size_t heap_at_start_ = 0;
  FuzzLink link_;
  AtModem modem_;
};

}  // namespace
}  // namespace carriersim

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  carriersim::Driver driver(std::string_view(reinterpret_cast<const char*>(data), size));
  driver.Run();
  return 0;
}
