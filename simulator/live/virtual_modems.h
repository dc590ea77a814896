// The virtual modems of a live session: one AT interpreter (devices/at) per device of each
// `firmware: external` group. Each speaks through a ModemLink whose actions are requests at the
// simulated time, journaled as API requests are (api "at", so `run --replay` repeats them), and
// after every step of the world each hears of its device's changes as unsolicited result codes.
// Where the bytes come from (a pseudo-terminal, a TCP port) is modem_ports.h's business: this
// knows only bytes in and bytes out.
//
// Thread safety: none; everything runs on the server's io_context thread.
#ifndef CARRIERSIM_LIVE_VIRTUAL_MODEMS_H_
#define CARRIERSIM_LIVE_VIRTUAL_MODEMS_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "devices/at/modem_link.h"
#include "simulator/live/live.h"

namespace carriersim {

class AtModem;

class VirtualModems {
 public:
  explicit VirtualModems(LiveService& live);
  ~VirtualModems();
  VirtualModems(const VirtualModems&) = delete;
  VirtualModems& operator=(const VirtualModems&) = delete;

  size_t size() const { return lines_.size(); }
  // "GROUP-INDEX", the name of its link and of its requests in the journal.
  const std::string& name(size_t i) const;
  SimId sim(size_t i) const;
  const ModemIdentity& identity(size_t i) const;
  ModemStatus status(size_t i) const;
  // What the device model counts for line i's device: attach attempts and rejects, modem
  // reboots and radio-on time (DEV-4's energy proxy).
  struct Counters {
    uint32_t attach_attempts = 0;
    uint32_t rejects = 0;
    uint32_t reboots = 0;
    SimTime radio_ms = 0;
  };
  Counters counters(size_t i) const;

  // Bytes from line i's serial side; what the modem writes back is taken with TakeOutput.
  void Feed(size_t i, std::string_view bytes);
  std::string TakeOutput(size_t i);
  // Line i's client went away: a partial command or a '>' prompt in progress is dropped.
  void LineDropped(size_t i);
  // Called with a line's index whenever the modem has written something on its own (an
  // unsolicited result code after a step of the world), so that the transport sends it.
  void set_on_output(std::function<void(size_t)> on_output) { on_output_ = std::move(on_output); }

 private:
  struct Line;
  void AfterStep();
  void Resync();

  LiveService& live_;
  std::vector<std::unique_ptr<Line>> lines_;
  std::vector<uint32_t> line_of_sim_;  // by SimId - first external SIM; UINT32_MAX: none
  SimId first_sim_ = 0;
  std::function<void(size_t)> on_output_;
};

// A ModemStatus as the AT side shows it, from what the device model reports.
ModemStatus ToModemStatus(const ExternalStatus& status, const DeviceSpec& device);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_VIRTUAL_MODEMS_H_
