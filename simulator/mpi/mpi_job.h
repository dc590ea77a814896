// One process of an MPI job (Open MPI, Debian's libopenmpi-dev): started when the program was
// launched by mpirun, finalized when it goes. What the simulator needs of MPI is small: which
// rank this is, how many there are, an all-gather of bytes, messages of bytes between two ranks
// and a barrier; the rest of the code sees those through plain std::function
// (base/rank_links.h), so only this folder includes <mpi.h>.
//
// Any thread may call its functions, one at a time (MPI_THREAD_SERIALIZED): a run's threads meet
// the other ranks from whichever thread finishes a step last, while the others wait; Receive
// counts on no other Send or Receive coming between the chunks of one message.
#ifndef CARRIERSIM_MPI_MPI_JOB_H_
#define CARRIERSIM_MPI_MPI_JOB_H_

#include <string>
#include <vector>

namespace carriersim {

// Whether this process was started by an MPI launcher (mpirun, mpiexec, srun): asked before
// MPI_Init, from the environment the launchers set, because initializing MPI in a process that
// no launcher started ("singleton" mode) needs a runtime daemon that a container may not have.
bool LaunchedByMpirun();

class MpiJob {
 public:
  // MPI_Init_thread, asking for MPI_THREAD_SERIALIZED (throws if the library gives less).
  // REQUIRES: LaunchedByMpirun(), and one MpiJob per process.
  MpiJob(int* argc, char*** argv);
  ~MpiJob();  // MPI_Finalize
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  int rank() const { return rank_; }
  int ranks() const { return ranks_; }
  // Every rank's `mine`, in rank order, on every rank (MPI_Allgather of the sizes, then
  // MPI_Allgatherv of the bytes). A collective: every rank calls it.
  std::vector<std::string> AllGather(const std::string& mine) const;
  // The largest of every rank's `code` (MPI_Allreduce), so that all ranks exit alike.
  int MaxOver(int code) const;
  // `bytes` to rank `to`, another one (MPI_Send, which may wait until `to` receives them), as
  // one message of MPI's or, past the 2 GiB one can carry, as several (Receive joins them).
  // std::invalid_argument if `to` is this rank or no rank.
  void Send(int to, const std::string& bytes) const;
  // The next message from rank `from`, another one, waiting for it (MPI_Probe for its size, then
  // MPI_Recv). MPI delivers the messages of one pair of ranks in the order sent, and so the
  // chunks of one message.
  std::string Receive(int from) const;
  void Barrier() const;  // MPI_Barrier
  [[noreturn]] void Abort(int code) const;  // MPI_Abort: every rank ends, with `code`

 private:
  void CheckPeer(int peer, const char* doing) const;

  int rank_ = 0;
  int ranks_ = 1;
};

}  // namespace carriersim

#endif  // CARRIERSIM_MPI_MPI_JOB_H_
