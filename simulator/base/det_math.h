// Natural logarithm and exponential that give the same bits on every machine.
//
// glibc picks a different log() at run time depending on the CPU (an FMA variant where FMA
// exists), and other C libraries use other algorithms; any of them can differ in the last bit,
// and one bit is enough to move a drawn delay across a millisecond and change a report. These
// functions use only IEEE-754 +, -, *, / and bit manipulation, each of which is exactly rounded
// everywhere (the build forbids FMA contraction), so the result is a function of the input alone.
//
// Method: the classic argument reduction with minimax polynomials (the coefficients published with
// Sun's fdlibm); both are accurate to within 1 ulp, which tests/unit/det_math_test.cc checks.
#ifndef CARRIERSIM_BASE_DET_MATH_H_
#define CARRIERSIM_BASE_DET_MATH_H_

#include <cstdint>
#include <cstring>
#include <limits>

namespace carriersim {

// std::bit_cast without C++20: tests/bench/ compiles this header as C++17 next to ns-3.
template <typename To, typename From>
inline To BitCast(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

// log(x) for x > 0; -inf for 0, NaN for negative or NaN input, +inf for +inf.
inline double DetLog(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // high bits of ln 2: k*kLn2Hi is exact
  constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
  constexpr double kLg1 = 6.666666666666735130e-01, kLg2 = 3.999999999940941908e-01,
                   kLg3 = 2.857142874366239149e-01, kLg4 = 2.222219843214978396e-01,
                   kLg5 = 1.818357216161805012e-01, kLg6 = 1.531383769920937332e-01,
                   kLg7 = 1.479819860511658591e-01;
  if (!(x > 0))
    return x == 0 ? -std::numeric_limits<double>::infinity()
                  : std::numeric_limits<double>::quiet_NaN();
  if (x == std::numeric_limits<double>::infinity()) return x;
  uint64_t bits = BitCast<uint64_t>(x);
  int64_t k = 0;
  if ((bits >> 52) == 0) {     // subnormal: scale into the normal range first
    x *= 18014398509481984.0;  // 2^54
    bits = BitCast<uint64_t>(x);
    k = -54;
  }
  k += static_cast<int64_t>(bits >> 52) - 1023;
  // m = x / 2^k in [1, 2); fold it into [sqrt(2)/2, sqrt(2)) so that f = m - 1 is small.
  uint64_t mantissa = bits & 0x000fffffffffffffULL;
  if (mantissa > 0x6a09e667f3bcdULL) {  // m > sqrt(2): use m / 2 and k + 1
    mantissa |= 0x3fe0000000000000ULL;
    ++k;
  } else {
    mantissa |= 0x3ff0000000000000ULL;
  }
  const double f = BitCast<double>(mantissa) - 1.0;
  // log(1+f) = 2s + s*R(s^2) with s = f/(2+f); R is the minimax polynomial.
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

// exp(x); 0 below about -745, +inf above about 709.78, NaN for NaN.
inline double DetExp(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00;
  constexpr double kP1 = 1.66666666666666019037e-01, kP2 = -2.77777777770155933842e-03,
                   kP3 = 6.61375632143793436117e-05, kP4 = -1.65339022054652515390e-06,
                   kP5 = 4.13813679705723846039e-08;
  if (x != x) return x;
  if (x > 7.09782712893383973096e+02) return std::numeric_limits<double>::infinity();
  if (x < -7.45133219101941108420e+02) return 0.0;
  // x = k*ln2 + r with |r| <= ln2/2; r is carried as hi - lo for extra precision.
  const int64_t k = static_cast<int64_t>(kInvLn2 * x + (x < 0 ? -0.5 : 0.5));
  const double dk = static_cast<double>(k);
  const double hi = x - dk * kLn2Hi;
  const double lo = dk * kLn2Lo;
  const double r = hi - lo;
  // exp(r) = 1 + r + r*c/(2-c) where c is a minimax polynomial in r^2 (a Remez fit of
  // r*(exp(r)+1)/(exp(r)-1)).
  const double t = r * r;
  const double c = r - t * (kP1 + t * (kP2 + t * (kP3 + t * (kP4 + t * kP5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  // y * 2^k, in two steps when 2^k alone would leave the normal range.
  if (k > -1021 && k < 1024) {
    return y * BitCast<double>(static_cast<uint64_t>(k + 1023) << 52);
  }
  const int64_t k1 = k / 2, k2 = k - k1;
  return y * BitCast<double>(static_cast<uint64_t>(k1 + 1023) << 52) *
         BitCast<double>(static_cast<uint64_t>(k2 + 1023) << 52);
}

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_DET_MATH_H_
