#include "simulator/base/det_math.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>

#include "simulator/base/rng.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

int64_t UlpDistance(double a, double b) {
  const int64_t ia = BitCast<int64_t>(a), ib = BitCast<int64_t>(b);
  return ia > ib ? ia - ib : ib - ia;
}

TEST_CASE("DetLog is within one ulp of the C library everywhere", "[determinism]") {
  RandomStream rng = MakeStream(42, 0, StreamPurpose::kPhold);
  int64_t worst = 0;
  for (int i = 0; i < 200'000; ++i) {
    // Random bit patterns cover every exponent, subnormals included; uniforms cover (0, 1].
    const double x = BitCast<double>(rng.NextU64() & 0x7fefffffffffffffULL);
    if (x > 0) worst = std::max(worst, UlpDistance(DetLog(x), std::log(x)));
    const double u = UniformOpen01(rng);
    worst = std::max(worst, UlpDistance(DetLog(u), std::log(u)));
  }
  CHECK(worst <= 1);
}

TEST_CASE("DetExp is within one ulp of the C library over its whole range", "[determinism]") {
  RandomStream rng = MakeStream(43, 0, StreamPurpose::kPhold);
  int64_t worst = 0;
  for (int i = 0; i < 200'000; ++i) {
    const double x = Uniform01(rng) * 1400.0 - 700.0;
    worst = std::max(worst, UlpDistance(DetExp(x), std::exp(x)));
  }
  CHECK(worst <= 1);
}

TEST_CASE("DetLog and DetExp give fixed bits for fixed inputs", "[determinism]") {
  // These bit patterns are the contract: if they change, every report that draws an exponential
  // or a normal changes too.
  CHECK(BitCast<uint64_t>(DetLog(0.5)) == 0xbfe62e42fefa39efULL);
  CHECK(BitCast<uint64_t>(DetLog(10.0)) == 0x40026bb1bbb55516ULL);
  CHECK(BitCast<uint64_t>(DetLog(1e-300)) == 0xc085963447f87fb5ULL);
  CHECK(BitCast<uint64_t>(DetExp(1.0)) == 0x4005bf0a8b14576aULL);
  CHECK(BitCast<uint64_t>(DetExp(-2.5)) == 0x3fb50385c094f425ULL);
  CHECK(DetLog(1.0) == 0.0);
  CHECK(DetExp(0.0) == 1.0);
}

TEST_CASE("DetLog and DetExp handle the edges of their domains", "[determinism]") {
  CHECK(std::isinf(DetLog(0.0)));
  CHECK(DetLog(0.0) < 0);
  CHECK(std::isnan(DetLog(-1.0)));
  CHECK(std::isinf(DetLog(INFINITY)));
  CHECK(DetExp(-1000.0) == 0.0);
  CHECK(std::isinf(DetExp(1000.0)));
  CHECK(std::isnan(DetExp(NAN)));
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
