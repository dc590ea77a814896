#include "simulator/network/outages.h"

#include <algorithm>

#include "devices/modem.h"

namespace carriersim {

uint64_t StartOutage(World& world, const TimelineAction& action, SimTime now) {
  const bool core = action.kind == ActionKind::kCoreOutage;
  const uint32_t first = action.first_cell;
  const uint32_t end = first + action.cell_count;
  if (core) {
    ++world.core_outages;
  } else {
    for (uint32_t c = first; c < end; ++c) {
      ++world.cells.outages[c];
      world.cells.back_at[c] = std::max(world.cells.back_at[c], action.until);
    }
  }
  // Recovery counts from the moment service can come back.
  const uint32_t event = world.recovery.Begin(action.text, now, action.until);
  uint64_t lost = 0;
  Fleet& fleet = world.fleet;
  for (DeviceId d = 0; d < fleet.size(); ++d) {
    if (!core && (fleet.cell[d] < first || fleet.cell[d] >= end)) continue;
    if (LoseService(world, d, now)) {
      world.recovery.Affect(fleet.recovering[d], event);
      ++lost;
    }
  }
  return lost;
}

uint64_t EndOutage(World& world, const TimelineAction& action) {
  if (action.kind == ActionKind::kCoreRestore) {
    --world.core_outages;
    return 1;
  }
  uint64_t back = 0;
  for (uint32_t c = action.first_cell; c < action.first_cell + action.cell_count; ++c) {
    if (--world.cells.outages[c] == 0) ++back;
  }
  return back;
}

}  // namespace carriersim
