// One process of an MPI job (Open MPI, Debian's libopenmpi-dev): started when the program was
// launched by mpirun, finalized when it goes. What the simulator needs of MPI is small: which
// rank this is, how many there are, and an all-gather of bytes; the rest of the code sees those
// through plain std::function (cli/processes.h), so only this folder includes <mpi.h>.
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
  // MPI_Init. REQUIRES: LaunchedByMpirun(), and one MpiJob per process.
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

 private:
  int rank_ = 0;
  int ranks_ = 1;
};

}  // namespace carriersim

#endif  // CARRIERSIM_MPI_MPI_JOB_H_
