// The processes a command runs on: this one alone, or the ranks of an MPI job. The cli knows
// nothing of MPI: the carriersim-mpi binary (simulator/mpi/) fills this in.
#ifndef CARRIERSIM_CLI_PROCESSES_H_
#define CARRIERSIM_CLI_PROCESSES_H_

#include <functional>
#include <string>
#include <vector>

namespace carriersim {

struct Processes {
  int rank = 0;
  int ranks = 1;
  // Every process's `mine`, in rank order, handed to every process (a collective: every rank
  // calls it, the same number of times). Unset with one process.
  std::function<std::vector<std::string>(const std::string& mine)> all_gather;
};

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_PROCESSES_H_
