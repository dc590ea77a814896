// K ranks on threads of this process (simulator/base/loopback_ranks.h): messages arrive, in the
// order sent between each pair; all_gather hands every rank everyone's part in rank order;
// nobody passes a barrier early; and a rank that fails, or returns without sending what another
// waits for, makes the others stop with an error instead of waiting forever.
//
// Catch2's assertions are not thread-safe: each rank writes what it saw to a slot of its own,
// which the test checks once RunLoopbackRanks has joined the ranks.
#include "simulator/base/loopback_ranks.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "simulator/base/wire.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

std::string Number(uint64_t n) {
  WireWriter w;
  w.Put(n);
  return w.Take();
}

uint64_t NumberFrom(const std::string& message, int from) {
  WireReader r(message, "a message from rank " + std::to_string(from));
  const uint64_t n = r.GetU64();
  r.ExpectEnd();
  return n;
}

TEST_CASE("Loopback ranks play ping-pong", "[ranks]") {
  for (const int ranks : {2, 4}) {
    INFO(ranks << " ranks");
    // Rank 0 sends n to each other rank, which answers n + its rank.
    std::vector<std::vector<uint64_t>> answers(static_cast<size_t>(ranks));
    RunLoopbackRanks(ranks, [&](const RankLinks& links) {
      for (uint64_t n = 0; n < 50; ++n) {
        if (links.rank == 0) {
          for (int r = 1; r < ranks; ++r) links.send(r, Number(n));
          for (int r = 1; r < ranks; ++r) answers[0].push_back(NumberFrom(links.receive(r), r));
        } else {
          const uint64_t got = NumberFrom(links.receive(0), 0);
          links.send(0, Number(got + static_cast<uint64_t>(links.rank)));
        }
      }
    });
    std::vector<uint64_t> expected;
    for (uint64_t n = 0; n < 50; ++n) {
      for (int r = 1; r < ranks; ++r) expected.push_back(n + static_cast<uint64_t>(r));
    }
    CHECK(answers[0] == expected);
  }
}

TEST_CASE("Loopback messages between a pair of ranks arrive in the order sent", "[ranks]") {
  constexpr int kRanks = 4;
  constexpr uint64_t kMessages = 300;
  // received[to][from]: the numbers `to` received from `from`.
  std::vector<std::vector<std::vector<uint64_t>>> received(
      kRanks, std::vector<std::vector<uint64_t>>(kRanks));
  RunLoopbackRanks(kRanks, [&](const RankLinks& links) {
    // Each sender interleaves its peers, and each receiver takes its peers in another order
    // (the next rank first), so that the pairs' messages are mixed in time.
    for (uint64_t n = 0; n < kMessages; ++n) {
      for (int to = 0; to < kRanks; ++to) {
        if (to != links.rank) links.send(to, Number(n * 1000 + static_cast<uint64_t>(to)));
      }
    }
    for (int step = 1; step < kRanks; ++step) {
      const int from = (links.rank + step) % kRanks;
      for (uint64_t n = 0; n < kMessages; ++n) {
        received[links.rank][from].push_back(NumberFrom(links.receive(from), from));
      }
    }
  });
  for (int to = 0; to < kRanks; ++to) {
    for (int from = 0; from < kRanks; ++from) {
      std::vector<uint64_t> expected;
      if (from != to) {
        for (uint64_t n = 0; n < kMessages; ++n) expected.push_back(n * 1000 + to);
      }
      INFO("from rank " << from << " to rank " << to);
      CHECK(received[to][from] == expected);
    }
  }
}

TEST_CASE("Loopback all_gather hands every rank all parts in rank order", "[ranks]") {
  constexpr int kRanks = 4;
  std::vector<std::vector<std::vector<std::string>>> gathered(kRanks);
  std::vector<std::string> sent_aside(kRanks);
  RunLoopbackRanks(kRanks, [&](const RankLinks& links) {
    // A message sent before a collective is for receive, not for the collective.
    if (links.rank == 0) links.send(1, "aside");
    for (int round = 0; round < 3; ++round) {
      const std::string mine = "rank " + std::to_string(links.rank) + " round " +
                               std::to_string(round) + std::string(links.rank * 10, '.');
      gathered[links.rank].push_back(links.all_gather(mine));
    }
    if (links.rank == 1) sent_aside[1] = links.receive(0);
  });
  for (int rank = 0; rank < kRanks; ++rank) {
    REQUIRE(gathered[rank].size() == 3);
    for (int round = 0; round < 3; ++round) {
      std::vector<std::string> expected;
      for (int r = 0; r < kRanks; ++r) {
        expected.push_back("rank " + std::to_string(r) + " round " + std::to_string(round) +
                           std::string(r * 10, '.'));
      }
      CHECK(gathered[rank][round] == expected);
    }
  }
  CHECK(sent_aside[1] == "aside");
}

