// When will a device's sends, whose sizes are drawn per send, take a data count to a threshold?
// The network asks again each time it re-arms a SIM's subscription timer: at every session open,
// status change, usage limit and month end. Summing the sends from the session start to the
// crossing each time made one device on a duty cycle cost 75 us an event (a year of 10-minute
// sends summed over and over). A SendWindow keeps the sum of the sends it has looked at:
//  - sends behind the start of the question leave the window (each once);
//  - the window grows only as far as the answer needs, and never more than kLookahead sends
//    ahead: past that it answers "ask again at that send" (one extra event per kLookahead sends
//    of a session that outlasts it);
//  - the crossing of a count is remembered, so asking again about the same count (whose bytes
//    so far are exactly the sends that left the window) costs nothing.
// So asking again about a count costs O(1) amortised over the sends it covers, and any question
// at most O(kLookahead) size draws (a count asked about for the first time pays the walk to its
// crossing; two counts are remembered, the data trigger and the usage limit a SIM can have).
#ifndef CARRIERSIM_DEVICES_SEND_WINDOW_H_
#define CARRIERSIM_DEVICES_SEND_WINDOW_H_

#include <array>
#include <climits>
#include <cstdint>

namespace carriersim {

class SendWindow {
 public:
  static constexpr int64_t kLookahead = 4096;

  struct Answer {
    enum class Kind : uint8_t {
      kCrossing,  // send `index` takes the count to the threshold
      kNever,     // no send before `stop` does
      kAskAgain,  // not within kLookahead sends: ask again at send `index`
    };
    Kind kind;
    int64_t index;
  };

  // The first send j >= `first` such that sends [first, j] carry at least `need` (> 0) bytes,
  // among the sends before `stop`. `size(k)` is the size of send k; it must be the same
  // function at every call. REQUIRES: `first` never decreases from one call to the next.
  template <typename SizeFn>
  Answer Find(int64_t first, int64_t need, int64_t stop, SizeFn size);

 private:
  int64_t first_ = 0;  // sends [first_, end_) are summed in sum_
  int64_t end_ = 0;
  int64_t sum_ = 0;
  int64_t behind_ = 0;  // bytes of the sends that left the window since it last started over
  // Crossings found: the send at which the bytes since the window started over reach `target`.
  struct Found {
    int64_t target = -1;
    int64_t index = -1;
  };
  std::array<Found, 2> found_;  // two counts are asked about: a data trigger, a usage limit
  uint8_t next_found_ = 0;
};

template <typename SizeFn>
SendWindow::Answer SendWindow::Find(int64_t first, int64_t need, int64_t stop, SizeFn size) {
  if (first < first_ || first > end_) {  // a new session far from the last: start over
    *this = SendWindow{};
    first_ = end_ = first;
  }
  for (; first_ < first; ++first_) {
    const int64_t bytes = size(first_);
    sum_ -= bytes;
    behind_ += bytes;
  }
  // The count reaches the threshold at the first send j with behind_ + sum of [first, j] >=
  // target, the same for every question about the same count while the window lasts. (A need
  // so large that the target would overflow is never met by sends that fit in 64 bits.)
  const bool remembered = need <= INT64_MAX - behind_;
  const int64_t target = remembered ? behind_ + need : -1;
  for (const Found& f : found_) {
    if (remembered && f.target == target && f.index >= first) {
      return f.index < stop ? Answer{Answer::Kind::kCrossing, f.index}
                            : Answer{Answer::Kind::kNever, stop};
    }
  }
  const int64_t limit = stop < first + kLookahead ? stop : first + kLookahead;
  for (; end_ < limit && sum_ < need; ++end_) sum_ += size(end_);
  if (sum_ < need) {
    return end_ >= stop ? Answer{Answer::Kind::kNever, stop}
                        : Answer{Answer::Kind::kAskAgain, end_};
  }
  int64_t j = first;
  for (int64_t counted = size(j); counted < need; counted += size(j)) ++j;
  if (remembered) {
    found_[next_found_] = Found{target, j};
    next_found_ ^= 1;
  }
  return j < stop ? Answer{Answer::Kind::kCrossing, j} : Answer{Answer::Kind::kNever, stop};
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_SEND_WINDOW_H_
