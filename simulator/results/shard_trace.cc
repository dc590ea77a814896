#include "simulator/results/shard_trace.h"

namespace carriersim {

void TraceShard(World& world, bool tells_timeline, ShardTrace& trace) {
  world.set_trace([&world, tells_timeline, &trace](const Event& e) {
    if (e.entity == kTimelineEntity) {
      if (tells_timeline) trace.push_back({e.time, EventName(e), "", nullptr, 0});
      return;
    }
    const DeviceId d = DeviceOfEntity(e.entity);
    trace.push_back({e.time, EventName(e), ModemStateName(world.devices().modem(d)),
                     &world.directory().ProfileOf(d).statuses[world.network().status(d)].name,
                     world.directory().GlobalSim(d) + 1});
  });
}

void EmitShardTraces(const std::vector<const ShardTrace*>& logs, const SimDirectory& directory,
                     const std::function<void(const TraceRecord&)>& emit) {
  MergeSorted(
      logs,
      [](const ShardTraceRow& a, const ShardTraceRow& b) {
        return a.time != b.time ? a.time < b.time : a.entity < b.entity;
      },
      [&](const ShardTraceRow& row) {
        TraceRecord r;
        r.directory = &directory;
        r.time = row.time;
        r.event = row.event;
        if (row.entity != 0) {
          r.device = true;
          r.sim = row.entity - 1;
          r.modem = row.modem;
          r.status = row.status;
        }
        emit(r);
      });
}

}  // namespace carriersim
