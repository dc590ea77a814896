#include "simulator/cli/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "simulator/base/calendar.h"

namespace carriersim {

bool ProgressWanted() {
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && (ci == nullptr || *ci == '\0');
}

ProgressLine::ProgressLine(UnixMillis start, SimTime duration, std::FILE* out)
    : start_(start), duration_(duration), out_(out) {}

void ProgressLine::Update(SimTime now, uint64_t events) {
  const Clock::time_point t = Clock::now();
  if (t - last_ < std::chrono::milliseconds(200)) return;
  last_ = t;
  const double elapsed = std::chrono::duration<double>(t - began_).count();
  const double done = duration_ > 0 ? static_cast<double>(now) / static_cast<double>(duration_) : 1;
  const double left = done > 0 ? elapsed * (1 - done) / done : 0;
  std::fprintf(out_, "\r  %s  %3.0f%%  %.2fM events/s  ETA %.0fs\033[K",
               FormatTimestamp(start_ + now).c_str(), done * 100,
               elapsed > 0 ? static_cast<double>(events) / elapsed / 1e6 : 0.0, left);
  std::fflush(out_);
  shown_ = true;
}

void ProgressLine::Finish() {
  if (!shown_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
}

}  // namespace carriersim
