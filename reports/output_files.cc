#include "reports/output_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace carriersim {

ReportFile::~ReportFile() {
  if (file_ != nullptr) std::fclose(file_);  // the staging folder is removed with it
}

bool ReportFile::Open(const StagingFolder& folder, const std::string& name, uint64_t* bytes_left,
                      std::string* error) {
  path_ = folder.path() + "/" + name;
  bytes_left_ = bytes_left;
  write_errno_ = 0;
  const int fd = openat(folder.fd(), name.c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  file_ = fd < 0 ? nullptr : fdopen(fd, "wb");
  if (file_ == nullptr) {
    *error = "cannot write '" + path_ + "': " + std::strerror(errno);
    if (fd >= 0) close(fd);
    return false;
  }
  return true;
}

bool ReportFile::Write(std::string_view text) {
  if (file_ == nullptr || write_errno_ != 0) return false;
  size_t allowed = text.size();
  if (*bytes_left_ < allowed) {
    allowed = static_cast<size_t>(*bytes_left_);
    write_errno_ = ENOSPC;  // the disk "fills up" after what fits
  }
  *bytes_left_ -= allowed;
  if (std::fwrite(text.data(), 1, allowed, file_) != allowed && write_errno_ == 0) {
    write_errno_ = errno != 0 ? errno : EIO;
  }
  return write_errno_ == 0;
}

bool ReportFile::Close(std::string* error) {
  if (file_ == nullptr) {
    *error = "cannot write '" + path_ + "': not open";
    return false;
  }
  int failure = write_errno_;
  if (failure == 0 && (std::fflush(file_) != 0 || fsync(fileno(file_)) != 0)) failure = errno;
  if (std::fclose(file_) != 0 && failure == 0) failure = errno;
  file_ = nullptr;
  if (failure != 0) {
    *error = "cannot write '" + path_ + "': " + std::strerror(failure);
    return false;
  }
  return true;
}

bool WriteReportFile(const StagingFolder& folder, const std::string& name,
                     std::string_view content, uint64_t* bytes_left, std::string* error) {
  ReportFile file;
  if (!file.Open(folder, name, bytes_left, error)) return false;
  file.Write(content);
  return file.Close(error);
}

bool WriteCsvReport(const StagingFolder& folder, const std::string& name,
                    const std::function<void(CsvWriter&)>& write, uint64_t* bytes_left,
                    std::string* error) {
  ReportFile file;
  if (!file.Open(folder, name, bytes_left, error)) return false;
  CsvWriter csv([&file](std::string_view chunk) { return file.Write(chunk); });
  write(csv);
  csv.Finish();  // a failed chunk is remembered by the file, and Close reports it
  return file.Close(error);
}

}  // namespace carriersim
