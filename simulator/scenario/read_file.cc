// Reading scenario and profile files: regular files only, with the reason when one cannot be.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "simulator/scenario/scenario_loader.h"

namespace carriersim {

namespace {

// Why open() or read() failed, in the words of the other messages.
std::string ErrnoText(int error) {
  switch (error) {
    case ENOENT:
      return "no such file";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EISDIR:
      return "is a directory";
    case ENOTDIR:
      return "a part of the path is not a directory";
    case ELOOP:
      return "too many symbolic links";
    case ENAMETOOLONG:
      return "file name too long";
    default:
      return std::strerror(error);
  }
}

// What a file that is not a regular file is, for "not a regular file (a named pipe)".
std::string FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a file";
}

// Closes the file on every path out of ReadFile.
struct FileCloser {
  int fd;
  ~FileCloser() { close(fd); }
};

}  // namespace

bool ReadFile(const std::string& path, std::string* text, std::string* error) {
  // Scenarios and profiles are small: the examples are under 7 KB, the built-in profiles under
  // 10 KB, and a campaign listing 10,000 SIMs one by one is about 0.5 MB. yaml-cpp holds about
  // 70 bytes of tree per byte of YAML and parses about a megabyte a second, so 4 MiB keeps
  // validation to a few seconds and a few hundred MB (at 64 MiB it took minutes and 15 GB). A
  // fleet of any size fits: groups have counts, and actions address counts and fractions.
  constexpr size_t kMaxFileBytes = 4 << 20;
  // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer; it is
  // then refused by its type, as a device is (/dev/zero never ends, a terminal waits).
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *error = ErrnoText(errno);
    return false;
  }
  const FileCloser closer{fd};
  struct stat info;
  if (fstat(fd, &info) != 0) {
    *error = ErrnoText(errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = "is a directory";
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    *error = "not a regular file (" + FileKind(info.st_mode) + ")";
    return false;
  }
  const std::string too_large =
      "larger than 4 MiB, which no scenario or profile needs: write a large fleet as groups "
      "with a count, and a campaign as actions on a group with count, fraction or spread, "
      "rather than one entry per SIM";
  if (static_cast<uint64_t>(info.st_size) > kMaxFileBytes) {
    *error = too_large;
    return false;
  }
  text->clear();
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = "read error: " + ErrnoText(errno);
      return false;
    }
    if (n == 0) return true;
    text->append(buffer, static_cast<size_t>(n));
    if (text->size() > kMaxFileBytes) {  // it grew since fstat
      *error = too_large;
      return false;
    }
  }
}

}  // namespace carriersim
