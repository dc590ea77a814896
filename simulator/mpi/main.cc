// carriersim-mpi: the carriersim command line as one rank of an MPI job. Built only with
// -DCARRIERSIM_MPI=ON; `carriersim` itself never links MPI.
#include <iostream>
#include <string>
#include <vector>

#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"
#include "simulator/mpi/mpi_job.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!carriersim::LaunchedByMpirun()) {
    std::cerr << "carriersim-mpi: not started by mpirun, so running as one process "
                 "(mpirun -np K carriersim-mpi compare ... spreads the runs over K)\n";
    const int code = carriersim::RunCli(args, std::cout, std::cerr);
    std::cout.flush();
    return code;
  }
  const carriersim::MpiJob job(&argc, &argv);
  carriersim::Processes processes;
  processes.rank = job.rank();
  processes.ranks = job.ranks();
  processes.all_gather = [&job](const std::string& mine) { return job.AllGather(mine); };
  processes.send = [&job](int to, const std::string& bytes) { job.Send(to, bytes); };
  processes.receive = [&job](int from) { return job.Receive(from); };
  processes.barrier = [&job] { job.Barrier(); };
  processes.abort = [&job](const std::string& why) {
    std::cerr << "carriersim-mpi: " << why << "\n";
    std::cerr.flush();
    job.Abort(carriersim::kExitInternal);
  };
  // The other ranks reach the same results and errors as the first: only the first says them.
  std::ostream quiet(nullptr);
  const int code = job.rank() == 0 ? carriersim::RunCli(args, std::cout, std::cerr, processes)
                                   : carriersim::RunCli(args, quiet, quiet, processes);
  std::cout.flush();
  return job.MaxOver(code);  // every rank exits alike, so mpirun reports one outcome
}
