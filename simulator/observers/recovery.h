// Mass events (outages, mass power-ons) and how fast the devices they hit came back (NET-4).
#ifndef CARRIERSIM_OBSERVERS_RECOVERY_H_
#define CARRIERSIM_OBSERVERS_RECOVERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/base/sim_time.h"

namespace carriersim {

struct MassEvent {
  std::string what;     // the timeline action, as written
  SimTime start = 0;    // when it hit
  SimTime from = 0;     // recovery times count from here: the end of an outage, else `start`
  uint64_t affected = 0;
  std::vector<SimTime> back;  // per device back in service: when, minus `from`; in time order

  // When `percent` of the affected devices were back (nearest rank, after `from`), or nullopt
  // if that many never were.
  std::optional<SimTime> BackBy(uint64_t percent) const {
    const uint64_t rank = (affected * percent + 99) / 100;  // ceil
    if (rank == 0 || rank > back.size()) return std::nullopt;
    return back[rank - 1];
  }
};

// The mass events of a run, and which one each device is recovering from.
class Recovery {
 public:
  explicit Recovery(size_t devices) : recovering_(devices) {}

  // Starts an event; devices join it with Affect. Returns its id.
  uint32_t Begin(std::string what, SimTime start, SimTime from) {
    events_.push_back(MassEvent{std::move(what), start, from, 0, {}});
    return static_cast<uint32_t>(events_.size() - 1);
  }
  // The device lost service in event `id`. A device hit again before it came back now waits for
  // the newer event.
  void Affect(uint32_t device, uint32_t id) {
    ++events_[id].affected;
    recovering_[device] = id + 1;
  }
  // The device has service again at `now`: the event it was recovering from counts it back.
  void Back(uint32_t device, SimTime now) {
    uint32_t& recovering = recovering_[device];
    if (recovering == 0) return;
    MassEvent& e = events_[recovering - 1];
    e.back.push_back(now - e.from);
    recovering = 0;
  }
  bool recovering(uint32_t device) const { return recovering_[device] != 0; }
  const std::vector<MassEvent>& events() const { return events_; }

 private:
  std::vector<MassEvent> events_;
  std::vector<uint32_t> recovering_;  // per device: the event it is recovering from, + 1; 0: none
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECOVERY_H_
