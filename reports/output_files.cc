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

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
    std::remove(temp_.c_str());
  }
}

bool AtomicFile::Open(const std::string& path, std::string* error) {
  Discard();
  path_ = path;
  temp_ = path + ".tmp-" + std::to_string(getpid());
  write_errno_ = 0;
  file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr) {
    *error = "cannot write '" + temp_ + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

bool AtomicFile::Write(std::string_view text) {
  if (file_ == nullptr || write_errno_ != 0) return false;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    write_errno_ = errno != 0 ? errno : EIO;
    return false;
  }
  return true;
}

bool AtomicFile::Commit(std::string* error) {
  if (file_ == nullptr) {
    *error = "cannot write '" + path_ + "': not open";
    return false;
  }
  int failure = write_errno_;
  if (failure == 0 && (std::fflush(file_) != 0 || fsync(fileno(file_)) != 0)) failure = errno;
  if (std::fclose(file_) != 0 && failure == 0) failure = errno;
  file_ = nullptr;
  if (failure != 0) {
    *error = "cannot write '" + temp_ + "': " + std::strerror(failure);
    std::remove(temp_.c_str());
    return false;
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    *error = "cannot rename '" + temp_ + "' to '" + path_ + "': " + std::strerror(errno);
    std::remove(temp_.c_str());
    return false;
  }
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  AtomicFile file;
  if (!file.Open(path, error)) return false;
  file.Write(content);
  return file.Commit(error);
}

bool WriteCsvReport(const std::filesystem::path& path, const std::function<void(CsvWriter&)>& write,
                    std::string* error) {
  AtomicFile file;
  if (!file.Open(path.string(), error)) return false;
  CsvWriter csv([&file](std::string_view chunk) { return file.Write(chunk); });
  write(csv);
  csv.Finish();  // a failed chunk is remembered by the file, and Commit reports it
  return file.Commit(error);
}

}  // namespace carriersim
