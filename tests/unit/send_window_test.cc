// SendWindow: the answer to "when do a device's drawn sends reach a threshold" is the one a
// send-by-send walk gives, and asking again as the session goes on costs only the new sends.
#include "devices/send_window.h"

#include <catch2/catch.hpp>

#include "simulator/base/rng.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// Sizes like a device's: drawn per send index from a counter-based stream.
int64_t Size(int64_t k) {
  RandomStream rng{Mix64(7 ^ Mix64(static_cast<uint64_t>(k)))};
  return UniformInt(rng, 10, 20);
}

// The walk the window replaces: the first send j >= first before stop that takes the sends
// [first, j] to `need`, or -1.
int64_t Walk(int64_t first, int64_t need, int64_t stop) {
  int64_t counted = 0;
  for (int64_t j = first; j < stop; ++j) {
    if ((counted += Size(j)) >= need) return j;
  }
  return -1;
}

TEST_CASE("a send window answers as a send-by-send walk does", "[unit][traffic]") {
  RandomStream rng{99};
  SendWindow window;
  int64_t first = 0;
  for (int question = 0; question < 3000; ++question) {
    first += UniformInt(rng, 0, 40);
    const int64_t need = UniformInt(rng, 1, 200'000);
    const int64_t stop = first + UniformInt(rng, 0, 20'000);
    const SendWindow::Answer a = window.Find(first, need, stop, Size);
    const int64_t walked = Walk(first, need, stop);
    INFO("question " << question << ": first " << first << ", need " << need << ", stop " << stop);
    switch (a.kind) {
      case SendWindow::Answer::Kind::kCrossing:
        CHECK(a.index == walked);
        break;
      case SendWindow::Answer::Kind::kNever:
        CHECK(walked == -1);
        break;
      case SendWindow::Answer::Kind::kAskAgain:
        // Not within its lookahead: the crossing, if any, is at or after where it asks again.
        CHECK(a.index == first + SendWindow::kLookahead);
        CHECK((walked == -1 || walked >= a.index));
        break;
    }
  }
}

TEST_CASE("asking again as the session goes on costs only the new sends", "[unit][traffic]") {
  int64_t calls = 0;  // sizes the window drew
  const auto size = [&calls](int64_t k) {
    ++calls;
    return Size(k);
  };
  SendWindow window;
  const int64_t stop = 1'000'000;
  const int64_t far = 1'000'000'000;  // a threshold no send reaches within the lookahead
  REQUIRE(window.Find(0, far, stop, size).kind == SendWindow::Answer::Kind::kAskAgain);
  CHECK(calls == SendWindow::kLookahead);
  // The same question again: nothing to sum.
  calls = 0;
  window.Find(0, far, stop, size);
  CHECK(calls == 0);
  // 30 sends later (a duty-cycled device's next session): the 30 leave, 30 join.
  calls = 0;
  window.Find(30, far, stop, size);
  CHECK(calls == 60);

  // A count that is reached: found once, then remembered while the count goes on.
  SendWindow near;
  const int64_t need = 5'000;  // some 330 sends of 10..20 bytes
  calls = 0;
  const SendWindow::Answer first = near.Find(0, need, stop, size);
  REQUIRE(first.kind == SendWindow::Answer::Kind::kCrossing);
  const int64_t found = calls;
  CHECK(found < 2 * first.index + 4);
  // 100 sends later the count has grown by exactly those sends: the same crossing, for only the
  // sends that left the window.
  int64_t sent = 0;
  for (int64_t k = 0; k < 100; ++k) sent += Size(k);
  calls = 0;
  const SendWindow::Answer again = near.Find(100, need - sent, stop, size);
  CHECK(again.kind == SendWindow::Answer::Kind::kCrossing);
  CHECK(again.index == first.index);
  CHECK(calls == 100);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
