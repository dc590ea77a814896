// K ranks in one process: each on a thread of its own, talking through in-memory mailboxes with
// the RankLinks an MPI job gives (rank_links.h). Every build has it, without MPI, so that the
// code that runs over ranks is tested in every build, at any K, by Catch2 like the rest.
//
// A rank's failure must not leave the others waiting forever for a message it will never send
// (where a real MPI job would be aborted): once a rank's body throws, every wait of the others
// (receive, all_gather, barrier), and every send, throws RankStopped, so that each body unwinds
// and RunLoopbackRanks can rethrow the first failure. Likewise a rank that waits for a message
// from one that has returned without sending it throws instead of waiting.
#ifndef CARRIERSIM_BASE_LOOPBACK_RANKS_H_
#define CARRIERSIM_BASE_LOOPBACK_RANKS_H_

#include <functional>
#include <stdexcept>

#include "simulator/base/rank_links.h"

namespace carriersim {

// What the other ranks throw once one has failed: "rank 2 stopped: <what it threw>".
class RankStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs `body` on `ranks` threads (ranks >= 1, or std::invalid_argument), each with the links of
// one rank (valid while `body` runs), and returns once every one has returned. If any threw,
// rethrows the first exception thrown (the cause, not the RankStopped of the ranks it stopped). A
// send or receive naming this rank or one outside 0 .. ranks - 1 throws std::invalid_argument.
void RunLoopbackRanks(int ranks, const std::function<void(const RankLinks&)>& body);

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_LOOPBACK_RANKS_H_
