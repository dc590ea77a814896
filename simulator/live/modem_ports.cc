#include "simulator/live/modem_ports.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

namespace carriersim {
namespace {

// What a client has not read yet, per line. A modem's answers are short: a client this far
// behind is not reading, and what comes after is dropped.
constexpr size_t kMaxPending = 64 * 1024;
// How often a line with no client looks for one (a pseudo-terminal says nothing when its
// other side is opened: its master only stops reporting a hang-up).
constexpr auto kClientPoll = std::chrono::milliseconds(100);
// How long a TCP client that comes while the line is taken waits for it to be free.
constexpr auto kReconnectGrace = std::chrono::milliseconds(500);

// A pseudo-terminal whose other side starts raw (no echo, no line editing, no CR/LF
// translation), as a serial line to a module is: clients that set their own modes keep them.
int OpenRawPty(std::string* path, std::string* error) {
  const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  char name[128];
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
      ptsname_r(master, name, sizeof name) != 0) {
    *error = std::string("cannot open a pseudo-terminal: ") + std::strerror(errno);
    if (master >= 0) close(master);
    return -1;
  }
  const int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  termios t{};
  if (slave < 0 || tcgetattr(slave, &t) != 0) {
    *error = std::string("cannot set up ") + name + ": " + std::strerror(errno);
    if (slave >= 0) close(slave);
    close(master);
    return -1;
  }
  cfmakeraw(&t);
  cfsetspeed(&t, B115200);
  tcsetattr(slave, TCSANOW, &t);
  close(slave);  // the master now reports a hang-up until a client opens the other side
  *path = name;
  return master;
}

bool HungUp(int master) {
  pollfd p{master, POLLIN, 0};
  return poll(&p, 1, 0) >= 0 && (p.revents & POLLHUP) != 0;
}

}  // namespace

struct ModemPorts::Port {
  explicit Port(asio::io_context& io) : watch(io) {}

  std::optional<asio::posix::stream_descriptor> pty;
  std::string pty_path;
  std::string link;
  std::optional<asio::ip::tcp::acceptor> acceptor;
  std::optional<asio::ip::tcp::socket> socket;
  std::optional<asio::ip::tcp::socket> waiting;  // a client that came while `socket` was on
  std::string where;
  asio::steady_timer watch;
  bool connected = false;
  bool writing = false;
  std::string pending;
  uint64_t dropped = 0;
  std::array<char, 1024> in{};
};

ModemPorts::ModemPorts(asio::io_context& io, VirtualModems& modems) : io_(io), modems_(modems) {
  modems_.set_on_output([this](size_t i) { Flush(i); });
}

ModemPorts::~ModemPorts() {
  modems_.set_on_output(nullptr);
  Close();
}

bool ModemPorts::OpenPtys(const std::string& link_dir, std::string* error) {
  link_dir_ = link_dir;
  std::error_code ec;
  std::filesystem::create_directories(link_dir, ec);
  if (ec) {
    *error = "cannot create " + link_dir + ": " + ec.message();
    return false;
  }
  for (size_t i = 0; i < modems_.size(); ++i) {
    auto port = std::make_unique<Port>(io_);
    const int master = OpenRawPty(&port->pty_path, error);
    if (master < 0) return false;
    port->pty.emplace(io_, master);
    port->where = port->pty_path;
    port->link = (std::filesystem::path(link_dir) / modems_.name(i)).string();
    ports_.push_back(std::move(port));
  }
  Relink();
  for (size_t i = 0; i < ports_.size(); ++i) WatchPty(i);
  return true;
}

void ModemPorts::Relink() {
  if (link_dir_.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(link_dir_, ec);
  for (const auto& port : ports_) {
    // Only a link is replaced: a file of someone else's at that name is left alone.
    struct stat st {};
    if (lstat(port->link.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) unlink(port->link.c_str());
    if (symlink(port->pty_path.c_str(), port->link.c_str()) != 0) port->link.clear();
  }
}

// A line without a client looks for one now and then; once one has opened the terminal, its
// bytes are read until it goes (the master's read then fails with EIO).
void ModemPorts::WatchPty(size_t i) {
  Port& p = *ports_[i];
  if (!HungUp(p.pty->native_handle())) {
    p.connected = true;  // what it wrote before it was seen is read now, not lost
    ReadPty(i);
    return;
  }
  p.watch.expires_after(kClientPoll);
  p.watch.async_wait([this, i](const asio::error_code& ec) {
    if (!ec && i < ports_.size() && ports_[i]->pty) WatchPty(i);
  });
}

void ModemPorts::ReadPty(size_t i) {
  Port& p = *ports_[i];
  p.pty->async_read_some(asio::buffer(p.in), [this, i](const asio::error_code& ec, size_t n) {
    if (i >= ports_.size() || !ports_[i]->pty) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      Disconnected(i);
      WatchPty(i);
      return;
    }
    Received(i, n);
    ReadPty(i);
  });
}

bool ModemPorts::OpenTcp(const std::string& host, uint16_t base, std::string* error) {
  for (size_t i = 0; i < modems_.size(); ++i) {
    auto port = std::make_unique<Port>(io_);
    const uint32_t number = base + i;
    asio::error_code ec;
    const asio::ip::address address = asio::ip::make_address(host, ec);
    if (number > 65535 || ec) {
      *error = number > 65535 ? "--modem-port leaves no room for " +
                                    std::to_string(modems_.size()) + " modems below port 65536"
                              : "cannot listen on " + host + ": " + ec.message();
      return false;
    }
    const asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(number));
    port->acceptor.emplace(io_);
    port->acceptor->open(endpoint.protocol(), ec);
    if (!ec) port->acceptor->set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec) port->acceptor->bind(endpoint, ec);
    if (!ec) port->acceptor->listen(1, ec);
    if (ec) {
      *error = "cannot listen on " + host + ":" + std::to_string(number) + " for modem " +
               modems_.name(i) + ": " + ec.message();
      return false;
    }
    port->where = host + ":" + std::to_string(number);
    ports_.push_back(std::move(port));
    Accept(i);
  }
  return true;
}

