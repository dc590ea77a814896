// Mass events (outages, mass power-ons) and how fast the devices they hit came back (NET-4), and
// what coming back cost them in energy (DEV-4).
#ifndef CARRIERSIM_OBSERVERS_RECOVERY_H_
#define CARRIERSIM_OBSERVERS_RECOVERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"

namespace carriersim {

// A device's energy proxy (DEV-4) at one instant, or what it spent between two.
struct EnergyReading {
  uint32_t attach_attempts = 0;
  uint32_t modem_reboots = 0;
  SimTime radio_ms = 0;

  EnergyReading Since(const EnergyReading& earlier) const {
    return {attach_attempts - earlier.attach_attempts, modem_reboots - earlier.modem_reboots,
            radio_ms - earlier.radio_ms};
  }
};

// A device a mass event hit. While it recovers, `energy` is its reading when it was hit; once
// it is back (or hit again by a newer event first), what it spent in between.
struct EventMember {
  uint32_t device = 0;
  bool recovering = true;
  SimTime back = kNever;  // since the event's `from`; kNever: not back from this event
  EnergyReading energy;
};

struct MassEvent {
  std::string what;     // the timeline action, as written
  // The timeline action that started it (index into Scenario::timeline); -1: a request from
  // outside the scenario (live mode), which expectations cannot name.
  int32_t action = -1;
  SimTime start = 0;    // when it hit
  SimTime from = 0;     // recovery times count from here: the end of an outage, else `start`
  uint64_t affected = 0;
  std::vector<SimTime> back;  // per device back in service: when, minus `from`; in time order
  // Per device hit, in the order hit: which, when back, and the energy recovering took. Kept
  // apart from `back` so that expectations can take one group's devices (recovery.pNN per group,
  // energy per mass event).
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

  // Starts an event for timeline action `action` (-1: none); devices join it with Affect.
  // Returns its id.
  uint32_t Begin(std::string what, int32_t action, SimTime start, SimTime from) {
    events_.push_back(MassEvent{std::move(what), action, start, from, 0, {}, {}});
    return static_cast<uint32_t>(events_.size() - 1);
  }
  // The device lost service in event `id`; `now` is its energy reading then. A device hit again
  // before it came back now waits for the newer event: the older one counts what it spent so far.
  void Affect(uint32_t device, uint32_t id, const EnergyReading& now) {
    if (recovering_[device] != 0) Close(device, now);
    MassEvent& e = events_[id];
    ++e.affected;
    recovering_[device] = id + 1;
    member_[device] = static_cast<uint32_t>(e.members.size());
    e.members.push_back(EventMember{device, true, kNever, now});
  }
  // The device has service again at `now`, with energy reading `reading`: the event it was
  // recovering from counts it back.
  void Back(uint32_t device, SimTime now, const EnergyReading& reading) {
    const uint32_t recovering = recovering_[device];
    if (recovering == 0) return;
    MassEvent& e = events_[recovering - 1];
    e.back.push_back(now - e.from);
    e.members[member_[device]].back = now - e.from;
    Close(device, reading);
  }
  bool recovering(uint32_t device) const { return recovering_[device] != 0; }
  const std::vector<MassEvent>& events() const { return events_; }

 private:
  void Close(uint32_t device, const EnergyReading& now) {
    EventMember& m = events_[recovering_[device] - 1].members[member_[device]];
    m.energy = now.Since(m.energy);
    m.recovering = false;
    recovering_[device] = 0;
  }

  std::vector<MassEvent> events_;
  std::vector<uint32_t> recovering_;  // per device: the event it is recovering from, + 1; 0: none
  std::vector<uint32_t> member_;      // per device recovering: its index in the event's members
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECOVERY_H_
