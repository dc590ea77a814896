// Mass events (outages, mass power-ons) and how fast the devices they hit came back (NET-4).
#ifndef CARRIERSIM_OBSERVERS_RECOVERY_H_
#define CARRIERSIM_OBSERVERS_RECOVERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"

namespace carriersim {

// A device a mass event hit, and when it was back: what recovery per group is taken from.
struct EventMember {
  uint32_t device = 0;
  SimTime back = kNever;  // since the event's `from`; kNever: not back from this event
};

struct MassEvent {
  std::string what;     // the timeline action, as written
  SimTime start = 0;    // when it hit
  SimTime from = 0;     // recovery times count from here: the end of an outage, else `start`
  uint64_t affected = 0;
  std::vector<SimTime> back;  // per device back in service: when, minus `from`; in time order
  // Per device hit, in the order hit: which, and when back. Kept apart from `back` so that a
  // report can take one group's devices (recovery per group).
  std::vector<EventMember> members;

  // When `percent` of the affected devices were back (nearest rank, after `from`), or nullopt
  // if that many never were.
  std::optional<SimTime> BackBy(uint64_t percent) const { return BackBy(back, affected, percent); }
  // The same for any `affected` devices of which `back` (in time order) came back.
  static std::optional<SimTime> BackBy(const std::vector<SimTime>& back, uint64_t affected,
                                       uint64_t percent) {
    const uint64_t rank = (affected * percent + 99) / 100;  // ceil
    if (rank == 0 || rank > back.size()) return std::nullopt;
    return back[rank - 1];
  }
};

// The mass events of a run, and which one each device is recovering from.
class Recovery {
 public:
  explicit Recovery(size_t devices) : recovering_(devices), member_(devices) {}

  // Starts an event; devices join it with Affect. Returns its id.
  uint32_t Begin(std::string what, SimTime start, SimTime from) {
    events_.push_back(MassEvent{std::move(what), start, from, 0, {}, {}});
    return static_cast<uint32_t>(events_.size() - 1);
  }
  // The device lost service in event `id`. A device hit again before it came back now waits for
  // the newer event.
  void Affect(uint32_t device, uint32_t id) {
    MassEvent& e = events_[id];
    ++e.affected;
    recovering_[device] = id + 1;
    member_[device] = static_cast<uint32_t>(e.members.size());
    e.members.push_back(EventMember{device, kNever});
  }
  // The device has service again at `now`: the event it was recovering from counts it back.
  void Back(uint32_t device, SimTime now) {
    uint32_t& recovering = recovering_[device];
    if (recovering == 0) return;
    MassEvent& e = events_[recovering - 1];
    e.back.push_back(now - e.from);
    e.members[member_[device]].back = now - e.from;
    recovering = 0;
  }
  bool recovering(uint32_t device) const { return recovering_[device] != 0; }
  const std::vector<MassEvent>& events() const { return events_; }

 private:
  std::vector<MassEvent> events_;
  std::vector<uint32_t> recovering_;  // per device: the event it is recovering from, + 1; 0: none
  std::vector<uint32_t> member_;      // per device recovering: its index in the event's members
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECOVERY_H_
