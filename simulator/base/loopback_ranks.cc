#include "simulator/base/loopback_ranks.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace carriersim {
namespace {

// Sends and collectives go through mailboxes of their own, as MPI keeps point-to-point messages
// apart from collectives: an all_gather never takes a message meant for a receive.
enum Lane : int { kSendLane = 0, kCollectiveLane = 1, kLanes = 2 };

// The messages from one rank to another on one lane, in the order sent.
struct Mailbox {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> messages;
};

std::string Describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// What the ranks share: the mailboxes, which ranks have returned, and the first failure.
class Hub {
 public:
  explicit Hub(int ranks) : ranks_(ranks), returned_(static_cast<size_t>(ranks)) {
    const size_t count = static_cast<size_t>(ranks) * static_cast<size_t>(ranks) * kLanes;
    for (size_t i = 0; i < count; ++i) mailboxes_.push_back(std::make_unique<Mailbox>());
  }

  void Send(int from, int to, Lane lane, const std::string& bytes) {
    CheckPeer(from, to, "sends to");
    if (stopped_) ThrowStopped();
    Mailbox& box = At(from, to, lane);
    {
      const std::lock_guard lock(box.mutex);
      box.messages.push_back(bytes);
    }
    box.changed.notify_all();
  }

  std::string Receive(int at, int from, Lane lane) {
    CheckPeer(at, from, "receives from");
    Mailbox& box = At(from, at, lane);
    std::unique_lock lock(box.mutex);
    box.changed.wait(lock, [&] {
      return stopped_ || !box.messages.empty() || returned_[static_cast<size_t>(from)];
    });
    if (stopped_) {
      lock.unlock();
      ThrowStopped();
    }
    if (box.messages.empty()) {
      const std::string who = "rank " + std::to_string(at);
      const std::string peer = "rank " + std::to_string(from);
      throw std::runtime_error(
          lane == kSendLane
              ? who + " waits for a message from " + peer + ", which returned without sending it"
              : who + " is in an all_gather or barrier that " + peer + " returned without joining");
    }
    std::string bytes = std::move(box.messages.front());
    box.messages.pop_front();
    return bytes;
  }

  // Each rank's `mine` to each other one, then theirs back in rank order: sends never wait
  // here, so no order of sends and receives can deadlock.
  std::vector<std::string> AllGather(int rank, const std::string& mine) {
    for (int r = 0; r < ranks_; ++r) {
      if (r != rank) Send(rank, r, kCollectiveLane, mine);
    }
    std::vector<std::string> all(static_cast<size_t>(ranks_));
    for (int r = 0; r < ranks_; ++r) {
      all[static_cast<size_t>(r)] = r == rank ? mine : Receive(rank, r, kCollectiveLane);
    }
    return all;
  }

  // `rank`'s body returned: a wait for a message it has not sent can end.
  void Returned(int rank) {
    returned_[static_cast<size_t>(rank)] = true;
    for (int to = 0; to < ranks_; ++to) {
      for (const Lane lane : {kSendLane, kCollectiveLane}) Wake(At(rank, to, lane));
    }
  }

  // `rank`'s body threw `error`: the first failure stops every rank.
  void Failed(int rank, std::exception_ptr error) {
    {
      const std::lock_guard lock(error_mutex_);
      if (first_error_) return;
      first_error_ = error;
      stop_message_ = "rank " + std::to_string(rank) + " stopped: " + Describe(error);
    }
    stopped_ = true;
    for (const std::unique_ptr<Mailbox>& box : mailboxes_) Wake(*box);
  }

  std::exception_ptr first_error() {
    const std::lock_guard lock(error_mutex_);
    return first_error_;
  }

 private:
  Mailbox& At(int from, int to, Lane lane) {
    const size_t pair =
        static_cast<size_t>(from) * static_cast<size_t>(ranks_) + static_cast<size_t>(to);
    return *mailboxes_[pair * kLanes + lane];
  }

  void CheckPeer(int rank, int peer, const char* doing) const {
    if (peer >= 0 && peer < ranks_ && peer != rank) return;
    throw std::invalid_argument(
        "rank " + std::to_string(rank) + " " + doing + " rank " + std::to_string(peer) +
        ", which is not one of the other ranks (0.." + std::to_string(ranks_ - 1) + ")");
  }

  // Taking the mutex before notifying: a rank that has just found nothing to take, and is about
  // to wait, would otherwise miss the notification and wait forever.
  static void Wake(Mailbox& box) {
    { const std::lock_guard lock(box.mutex); }
    box.changed.notify_all();
  }

  [[noreturn]] void ThrowStopped() {
    const std::lock_guard lock(error_mutex_);
    throw RankStopped(stop_message_);
  }

  const int ranks_;
  std::vector<std::unique_ptr<Mailbox>> mailboxes_;  // by (from, to, lane); they do not move
  std::vector<std::atomic<bool>> returned_;          // by rank
  std::atomic<bool> stopped_{false};
  std::mutex error_mutex_;
  std::exception_ptr first_error_;
  std::string stop_message_;
};

RankLinks LinksOf(Hub& hub, int rank, int ranks) {
  RankLinks links;
  links.rank = rank;
  links.ranks = ranks;
  links.all_gather = [&hub, rank](const std::string& mine) { return hub.AllGather(rank, mine); };
  links.send = [&hub, rank](int to, const std::string& bytes) {
    hub.Send(rank, to, kSendLane, bytes);
  };
  links.receive = [&hub, rank](int from) { return hub.Receive(rank, from, kSendLane); };
  links.barrier = [&hub, rank] { hub.AllGather(rank, std::string()); };
  // What RunLoopbackRanks does with any rank that throws: the others stop.
  links.abort = [](const std::string& why) { throw std::runtime_error(why); };
  return links;
}

}  // namespace

void RunLoopbackRanks(int ranks, const std::function<void(const RankLinks&)>& body) {
  if (ranks < 1) {
    throw std::invalid_argument("loopback ranks: " + std::to_string(ranks) +
                                " ranks, expected at least 1");
  }
  Hub hub(ranks);
  const auto run = [&hub, &body, ranks](int rank) {
    try {
      body(LinksOf(hub, rank, ranks));
      hub.Returned(rank);
    } catch (...) {
      hub.Failed(rank, std::current_exception());
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(ranks));
  for (int rank = 0; rank < ranks; ++rank) {
    try {
      threads.emplace_back(run, rank);
    } catch (...) {  // no thread for this rank: the ranks started must not wait for it
      hub.Failed(rank, std::current_exception());
      break;
    }
  }
  for (std::thread& thread : threads) thread.join();
  if (const std::exception_ptr error = hub.first_error()) std::rethrow_exception(error);
}

}  // namespace carriersim
