#include "simulator/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "simulator/base/calendar.h"

namespace carriersim {

bool ProgressWanted() {
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && (ci == nullptr || *ci == '\0');
}

std::optional<double> EstimatedSecondsLeft(double elapsed_s, double done) {
  constexpr double kMinElapsedS = 1.0;
  constexpr double kMinDone = 0.02;
  if (elapsed_s < kMinElapsedS || done < kMinDone) return std::nullopt;
  return elapsed_s * (1 - std::min(done, 1.0)) / done;
}

std::string ProgressText(UnixMillis start, SimTime duration, SimTime now, uint64_t events,
                         double elapsed_s) {
  const double done =
      duration > 0 ? static_cast<double>(now) / static_cast<double>(duration) : 1.0;
  char text[160];
  std::snprintf(text, sizeof text, "  %s  %3.0f%%  %.2fM events/s",
                FormatTimestamp(start + now).c_str(), done * 100,
                elapsed_s > 0 ? static_cast<double>(events) / elapsed_s / 1e6 : 0.0);
  std::string line = text;
  if (const std::optional<double> left = EstimatedSecondsLeft(elapsed_s, done)) {
    std::snprintf(text, sizeof text, "  ETA %.0fs", *left);
    line += text;
  }
  return line;
}

ProgressLine::ProgressLine(UnixMillis start, SimTime duration, std::FILE* out)
    : start_(start), duration_(duration), out_(out) {}

void ProgressLine::Update(SimTime now, uint64_t events) {
  const Clock::time_point t = Clock::now();
  if (t - last_ < std::chrono::milliseconds(200)) return;
  last_ = t;
  const double elapsed = std::chrono::duration<double>(t - began_).count();
  std::fprintf(out_, "\r%s\033[K",
               ProgressText(start_, duration_, now, events, elapsed).c_str());
  std::fflush(out_);
  shown_ = true;
}

void ProgressLine::Finish() {
  if (!shown_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  shown_ = false;
}

}  // namespace carriersim
