// What stays in memory per SIM, component by component (README.md, "Performance"): builds the
// components of a fleet workload's world one by one, in World's order, and measures the heap
// each takes (glibc's mallinfo2); then runs the workload through a Session and measures the heap
// as it goes: started, every STEP_DAYS simulated days (0: only at the end), added up. Not a
// test: it prints figures.
//
//   build/tests/memory_per_sim [WORKLOAD [DEVICES [RECORD_MEMORY_BYTES [STEP_DAYS]]]]
//   (defaults: idle-year 1000000 16777216 0)
#include <malloc.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "devices/devices.h"
#include "simulator/base/diagnostics.h"
#include "simulator/bench/fleet_bench.h"
#include "simulator/billing/billing.h"
#include "simulator/engine/engine.h"
#include "simulator/network/network.h"
#include "simulator/observers/recorder.h"
#include "simulator/results/census.h"
#include "simulator/results/pipeline.h"
#include "simulator/results/session.h"
#include "simulator/scenario/scenario_loader.h"
#include "simulator/world/timeline.h"
#include "simulator/world/world.h"

namespace carriersim {
namespace {

// Heap in use: small blocks and mmapped ones.
double HeapBytes() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

long PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports kilobytes
}

class Meter {
 public:
  explicit Meter(double sims) : sims_(sims), last_(HeapBytes()) {}
  // Prints the heap taken since the last line, per SIM.
  void Line(const char* what) {
    const double now = HeapBytes();
    std::printf("%-44s %8.1f B/SIM %10.1f MiB   peak RSS so far %ld MiB\n", what,
                (now - last_) / sims_, (now - last_) / (1 << 20), PeakRssMiB());
    total_ += now - last_;
    last_ = now;
  }
  double total() const { return total_; }

 private:
  double sims_;
  double last_;
  double total_ = 0;
};

// World's members, in its order (world.h), wired but not started: the heap each takes.
void MeasureComponents(const Scenario& s, const SpillOptions& spill) {
  const double sims = static_cast<double>(s.sim_count);
  Meter meter(sims);
  SimDirectory directory(s, s.seed);
  meter.Line("SIM directory (group, keys)");
  Engine engine(static_cast<EntityId>(s.sim_count + kFirstDeviceEntity));
  meter.Line("event queue (per entity: sequence, timers)");
  Recorder recorder(directory, spill);
  meter.Line("recorder (signaling, recovery, records)");
  Ledger ledger{FeeLedger(spill, FeeGroups{s.start, &directory.groups(), s.groups.size()})};
  meter.Line("fee ledger and its running sums");
  Billing billing(s.start, static_cast<size_t>(s.subscription_count), &ledger);
  meter.Line("billing (open periods, renewals, usage)");
  Network network(directory, TimerSlot(&engine.queue(), kFirstDeviceEntity, kSubscriptionTimer),
                  billing, recorder);
  meter.Line("network (subscribers, counters, cells)");
  Devices devices(directory,
                  Devices::Timers{TimerSlot(&engine.queue(), kFirstDeviceEntity, kModemTimer),
                                  TimerSlot(&engine.queue(), kFirstDeviceEntity, kFirmwareTimer),
                                  TimerSlot(&engine.queue(), kFirstDeviceEntity, kPowerTimer)},
                  recorder);
  meter.Line("devices (hot record, streams, counters)");
  StatusCensus census(directory, HistoryRecords(recorder.history().changes));
  meter.Line("status census (status per SIM)");
  std::printf("%-44s %8.1f B/SIM\n", "built, before the run", meter.total() / sims);
}

// The whole run, as the benchmark makes it (no timeseries): the heap as it goes.
void MeasureRun(const Scenario& s, const SpillOptions& spill, SimTime step) {
  const double sims = static_cast<double>(s.sim_count);
  RunOptions options;
  options.timeseries = false;
  options.spill = spill;
  Meter meter(sims);
  Session session(s, options);
  meter.Line("world built and started (the above, events)");
  for (SimTime t = step; step > 0 && t < s.duration; t += step) {
    session.AdvanceTo(t);
    char what[64];
    std::snprintf(what, sizeof what, "  to day %g (%zu events pending)",
                  static_cast<double>(t) / kDay, session.world().queue().size());
    meter.Line(what);
  }
  session.AdvanceTo(s.duration);
  meter.Line("run to the end (pending events, records)");
  const RunResult run = session.Finish();
  meter.Line("closed and added up (last fees, sums)");
  std::printf("%-44s %8.1f B/SIM\n", "after the run, in all", meter.total() / sims);
  std::printf(
      "peak RSS %ld MiB; fee lines %zu (%llu on disk), status changes %zu, sessions %zu, "
      "mass events %zu\n",
      PeakRssMiB(), run.ledger().size(), static_cast<unsigned long long>(run.ledger().on_disk()),
      run.history().size(), run.sessions().size(), run.mass_events().size());
}

int Main(int argc, char** argv) {
  const std::string workload = argc > 1 ? argv[1] : "idle-year";
  const int64_t devices = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  SpillOptions spill;
  spill.memory = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : kDefaultSpillMemory;
  const SimTime step = argc > 4 ? std::atoll(argv[4]) * kDay : 0;
  Diagnostics diag;
  const LoadResult loaded =
      LoadScenarioText("bench:" + workload, FleetWorkloadScenario(workload, devices), diag);
  if (!loaded.scenario) {
    std::fprintf(stderr, "%s", diag.ToText().c_str());
    return 1;
  }
  std::printf("%s, %lld SIMs, record memory %llu B\n", workload.c_str(),
              static_cast<long long>(loaded.scenario->sim_count),
              static_cast<unsigned long long>(spill.memory));
  MeasureComponents(*loaded.scenario, spill);
  MeasureRun(*loaded.scenario, spill, step);
  return 0;
}

}  // namespace
}  // namespace carriersim

int main(int argc, char** argv) { return carriersim::Main(argc, argv); }
