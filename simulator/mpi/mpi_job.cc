#include "simulator/mpi/mpi_job.h"

#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

namespace carriersim {
namespace {

// Send's messages (point-to-point messages never match a collective, so the tag only keeps
// them apart from any other point-to-point messages added later).
constexpr int kBytesTag = 1;
// An MPI message's count is an int. A larger Send goes as chunks of this size, and a chunk
// shorter than this (perhaps empty) ends a message: no header to send first, so a message under
// 2 GiB is one MPI message.
constexpr int kMaxChunk = std::numeric_limits<int>::max();

}  // namespace

bool LaunchedByMpirun() {
  // Open MPI's mpirun, MPICH's Hydra (and PMI-based launchers such as srun) set these.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

MpiJob::MpiJob(int* argc, char*** argv) {
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw std::runtime_error("this MPI library cannot be called from several threads in turn "
                             "(MPI_THREAD_SERIALIZED), which a run on threads needs");
  }
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

void MpiJob::Send(int to, const std::string& bytes) const {
  CheckPeer(to, "sends to");
  size_t at = 0;
  for (;;) {
    const int chunk = static_cast<int>(std::min(bytes.size() - at, size_t{kMaxChunk}));
    MPI_Send(bytes.data() + at, chunk, MPI_BYTE, to, kBytesTag, MPI_COMM_WORLD);
    at += static_cast<size_t>(chunk);
    if (chunk < kMaxChunk) return;
  }
}

std::string MpiJob::Receive(int from) const {
  CheckPeer(from, "receives from");
  std::string bytes;
  for (;;) {
    MPI_Status status;
    MPI_Probe(from, kBytesTag, MPI_COMM_WORLD, &status);
    int chunk = 0;
    MPI_Get_count(&status, MPI_BYTE, &chunk);
    const size_t at = bytes.size();
    bytes.resize(at + static_cast<size_t>(chunk));
    MPI_Recv(bytes.data() + at, chunk, MPI_BYTE, from, kBytesTag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (chunk < kMaxChunk) return bytes;
  }
}

void MpiJob::Barrier() const { MPI_Barrier(MPI_COMM_WORLD); }

void MpiJob::Abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();  // MPI_Abort does not return; this says so to the compiler
}

void MpiJob::CheckPeer(int peer, const char* doing) const {
  if (peer >= 0 && peer < ranks_ && peer != rank_) return;
  throw std::invalid_argument("rank " + std::to_string(rank_) + " " + doing + " rank " +
                              std::to_string(peer) + ", which is not one of the other ranks (0.." +
                              std::to_string(ranks_ - 1) + ")");
}

}  // namespace carriersim
