// Periodic traffic, accrued by arithmetic: a device sends at anchor + k * every (k >= 0, counted
// by simulator/base/periodic.h), and usage is counted when the network accounts for a session,
// without an event per transmission. A size drawn from a distribution is drawn per send index
// k, from a counter-based stream, so that any range of sends can be summed at any time, in any
// order, with the same result.
#ifndef CARRIERSIM_DEVICES_TRAFFIC_H_
#define CARRIERSIM_DEVICES_TRAFFIC_H_

#include <algorithm>
#include <cstdint>

#include "simulator/base/periodic.h"
#include "simulator/base/rng.h"
#include "simulator/base/sim_time.h"
#include "simulator/scenario/model.h"

namespace carriersim {

// The size of send `k` of the device whose size stream is `key`.
inline int64_t SendSize(const SizeSpec& size, uint64_t key, int64_t k) {
  if (size.fixed()) return size.bytes;
  RandomStream rng{Mix64(key ^ Mix64(static_cast<uint64_t>(k)))};
  double drawn = 0;
  switch (size.kind) {
    case SizeSpec::Kind::kFixed:
      break;
    case SizeSpec::Kind::kUniform:
      return UniformInt(rng, size.bytes, size.high);
    case SizeSpec::Kind::kExponential:
      drawn = Exponential(rng, static_cast<double>(size.bytes));
      break;
    case SizeSpec::Kind::kLogNormal:
      drawn = LogNormal(rng, DetLog(static_cast<double>(std::max<int64_t>(size.bytes, 1))),
                        static_cast<double>(size.sigma_milli) / 1000.0);
      break;
  }
  // Clamped before the conversion: a far tail draw would not fit 64 bits.
  return static_cast<int64_t>(std::min(drawn + 0.5, static_cast<double>(size.largest())));
}

// Bytes of sends [first, first + count): arithmetic when the size is fixed.
inline int64_t SumSizes(const SizeSpec& size, uint64_t key, int64_t first, int64_t count) {
  if (size.fixed()) return count * size.bytes;
  int64_t total = 0;
  for (int64_t k = first; k < first + count; ++k) total += SendSize(size, key, k);
  return total;
}

// The size streams of one device: uplink and downlink are independent.
struct SizeKeys {
  uint64_t uplink;
  uint64_t downlink;
};
inline SizeKeys MakeSizeKeys(uint64_t seed, uint64_t device_key) {
  const uint64_t base = MakeStream(seed, device_key, StreamPurpose::kTrafficSize).state;
  return {Mix64(base ^ 1), Mix64(base ^ 2)};
}

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_TRAFFIC_H_
