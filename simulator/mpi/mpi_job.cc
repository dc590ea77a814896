#include "simulator/mpi/mpi_job.h"

#include <mpi.h>

#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace carriersim {

bool LaunchedByMpirun() {
  // Open MPI's mpirun, MPICH's Hydra (and PMI-based launchers such as srun) set these.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

MpiJob::MpiJob(int* argc, char*** argv) {
  MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
}

MpiJob::~MpiJob() { MPI_Finalize(); }

std::vector<std::string> MpiJob::AllGather(const std::string& mine) const {
  if (mine.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("a rank's results pass the 2 GiB an MPI message can carry");
  }
  const int size = static_cast<int>(mine.size());
  std::vector<int> sizes(static_cast<size_t>(ranks_));
  MPI_Allgather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::vector<int> offsets(sizes.size());
  long long total = 0;
  for (size_t r = 0; r < sizes.size(); ++r) {
    offsets[r] = static_cast<int>(total);
    total += sizes[r];
    if (total > std::numeric_limits<int>::max()) {
      throw std::length_error("the ranks' results pass the 2 GiB an MPI message can carry");
    }
  }
  std::string all(static_cast<size_t>(total), '\0');
  MPI_Allgatherv(mine.data(), size, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  std::vector<std::string> by_rank;
  for (size_t r = 0; r < sizes.size(); ++r) {
    by_rank.push_back(all.substr(static_cast<size_t>(offsets[r]), static_cast<size_t>(sizes[r])));
  }
  return by_rank;
}

int MpiJob::MaxOver(int code) const {
  int max = code;
  MPI_Allreduce(&code, &max, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return max;
}

}  // namespace carriersim
