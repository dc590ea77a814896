// The processes a command runs on: this one alone, or the ranks of an MPI job, and how they talk
// (base/rank_links.h). The cli knows nothing of MPI: the carriersim-mpi binary (simulator/mpi/)
// fills this in; `compare` spreads its runs over the ranks with all_gather.
#ifndef CARRIERSIM_CLI_PROCESSES_H_
#define CARRIERSIM_CLI_PROCESSES_H_

#include "simulator/base/rank_links.h"

namespace carriersim {

using Processes = RankLinks;

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_PROCESSES_H_
