#include "simulator/base/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace carriersim {
namespace {

std::string TempFolder() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && tmp[0] != '\0' ? tmp : "/tmp";
}

std::string Size(uint64_t bytes) {
  if (bytes < (uint64_t{1} << 20)) return std::to_string(bytes) + " B";
  return std::to_string((bytes + (uint64_t{1} << 19)) >> 20) + " MB";
}

}  // namespace

SpillFile::SpillFile(const SpillOptions& options, std::string name, std::string what)
    : options_(options), name_(options.name_prefix + name), what_(std::move(what)) {}

SpillFile::SpillFile(SpillFile&& other) noexcept
    : options_(std::move(other.options_)),
      name_(std::move(other.name_)),
      what_(std::move(other.what_)),
      path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      written_(other.written_) {}

SpillFile& SpillFile::operator=(SpillFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    options_ = std::move(other.options_);
    name_ = std::move(other.name_);
    what_ = std::move(other.what_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    written_ = other.written_;
  }
  return *this;
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) close(fd_);
}

// The name is only needed to create the file: it is unlinked at once (spill_file.h says why).
void SpillFile::Create() {
  if (options_.folder_fd >= 0) {
    path_ = options_.folder + "/" + name_;
    fd_ = openat(options_.folder_fd, name_.c_str(),
                 O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0) Fail("create", errno);
    if (unlinkat(options_.folder_fd, name_.c_str(), 0) != 0) Fail("unlink", errno);
    return;
  }
  std::string pattern = TempFolder() + "/" + name_ + "-XXXXXX";
  std::vector<char> path(pattern.begin(), pattern.end());
  path.push_back('\0');
  fd_ = mkostemp(path.data(), O_CLOEXEC);
  path_ = path.data();
  if (fd_ < 0) {
    path_ = pattern;
    Fail("create", errno);
  }
  if (unlink(path.data()) != 0) Fail("unlink", errno);
}

void SpillFile::Write(uint64_t offset, const void* data, size_t bytes) {
  if (fd_ < 0) Create();
  const char* from = static_cast<const char*>(data);
  while (bytes > 0) {
    if (written_ + bytes > options_.fail_after_bytes) Fail("write to", ENOSPC);
    const ssize_t n = pwrite(fd_, from, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) Fail("write to", n < 0 ? errno : ENOSPC);
    from += n;
    offset += static_cast<uint64_t>(n);
    bytes -= static_cast<size_t>(n);
    written_ += static_cast<uint64_t>(n);
  }
}

void SpillFile::Read(uint64_t offset, void* data, size_t bytes) const {
  if (fd_ < 0) Fail("read", EBADF);  // nothing was ever written: a bug of the caller
  char* to = static_cast<char*>(data);
  while (bytes > 0) {
    const ssize_t n = pread(fd_, to, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail("read", errno);
    if (n == 0) Fail("read", EIO);  // shorter than what was written to it
    to += n;
    offset += static_cast<uint64_t>(n);
    bytes -= static_cast<size_t>(n);
  }
}

void SpillFile::Fail(const std::string& doing, int error) const {
  const std::string where =
      options_.folder_fd >= 0 ? "in the output folder " + options_.folder : "in " + TempFolder();
  throw SpillError("cannot " + doing + " the spill file " + path_ + " of " + what_ +
                   " (the records past the " + Size(options_.memory) + " kept in memory" +
                   (options_.shared_memory > 0
                        ? " (a thread's part of " + Size(options_.shared_memory) + ")"
                        : "") +
                   ", " + where +
                   "; " + Size(written_) + " written so far): " + std::strerror(error));
}

}  // namespace carriersim