TEST_CASE("No loopback rank passes a barrier before every rank reaches it", "[ranks]") {
  constexpr int kRanks = 4;
  std::atomic<int> arrived{0};
  std::vector<std::vector<int>> seen(kRanks);
  RunLoopbackRanks(kRanks, [&](const RankLinks& links) {
    for (int round = 1; round <= 3; ++round) {
      // The later ranks arrive later, so that a barrier that let anyone through early shows.
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * links.rank));
      ++arrived;
      links.barrier();
      seen[links.rank].push_back(arrived.load());
      links.barrier();  // nobody arrives for the next round before all have looked
    }
  });
  for (int rank = 0; rank < kRanks; ++rank) {
    CHECK(seen[rank] == std::vector<int>{kRanks, 2 * kRanks, 3 * kRanks});
  }
}

TEST_CASE("One loopback rank needs no others", "[ranks]") {
  std::vector<std::string> gathered;
  RunLoopbackRanks(1, [&](const RankLinks& links) {
    links.barrier();
    gathered = links.all_gather("alone");
  });
  CHECK(gathered == std::vector<std::string>{"alone"});
  CHECK_THROWS_AS(RunLoopbackRanks(0, [](const RankLinks&) {}), std::invalid_argument);
}

TEST_CASE("A loopback rank that throws stops the others and is rethrown", "[ranks]") {
  constexpr int kRanks = 4;
  std::vector<std::string> stopped(kRanks);
  const auto body = [&](const RankLinks& links) {
    try {
      switch (links.rank) {
        case 1:
          std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the others wait
          throw std::runtime_error("boom");
        case 0:
          links.receive(1);  // never sent
          break;
        case 2:
          links.barrier();  // rank 1 never joins
          break;
        default:
          links.all_gather("mine");
          break;
      }
    } catch (const RankStopped& e) {
      stopped[links.rank] = e.what();
      throw;
    }
  };
  CHECK_THROWS_WITH(RunLoopbackRanks(kRanks, body), "boom");
  CHECK(stopped[0] == "rank 1 stopped: boom");
  CHECK(stopped[1].empty());
  CHECK(stopped[2] == "rank 1 stopped: boom");
  CHECK(stopped[3] == "rank 1 stopped: boom");
}

TEST_CASE("Loopback sends stop too once a rank has failed", "[ranks]") {
  std::string stopped;
  const auto body = [&](const RankLinks& links) {
    if (links.rank == 0) throw 7;  // not a std::exception: comes back as it was thrown
    try {
      for (;;) links.send(0, "again");  // ends only when a send throws
    } catch (const RankStopped& e) {
      stopped = e.what();
    }
  };
  CHECK_THROWS_AS(RunLoopbackRanks(2, body), int);
  CHECK(stopped == "rank 0 stopped: an exception that is not a std::exception");
}

TEST_CASE("A loopback rank waiting for one that returned fails instead of waiting", "[ranks]") {
  std::string last;
  const auto body = [&](const RankLinks& links) {
    if (links.rank == 0) {
      links.send(1, "last");  // sent before it returned: still delivered
      return;
    }
    last = links.receive(0);
    links.receive(0);
  };
  CHECK_THROWS_WITH(RunLoopbackRanks(2, body),
                    "rank 1 waits for a message from rank 0, which returned without sending it");
  CHECK(last == "last");
  CHECK_THROWS_WITH(RunLoopbackRanks(3,
                                     [](const RankLinks& links) {
                                       if (links.rank != 2) links.barrier();
                                     }),
                    Catch::Matchers::Contains("returned without joining"));
}

TEST_CASE("Loopback links refuse this rank and ranks that do not exist", "[ranks]") {
  const auto refused = [](const std::function<void(const RankLinks&)>& misuse) {
    RunLoopbackRanks(2, [&](const RankLinks& links) {
      if (links.rank == 0) misuse(links);
    });
  };
  CHECK_THROWS_WITH(refused([](const RankLinks& l) { l.send(0, "me"); }),
                    "rank 0 sends to rank 0, which is not one of the other ranks (0..1)");
  CHECK_THROWS_WITH(refused([](const RankLinks& l) { l.send(2, "x"); }),
                    "rank 0 sends to rank 2, which is not one of the other ranks (0..1)");
  CHECK_THROWS_AS(refused([](const RankLinks& l) { l.receive(-1); }), std::invalid_argument);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
