// `run --trace` on threads: each shard logs the events it handles as it goes, and the logs are
// merged when the run is over, in the run's order (by time, then entity, the timeline first).
// Internal to results/.
#ifndef CARRIERSIM_RESULTS_SHARD_TRACE_H_
#define CARRIERSIM_RESULTS_SHARD_TRACE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "simulator/base/spill_log.h"
#include "simulator/results/pipeline.h"
#include "simulator/world/world.h"

namespace carriersim {

// One event, as a shard saw it before handling it.
struct ShardTraceRow {
  SimTime time;
  const char* event;
  const char* modem;
  const std::string* status;  // in the shard's scenario
  uint32_t entity;            // 0: the timeline; else the whole fleet's SIM + 1
};
using ShardTrace = SpillLog<ShardTraceRow>;

// Logs every event `world` handles from now on into `trace`; the timeline's only if
// `tells_timeline` (every shard runs the timeline: one tells).
void TraceShard(World& world, bool tells_timeline, ShardTrace& trace);

// Hands every event of the shards' logs to `emit`, in the run's order.
void EmitShardTraces(const std::vector<const ShardTrace*>& logs, const SimDirectory& directory,
                     const std::function<void(const TraceRecord&)>& emit);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_SHARD_TRACE_H_
