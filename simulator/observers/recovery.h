// Mass events (outages, mass power-ons) and how fast the devices they hit came back (NET-4), and
// what coming back cost them in energy (DEV-4). A record per device hit: ten million devices
// powered on make ten million, so they are kept in spill logs (base/spill_log.h) like the
// ledger, and an older event's go to disk when a newer event begins.
#ifndef CARRIERSIM_OBSERVERS_RECOVERY_H_
#define CARRIERSIM_OBSERVERS_RECOVERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/spill_log.h"

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

// A device recovering from an event is back (at `back`), or hit again by a newer event first
// (`back` kNever); `now` is its energy reading then.
struct MemberDone {
  SimTime back;
  EnergyReading now;
  void operator()(EventMember& m) const {
    if (back != kNever) m.back = back;
    m.energy = now.Since(m.energy);
    m.recovering = false;
  }
};

struct MassEvent {
  MassEvent(std::string what, int32_t action, SimTime start, SimTime from,
            const SpillOptions& spill)
      : what(std::move(what)),
        action(action),
        start(start),
        from(from),
        back(spill, ".recovery-back.spill", "the recovery times of " + this->what),
        members(spill, ".recovery.spill", "the devices hit by " + this->what) {}

  std::string what;     // the timeline action, as written
  // The timeline action that started it (index into Scenario::timeline); -1: a request from
  // outside the scenario (live mode), which expectations cannot name.
  int32_t action = -1;
  SimTime start = 0;    // when it hit
  SimTime from = 0;     // recovery times count from here: the end of an outage, else `start`
  uint64_t affected = 0;
  SpillLog<SimTime> back;  // per device back in service: when, minus `from`; in time order
  // Per device hit, in the order hit: which, when back, and the energy recovering took. Kept
  // apart from `back` so that expectations can take one group's devices (recovery.pNN per group,
  // energy per mass event).
  SpillLog<EventMember, MemberDone> members;

  // When `percent` of the affected devices were back (nearest rank, after `from`), or nullopt
  // if that many never were.
  std::optional<SimTime> BackBy(uint64_t percent) const { return BackBy(back, affected, percent); }
  // The same for any `affected` devices of which `back` (in time order, a vector or a log) came
  // back.
  template <typename Times = std::vector<SimTime>>
  static std::optional<SimTime> BackBy(const Times& back, uint64_t affected, uint64_t percent) {
    const uint64_t rank = (affected * percent + 99) / 100;  // ceil
    if (rank == 0 || rank > back.size()) return std::nullopt;
    return back[rank - 1];
  }
};

// The mass events of a run, and which one each device is recovering from.
class Recovery {
 public:
  explicit Recovery(size_t devices, const SpillOptions& spill = {})
      : spill_(spill), recovering_(devices), member_(devices) {}

  // Starts an event for timeline action `action` (-1: none); devices join it with Affect.
  // Returns its id. The older events take few records more (the devices still recovering from
  // them), so what they hold goes to disk unless it is small: only the newest event's records
  // take up to the memory a log may keep.
  uint32_t Begin(std::string what, int32_t action, SimTime start, SimTime from) {
    for (MassEvent& older : events_) {
      older.members.SpillIfOver(kOlderEventMemory);
      older.back.SpillIfOver(kOlderEventMemory);
    }
    events_.emplace_back(std::move(what), action, start, from, spill_);
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
    e.members.Update(member_[device], MemberDone{now - e.from, reading});
    recovering_[device] = 0;
  }
  bool recovering(uint32_t device) const { return recovering_[device] != 0; }
  // What an older event may keep in memory of each of its records (and a merged one, for a run
  // cut into shards: results/shard_merge.h).
  static constexpr uint64_t kOlderEventMemory = uint64_t{1} << 20;
  const std::vector<MassEvent>& events() const { return events_; }
  // Writes what every event holds in memory to disk, where it takes more than `bytes`.
  void SpillIfOver(uint64_t bytes) {
    for (MassEvent& e : events_) {
      e.members.SpillIfOver(bytes);
      e.back.SpillIfOver(bytes);
    }
  }

 private:
  void Close(uint32_t device, const EnergyReading& now) {
    events_[recovering_[device] - 1].members.Update(member_[device], MemberDone{kNever, now});
    recovering_[device] = 0;
  }

  SpillOptions spill_;
  std::vector<MassEvent> events_;
  std::vector<uint32_t> recovering_;  // per device: the event it is recovering from, + 1; 0: none
  std::vector<uint32_t> member_;      // per device recovering: its index in the event's members
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECOVERY_H_
