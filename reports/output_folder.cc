#include "reports/output_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

namespace carriersim {
namespace fs = std::filesystem;
namespace {

constexpr const char* kLockSuffix = ".carriersim-lock";

// "out/quickstart/" -> parent "out", name "quickstart". A folder that is no single name in a
// parent (".", "..", "/") cannot be replaced by a rename.
bool SplitOutputDir(const std::string& dir, std::string* parent, std::string* name,
                    std::string* error) {
  fs::path p = fs::path(dir).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  const std::string last = p.filename().string();
  if (last.empty() || last == "." || last == "..") {
    *error = "output folder '" + dir +
             "' cannot be replaced: a run replaces its whole output folder, so give a folder of "
             "its own, such as out/NAME";
    return false;
  }
  *parent = p.has_parent_path() ? p.parent_path().string() : ".";
  *name = last;
  return true;
}

std::string LockName(const std::string& name) { return "." + name + kLockSuffix; }

// Whether open file `fd` is the file at `name` in `parent_fd`.
bool SameFile(int fd, int parent_fd, const std::string& name) {
  struct stat held {}, named {};
  return fstat(fd, &held) == 0 &&
         fstatat(parent_fd, name.c_str(), &named, AT_SYMLINK_NOFOLLOW) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

// Locks output folder `dir` through the file `lock_name` in `parent_fd`: a descriptor holding an
// exclusive flock, or -1 and *error at once if another run holds it. A run removes the file as
// it ends, so a lock taken on a file just removed is no lock: it is taken again on the file now
// at the name. O_NOFOLLOW: a link planted at the name is refused, never opened; O_NONBLOCK: nor
// does a FIFO there hang the run. The file is only read, never written.
int TakeLock(int parent_fd, const std::string& lock_name, const std::string& dir,
             const std::string& lock_path, std::string* error) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = openat(parent_fd, lock_name.c_str(),
                          O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    const int open_errno = errno;
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      *error = "cannot lock output folder '" + dir + "': '" + lock_path + "' " +
               (fd >= 0              ? std::string("is not a regular file; remove it")
                : open_errno == ELOOP ? std::string("is a symbolic link; remove it")
                                      : std::string(std::strerror(open_errno)));
      if (fd >= 0) close(fd);
      return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      close(fd);
      *error = "output folder '" + dir + "' is in use by another carriersim run (it holds '" +
               lock_path + "'); wait for it to finish, or give this run another --out";
      return -1;
    }
    if (SameFile(fd, parent_fd, lock_name)) return fd;
    close(fd);
  }
  *error = "cannot lock output folder '" + dir + "': '" + lock_path + "' keeps changing";
  return -1;
}

// Staging folders are ".NAME.carriersim-PID-XXXXXX" beside the output folder NAME.
std::string StagingPrefix(const std::string& name) { return "." + name + ".carriersim-"; }

// The PID in a staging folder's name, if `entry` is a staging folder of output folder `name`.
std::optional<pid_t> StagingOwner(const std::string& entry, const std::string& name) {
  const std::string prefix = StagingPrefix(name);
  if (entry.rfind(prefix, 0) != 0) return std::nullopt;
  const std::string rest = entry.substr(prefix.size());
  const size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos || dash > 9 || rest.size() != dash + 7) {
    return std::nullopt;
  }
  for (size_t i = 0; i < dash; ++i) {
    if (rest[i] < '0' || rest[i] > '9') return std::nullopt;
  }
  return static_cast<pid_t>(std::stol(rest.substr(0, dash)));
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

// Whether carriersim writes files of this name into an output folder: a report, or a temporary
// of the writer before staging folders (FILE.tmp-PID, .carriersim-probe-PID).
bool IsOurFileName(const std::string& entry) {
  const std::vector<std::string>& reports = ReportFileNames();
  if (std::find(reports.begin(), reports.end(), entry) != reports.end()) return true;
  constexpr std::string_view kProbe = ".carriersim-probe-";
  if (entry.rfind(kProbe, 0) == 0) return AllDigits(std::string_view(entry).substr(kProbe.size()));
  const size_t tmp = entry.rfind(".tmp-");
  return tmp != std::string::npos &&
         std::find(reports.begin(), reports.end(), entry.substr(0, tmp)) != reports.end() &&
         AllDigits(std::string_view(entry).substr(tmp + 5));
}

// Calls `visit(name, stat)` for each entry of the open folder `fd` (links not followed).
template <typename Visit>
bool ForEachEntry(int fd, Visit visit) {
  const int listing = dup(fd);
  DIR* d = listing < 0 ? nullptr : fdopendir(listing);
  if (d == nullptr) {
    if (listing >= 0) close(listing);
    return false;
  }
  rewinddir(d);
  bool go_on = true;
  while (go_on) {
    const dirent* e = readdir(d);
    if (e == nullptr) break;
    const std::string entry = e->d_name;
    if (entry == "." || entry == "..") continue;
    struct stat st {};
    if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    go_on = visit(entry, st);
  }
  closedir(d);
  return true;
}

// Whether `entry` of folder `fd` is the folder of links to a live session's virtual modems
// (`carriersim serve` makes DIR/modems/NAME -> /dev/pts/N): a folder named kModemLinks that
// holds symbolic links only.
constexpr const char* kModemLinks = "modems";
bool IsModemLinks(int fd, const std::string& entry, const struct stat& st) {
  if (entry != kModemLinks || !S_ISDIR(st.st_mode)) return false;
  const int links = openat(fd, entry.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (links < 0) return false;
  bool only_links = true;
  ForEachEntry(links, [&](const std::string&, const struct stat& s) {
    only_links = S_ISLNK(s.st_mode);
    return only_links;
  });
  close(links);
  return only_links;
}

// Removes folder `name` of `parent_fd` if it holds nothing but files of our names (or links at
// them, which are removed, not followed) and the folder of modem links. False, with the folder
// left, otherwise.
bool RemoveOurFolder(int parent_fd, const std::string& name) {
  const int fd = openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  ForEachEntry(fd, [fd](const std::string& entry, const struct stat& st) {
    if (!S_ISDIR(st.st_mode) && IsOurFileName(entry)) unlinkat(fd, entry.c_str(), 0);
    if (IsModemLinks(fd, entry, st)) {
      const int links = openat(fd, entry.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      ForEachEntry(links, [links](const std::string& link, const struct stat&) {
        unlinkat(links, link.c_str(), 0);
        return true;
      });
      close(links);
      unlinkat(fd, entry.c_str(), AT_REMOVEDIR);
    }
    return true;
  });
  close(fd);
  return unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR) == 0;
}

bool ProcessAlive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

// Removes the staging folders that runs into `name` left when they died: those of a PID that no
// longer runs, and those older than the lock the caller holds (a PID alive now may be another
// process, in this PID namespace or another sharing the folder).
void RemoveStaleStaging(int parent_fd, const std::string& name, std::time_t locked_at) {
  std::vector<std::string> stale;
  ForEachEntry(parent_fd, [&](const std::string& entry, const struct stat& st) {
    const std::optional<pid_t> owner = StagingOwner(entry, name);
    if (owner && *owner != getpid() && S_ISDIR(st.st_mode) &&
        (!ProcessAlive(*owner) || st.st_mtime < locked_at)) {
      stale.push_back(entry);
    }
    return true;
  });
  for (const std::string& entry : stale) RemoveOurFolder(parent_fd, entry);
}

// Checks that output folder `name`, if present, is a folder of reports that may be replaced.
bool CheckReplaceable(int parent_fd, const std::string& name, const std::string& dir,
                      std::string* error) {
  struct stat st {};
  if (fstatat(parent_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return true;
    *error = "cannot use output folder '" + dir + "': " + std::strerror(errno);
    return false;
  }
  if (S_ISLNK(st.st_mode)) {
    *error = "output folder '" + dir +
             "' is a symbolic link; a run replaces its output folder rather than write through "
             "a link, so give --out the folder the link points to";
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *error = "output folder '" + dir + "' exists and is not a folder";
    return false;
  }
  const int fd = openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  std::string foreign;
  if (fd < 0 || !ForEachEntry(fd, [&](const std::string& entry, const struct stat& s) {
        if (IsModemLinks(fd, entry, s)) return true;
        if (S_ISDIR(s.st_mode) || !IsOurFileName(entry)) foreign = entry;
        return foreign.empty();
      })) {
    *error = "cannot read output folder '" + dir + "': " + std::strerror(errno);
    if (fd >= 0) close(fd);
    return false;
  }
  close(fd);
  if (!foreign.empty()) {
    *error = "output folder '" + dir + "' holds '" + foreign +
             "', which carriersim did not write; a run replaces its whole output folder, so "
             "give --out an empty folder or one that holds reports only";
    return false;
  }
  return true;
}

// Creates an empty folder "PREFIX<pid>-XXXXXX" in `parent_fd`, mode 0700, with random X's.
bool MakeStagingDir(int parent_fd, const std::string& prefix, std::string* name) {
  constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char random[6];
    if (getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) return false;
    std::string suffix;
    for (const unsigned char r : random) suffix += kLetters[r % (sizeof kLetters - 1)];
    *name = prefix + std::to_string(getpid()) + "-" + suffix;
    if (mkdirat(parent_fd, name->c_str(), 0700) == 0) return true;
    if (errno != EEXIST) return false;
  }
  errno = EEXIST;
  return false;
}

// Moves folder `from` to `to` in `parent_fd`, replacing what was there; *old names the folder
// that was at `to` (now to be removed), if any. One atomic exchange where the file system has
// it; otherwise the old folder is renamed aside (onto a new empty folder, which rename replaces)
// just before the new one takes its place.
bool SwapIntoPlace(int parent_fd, const std::string& from, const std::string& to,
                   const std::string& aside_prefix, std::string* old) {
  old->clear();
  if (renameat2(parent_fd, from.c_str(), parent_fd, to.c_str(), RENAME_EXCHANGE) == 0) {
    *old = from;
    return true;
  }
  if (errno == ENOENT) return renameat(parent_fd, from.c_str(), parent_fd, to.c_str()) == 0;
  if (errno != EINVAL) return false;
  if (!MakeStagingDir(parent_fd, aside_prefix, old)) return false;
  if (renameat(parent_fd, to.c_str(), parent_fd, old->c_str()) != 0) {
    const int failure = errno;
    unlinkat(parent_fd, old->c_str(), AT_REMOVEDIR);
    old->clear();
    errno = failure;
    return false;
  }
  if (renameat(parent_fd, from.c_str(), parent_fd, to.c_str()) != 0) {
    const int failure = errno;
    renameat(parent_fd, old->c_str(), parent_fd, to.c_str());  // put the old folder back
    old->clear();
    errno = failure;
    return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& ReportFileNames() {
  static const std::vector<std::string> names = {
      "summary.json",   "ledger.csv",  "history.csv",  "sessions.csv", "sims.csv",
      "timeseries.csv", "junit.xml",   "report.html",  "events.jsonl",
      // carriersim serve: the session's journal and its outgoing HTTP requests
      "requests.jsonl", "webhooks.csv",
      // carriersim compare
      "compare.csv", "compare.json", "compare.html"};
  return names;
}

std::string OutputLockPath(const std::string& dir) {
  std::string parent, name, error;
  if (!SplitOutputDir(dir, &parent, &name, &error)) return dir + kLockSuffix;
  return (fs::path(parent) / LockName(name)).string();
}

StagingFolder::~StagingFolder() { Discard(); }

void StagingFolder::Discard() {
  if (fd_ < 0) return;
  close(fd_);
  fd_ = -1;
  RemoveOurFolder(parent_fd_, name_);
}

OutputFolder::~OutputFolder() {
  // Removed while still held, so that no run can take it in between (TakeLock checks that the
  // file it locked is still the one at the name).
  if (lock_fd_ >= 0 && SameFile(lock_fd_, parent_fd_, LockName(name_))) {
    unlinkat(parent_fd_, LockName(name_).c_str(), 0);
  }
  if (lock_fd_ >= 0) close(lock_fd_);  // releases the lock
  if (parent_fd_ >= 0) close(parent_fd_);
}

bool OutputFolder::Open(const std::string& dir, std::string* error) {
  dir_ = dir;
  if (!SplitOutputDir(dir, &parent_, &name_, error)) return false;
  std::error_code ec;
  fs::create_directories(parent_, ec);
  parent_fd_ = open(parent_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (parent_fd_ < 0) {
    *error = "cannot create output folder '" + dir + "': " +
             (ec ? ec.message() : std::string(std::strerror(errno)));
    return false;
  }
  lock_fd_ = TakeLock(parent_fd_, LockName(name_), dir, OutputLockPath(dir), error);
  if (lock_fd_ < 0) return false;
  locked_at_ = std::time(nullptr);
  RemoveStaleStaging(parent_fd_, name_, locked_at_);
  return CheckReplaceable(parent_fd_, name_, dir, error);
}

bool OutputFolder::Stage(StagingFolder* staging, std::string* error) {
  staging->Discard();
  std::string name;
  if (!MakeStagingDir(parent_fd_, StagingPrefix(name_), &name)) {
    *error = "cannot write to output folder '" + dir_ + "': cannot create a folder in '" +
             parent_ + "': " + std::strerror(errno);
    return false;
  }
  staging->fd_ = openat(parent_fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st {};
  if (staging->fd_ >= 0 && (fstat(staging->fd_, &st) != 0 || st.st_uid != geteuid())) {
    close(staging->fd_);  // someone swapped another folder in under the name just made
    staging->fd_ = -1;
    errno = EPERM;
  }
  if (staging->fd_ < 0) {
    *error = "cannot open '" + name + "' in '" + parent_ + "': " + std::strerror(errno);
    unlinkat(parent_fd_, name.c_str(), AT_REMOVEDIR);
    return false;
  }
  staging->parent_fd_ = parent_fd_;
  staging->name_ = name;
  staging->path_ = dir_;
  return true;
}

bool OutputFolder::Publish(StagingFolder* staging, std::string* error) {
  // The folder gets the mode a new folder gets (0700 kept others out while it was written).
  const mode_t mask = umask(0);
  umask(mask);
  if (fchmod(staging->fd_, 0777 & ~mask) != 0 || fsync(staging->fd_) != 0) {
    *error = "cannot write '" + parent_ + "/" + staging->name_ + "': " + std::strerror(errno);
    return false;
  }
  if (!CheckReplaceable(parent_fd_, name_, dir_, error)) return false;  // changed since Open?
  std::string old;
  if (!SwapIntoPlace(parent_fd_, staging->name_, name_, StagingPrefix(name_), &old)) {
    *error = "cannot move the reports into output folder '" + dir_ + "': " + std::strerror(errno);
    return false;
  }
  close(staging->fd_);
  staging->fd_ = -1;
  if (!old.empty()) RemoveOurFolder(parent_fd_, old);
  fsync(parent_fd_);
  return true;
}

}  // namespace carriersim
