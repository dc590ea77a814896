// Deterministic random streams and distributions.
//
// The standard library's distributions are implementation-defined (libstdc++ and libc++ turn the
// same engine output into different normals), so carriersim has its own, built on DetLog/DetExp.
//
// Every random quantity is drawn from a stream identified by (scenario seed, entity id, purpose):
// a device's draws never depend on what other devices did, on the order events were handled in,
// or on how many threads ran. A stream is SplitMix64 (Steele, Lea, Flood 2014): 8 bytes of state,
// passes BigCrush, and the state of a stream is cheap enough to keep one per entity per purpose
// in a plain array.
#ifndef CARRIERSIM_BASE_RNG_H_
#define CARRIERSIM_BASE_RNG_H_

#include <cmath>
#include <cstdint>
#include <string_view>

#include "simulator/base/det_math.h"

namespace carriersim {

// What a stream is used for. The numbers are part of the output format: changing one changes
// every report that draws from it, so add new purposes at the end and never renumber.
enum class StreamPurpose : uint32_t {
  kTrafficPhase = 1,  // where in its period a device's traffic schedule starts
  kBoot = 2,          // modem boot and attach timing
  kSelection = 3,     // which SIMs of a group a timeline action picks
  kPhold = 4,         // the PHOLD benchmark
  kFirmware = 5,      // a device's firmware: back-off jitter
  kRadio = 6,         // what a device meets on the air: attach times, noticing a lost cell,
                      // the T3346 a congested cell hands it
  kPowerPhase = 7,    // where in its period a device's duty cycle starts
  kSpread = 8,        // when each SIM acts within a spread timeline action
  kTrafficSize = 9,   // the sizes of a device's sends, drawn per send
  kCommandPhase = 10,  // where in its period a device's command schedule starts
};

// The SplitMix64 output function: a bijective avalanche mix of 64 bits.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct RandomStream {
  uint64_t state = 0;

  uint64_t NextU64() {
    state += 0x9e3779b97f4a7c15ULL;  // the golden-ratio increment of SplitMix64
    return Mix64(state);
  }
};

// The stream for (seed, entity, purpose). Each input goes through a full Mix64 round, so streams
// for neighbouring ids or seeds start at unrelated points of the 2^64-long sequence.
inline RandomStream MakeStream(uint64_t seed, uint64_t entity, StreamPurpose purpose) {
  uint64_t h = Mix64(seed + 0x9e3779b97f4a7c15ULL);
  h = Mix64(h ^ (entity + 0x6a09e667f3bcc909ULL));
  h = Mix64(h ^ (static_cast<uint64_t>(purpose) + 0xbb67ae8584caa73bULL));
  return RandomStream{h};
}

// A stable 64-bit key for a name (FNV-1a, then mixed). Streams of a device are keyed by
// NameKey(group) ^ Mix64(index in group), not by its position in the fleet, so that adding,
// removing or reordering other groups never changes what a device draws.
inline uint64_t NameKey(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
  return Mix64(h);
}

// Uniform in [0, 1), 53 random bits.
inline double Uniform01(RandomStream& s) {
  return static_cast<double>(s.NextU64() >> 11) * 0x1.0p-53;
}

// Uniform in (0, 1]: safe to take the logarithm of.
inline double UniformOpen01(RandomStream& s) {
  return static_cast<double>((s.NextU64() >> 11) + 1) * 0x1.0p-53;
}

// Uniform integer in [0, n), exactly unbiased (Lemire 2019: multiply, reject the short tail).
// REQUIRES: n > 0.
inline uint64_t UniformBelow(RandomStream& s, uint64_t n) {
  __uint128_t m = static_cast<__uint128_t>(s.NextU64()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<__uint128_t>(s.NextU64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

// Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
inline int64_t UniformInt(RandomStream& s, int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (span == UINT64_MAX) return static_cast<int64_t>(s.NextU64());
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + UniformBelow(s, span + 1));
}

inline bool Bernoulli(RandomStream& s, double p) { return Uniform01(s) < p; }

// Exponential with the given mean (inverse transform).
inline double Exponential(RandomStream& s, double mean) { return -mean * DetLog(UniformOpen01(s)); }

// Normal (Marsaglia's polar method: needs only log and sqrt, both exact-per-machine here, and
// sqrt is correctly rounded by IEEE-754 everywhere).
inline double Normal(RandomStream& s, double mean, double stddev) {
  double u, v, q;
  do {
    u = 2.0 * Uniform01(s) - 1.0;
    v = 2.0 * Uniform01(s) - 1.0;
    q = u * u + v * v;
  } while (q >= 1.0 || q == 0.0);
  // The polar method yields two normals; using one keeps a stream's position independent of
  // whether the previous draw was a normal.
  return mean + stddev * u * std::sqrt(-2.0 * DetLog(q) / q);
}

// Log-normal: exp(N(mu, sigma)), with mu and sigma of the underlying normal.
inline double LogNormal(RandomStream& s, double mu, double sigma) {
  return DetExp(Normal(s, mu, sigma));
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_RNG_H_
