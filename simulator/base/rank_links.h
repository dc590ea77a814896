// The processes a command runs on: this one alone, or the ranks of a job (an MPI job, or threads
// that stand in for ranks in tests, loopback_ranks.h), and the ways they talk to each other. All
// of it is plain std::function, filled in by whoever started the ranks (the carriersim-mpi
// binary, simulator/mpi/), so that nothing outside simulator/mpi/ includes <mpi.h> and every
// build compiles and tests the code that uses them. What goes over them is bytes: wire.h
// encodes them.
//
// The functions are unset with one process (a plain `carriersim`): code that may run alone
// checks `ranks > 1`, or the function itself, before calling one.
#ifndef CARRIERSIM_BASE_RANK_LINKS_H_
#define CARRIERSIM_BASE_RANK_LINKS_H_

#include <functional>
#include <string>
#include <vector>

namespace carriersim {

struct RankLinks {
  int rank = 0;   // this process's, 0 .. ranks - 1
  int ranks = 1;  // how many processes run the command
  // Every process's `mine`, in rank order, handed to every process (a collective: every rank
  // calls it, the same number of times).
  std::function<std::vector<std::string>(const std::string& mine)> all_gather;
  // `bytes` to rank `to` (not this one). It may return before `to` receives them, or wait until
  // it does (MPI_Send does for large messages): two ranks that each send to the other before
  // receiving may wait for each other forever, so code must not count on either.
  std::function<void(int to, const std::string& bytes)> send;
  // The next message from rank `from` (not this one), waiting for it: messages between one
  // pair of ranks arrive in the order they were sent. Apart from the collectives' messages: a
  // send is never received by all_gather, nor the other way round.
  std::function<std::string(int from)> receive;
  // Returns once every rank has called it (a collective).
  std::function<void()> barrier;
  // Ends every rank at once, after saying `why` on this rank's error output: for a failure that
  // leaves others waiting for this rank (MPI_Abort; loopback ranks throw RankStopped in the
  // others). Does not return.
  std::function<void(const std::string& why)> abort;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_RANK_LINKS_H_
