// PHOLD on ns-3's default scheduler (MapScheduler, ns-3.37 from Debian's libns3-dev), written the
// usual ns-3 way with Simulator::Schedule. Same workload and random numbers as
// `carriersim bench phold` (simulator/bench/phold.h); one engine tick = 1 ns of ns-3 time. With
// TIMERS = 1, the timer variant the usual ns-3 way: each LP keeps the EventId of its pending
// event, and setting its timer again is Simulator::Cancel then Schedule (what ns3::Timer does).
// Built and run by compare_phold.sh.
#include <ns3/core-module.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "simulator/bench/phold.h"

namespace {

std::vector<carriersim::RandomStream> g_rng;
uint32_t g_lps = 0;
double g_remote = 0.5;
uint64_t g_left = 0;
uint64_t g_checksum = 0;
bool g_timers = false;
std::vector<ns3::EventId> g_pending;  // timers: each LP's pending event

void HandleEvent(uint32_t lp);

void SetTimer(uint32_t lp, int64_t delay) {
  ns3::Simulator::Cancel(g_pending[lp]);
  g_pending[lp] = ns3::Simulator::Schedule(ns3::NanoSeconds(delay), &HandleEvent, lp);
}

void HandleEvent(uint32_t lp) {
  if (g_left == 0) {
    ns3::Simulator::Stop();
    return;
  }
  --g_left;
  const int64_t now = ns3::Simulator::Now().GetNanoSeconds();
  carriersim::RandomStream& stream = g_rng[lp];
  const uint32_t target = carriersim::DrawPholdTarget(stream, lp, g_lps, g_remote);
  if (!g_timers) {
    ns3::Simulator::Schedule(ns3::NanoSeconds(carriersim::DrawPholdDelay(stream)), &HandleEvent,
                             target);
  } else {
    SetTimer(target, carriersim::DrawPholdDelay(stream));
    if (target != lp) SetTimer(lp, carriersim::DrawPholdDelay(stream));
  }
  g_checksum += carriersim::PholdEventHash(now, lp);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: phold_ns3 LPS EVENTS REMOTE [TIMERS]\n");
    return 2;
  }
  g_timers = argc == 5 && std::strtoul(argv[4], nullptr, 10) != 0;
  g_lps = static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 10));
  const uint64_t events = std::strtoull(argv[2], nullptr, 10);
  g_remote = std::strtod(argv[3], nullptr);
  g_left = events;
  g_rng.resize(g_lps);
  g_pending.resize(g_lps);
  for (uint32_t lp = 0; lp < g_lps; ++lp) {
    g_rng[lp] = carriersim::MakeStream(1, lp, carriersim::StreamPurpose::kPhold);
    g_pending[lp] = ns3::Simulator::Schedule(
        ns3::NanoSeconds(carriersim::DrawPholdDelay(g_rng[lp])), &HandleEvent, lp);
  }
  const auto start = std::chrono::steady_clock::now();
  ns3::Simulator::Run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ns3::Simulator::Destroy();
  std::printf("engine=ns-3.37/MapScheduler%s lps=%u checksum=%llu\n", g_timers ? "/timers" : "",
              g_lps,
              static_cast<unsigned long long>(g_checksum));
  std::printf("events=%llu seconds=%.3f events_per_s=%.0f ns_per_event=%.1f\n",
              static_cast<unsigned long long>(events), seconds, events / seconds,
              seconds * 1e9 / events);
  return 0;
}
