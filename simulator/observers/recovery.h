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

struct Recovery {
  std::vector<MassEvent> events;

  // Starts an event; devices join it with Affect. Returns its id.
  uint32_t Begin(std::string what, SimTime start, SimTime from) {
    events.push_back(MassEvent{std::move(what), start, from, 0, {}});
    return static_cast<uint32_t>(events.size() - 1);
  }
  // `recovering` is the device's entry in Fleet::recovering. A device hit again before it came
  // back now waits for the newer event.
  void Affect(uint32_t& recovering, uint32_t id) {
    ++events[id].affected;
    recovering = id + 1;
  }
  void Back(uint32_t& recovering, SimTime now) {
    if (recovering == 0) return;
    MassEvent& e = events[recovering - 1];
    e.back.push_back(now - e.from);
    recovering = 0;
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_OBSERVERS_RECOVERY_H_
