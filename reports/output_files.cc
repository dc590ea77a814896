#include "reports/output_files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace carriersim {
namespace fs = std::filesystem;

bool PrepareOutputDir(const std::string& dir, std::string* error) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    *error = "output folder '" + dir + "' exists and is not a folder";
    return false;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create output folder '" + dir + "': " + ec.message();
    return false;
  }
  const std::string probe =
      (fs::path(dir) / (".carriersim-probe-" + std::to_string(getpid()))).string();
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (f == nullptr) {
    *error = "cannot write to output folder '" + dir + "': " + std::strerror(errno);
    return false;
  }
  std::fclose(f);
  std::remove(probe.c_str());
  return true;
}

void RemoveReports(const std::string& dir, const std::vector<std::string>& names) {
  std::error_code ec;
  for (const std::string& name : names) fs::remove(fs::path(dir) / name, ec);
}

bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error) {
  const std::string temp = path + ".tmp-" + std::to_string(getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    *error = "cannot write '" + temp + "': " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool flushed = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  if (!written || !flushed || !closed) {
    *error = "cannot write '" + temp + "': " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot rename '" + temp + "' to '" + path + "': " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace carriersim
