// The serial lines of the virtual modems, on the server's io_context: a pseudo-terminal per modem
// (posix_openpt, served with asio::posix::stream_descriptor, its /dev/pts path linked as
// DIR/modems/NAME), or with --modem-port BASE a TCP port per modem (BASE + i, on the server's
// host). As on a serial port, one client at a time: a second TCP client beside a live one is
// turned away (after a moment's grace, in case the first was on its way out).
//
// A client that goes away drops its partial command (VirtualModems::LineDropped) and nothing is
// kept for the next one: what a modem writes while nobody is connected is dropped, and what a
// connected client does not read is bounded per line, so a stuck client costs a fixed amount of
// memory and never holds up another line.
#ifndef CARRIERSIM_LIVE_MODEM_PORTS_H_
#define CARRIERSIM_LIVE_MODEM_PORTS_H_

#include <asio.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "simulator/live/virtual_modems.h"

namespace carriersim {

class ModemPorts {
 public:
  ModemPorts(asio::io_context& io, VirtualModems& modems);
  ~ModemPorts();
  ModemPorts(const ModemPorts&) = delete;
  ModemPorts& operator=(const ModemPorts&) = delete;

  // A pseudo-terminal per modem, each linked from `link_dir` (created if needed; a stale link
  // of an earlier session is replaced).
  bool OpenPtys(const std::string& link_dir, std::string* error);
  // A TCP port per modem: base, base + 1, ... on `host`.
  bool OpenTcp(const std::string& host, uint16_t base, std::string* error);
  // Called after a line's input acted on the world: the server then sets its wake-up timer for
  // what the action scheduled (a modem switched on registers after its boot time).
  void set_after_input(std::function<void()> after_input) { after_input_ = std::move(after_input); }
  // Makes the links again (the output folder that holds them was replaced by a snapshot).
  void Relink();
  // Closes every line and removes the links.
  void Close();

  // Where line i is: "/dev/pts/5", or "127.0.0.1:7000"; and the link to it ("" for TCP).
  std::string Where(size_t i) const;
  std::string Link(size_t i) const;
  bool connected(size_t i) const;
  uint64_t dropped_bytes(size_t i) const;

 private:
  struct Port;
  void WatchPty(size_t i);
  void ReadPty(size_t i);
  void Accept(size_t i);
  void Adopt(size_t i, asio::ip::tcp::socket socket);
  void ReadTcp(size_t i);
  void Received(size_t i, size_t n);
  void Disconnected(size_t i);
  void Flush(size_t i);
  void Write(size_t i);

  asio::io_context& io_;
  VirtualModems& modems_;
  std::string link_dir_;
  std::vector<std::unique_ptr<Port>> ports_;
  std::function<void()> after_input_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_MODEM_PORTS_H_