// One client at a time, as on a serial port. A client that comes while another is on waits a
// moment: a firmware reconnecting at once may arrive before its old connection's end has been
// read, and takes the line as soon as it has; a second client beside a live one is closed.
void ModemPorts::Accept(size_t i) {
  ports_[i]->acceptor->async_accept(
      [this, i](const asio::error_code& ec, asio::ip::tcp::socket socket) {
        if (i >= ports_.size() || !ports_[i]->acceptor) return;
        if (ec == asio::error::operation_aborted) return;
        Port& p = *ports_[i];
        if (!ec && !p.connected) {
          Adopt(i, std::move(socket));
        } else if (!ec) {
          p.waiting.emplace(std::move(socket));  // replaces (closes) any earlier one waiting
          p.watch.expires_after(kReconnectGrace);
          p.watch.async_wait([this, i](const asio::error_code& e) {
            if (e || i >= ports_.size() || !ports_[i]->waiting) return;
            asio::error_code ignored;
            ports_[i]->waiting->close(ignored);  // the line is still taken
            ports_[i]->waiting.reset();
          });
        }
        Accept(i);
      });
}

void ModemPorts::Adopt(size_t i, asio::ip::tcp::socket socket) {
  Port& p = *ports_[i];
  p.socket.emplace(std::move(socket));
  p.connected = true;
  ReadTcp(i);
}

void ModemPorts::ReadTcp(size_t i) {
  Port& p = *ports_[i];
  p.socket->async_read_some(asio::buffer(p.in), [this, i](const asio::error_code& ec, size_t n) {
    if (i >= ports_.size() || !ports_[i]->socket) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      asio::error_code ignored;
      ports_[i]->socket->close(ignored);
      ports_[i]->socket.reset();
      Disconnected(i);
      return;
    }
    Received(i, n);
    ReadTcp(i);
  });
}

void ModemPorts::Received(size_t i, size_t n) {
  modems_.Feed(i, std::string_view(ports_[i]->in.data(), n));
  Flush(i);
  if (after_input_) after_input_();
}

void ModemPorts::Disconnected(size_t i) {
  Port& p = *ports_[i];
  p.connected = false;
  p.pending.clear();
  modems_.LineDropped(i);
  modems_.TakeOutput(i);  // for nobody
  if (p.waiting) {  // a client that reconnected before this end was read
    p.watch.cancel();
    asio::ip::tcp::socket next = std::move(*p.waiting);
    p.waiting.reset();
    Adopt(i, std::move(next));
  }
}

void ModemPorts::Flush(size_t i) {
  if (i >= ports_.size()) return;
  Port& p = *ports_[i];
  std::string out = modems_.TakeOutput(i);
  if (!p.connected || out.empty()) return;
  const size_t room = kMaxPending - std::min(kMaxPending, p.pending.size());
  if (out.size() > room) {
    p.dropped += out.size() - room;
    out.resize(room);
  }
  p.pending += out;
  if (!p.writing) Write(i);
}

void ModemPorts::Write(size_t i) {
  Port& p = *ports_[i];
  if (p.pending.empty() || !p.connected) {
    p.writing = false;
    return;
  }
  p.writing = true;
  auto done = [this, i](const asio::error_code& ec, size_t n) {
    if (i >= ports_.size()) return;
    Port& q = *ports_[i];
    q.writing = false;
    if (ec) return;  // the read side notices the client has gone
    q.pending.erase(0, n);
    Write(i);
  };
  if (p.pty) {
    asio::async_write(*p.pty, asio::buffer(p.pending), done);
  } else if (p.socket) {
    asio::async_write(*p.socket, asio::buffer(p.pending), done);
  }
}

void ModemPorts::Close() {
  for (const auto& p : ports_) {
    asio::error_code ignored;
    p->watch.cancel();
    if (p->pty) p->pty->close(ignored);
    if (p->socket) p->socket->close(ignored);
    if (p->waiting) p->waiting->close(ignored);
    if (p->acceptor) p->acceptor->close(ignored);
    p->connected = false;
    struct stat st {};
    if (!p->link.empty() && lstat(p->link.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      unlink(p->link.c_str());
    }
  }
  if (!link_dir_.empty()) rmdir(link_dir_.c_str());  // only if nothing else is in it
}

std::string ModemPorts::Where(size_t i) const { return ports_[i]->where; }
std::string ModemPorts::Link(size_t i) const { return ports_[i]->link; }
bool ModemPorts::connected(size_t i) const { return ports_[i]->connected; }
uint64_t ModemPorts::dropped_bytes(size_t i) const { return ports_[i]->dropped; }

}  // namespace carriersim
