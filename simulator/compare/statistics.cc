#include "simulator/compare/statistics.h"

#include <cmath>

namespace carriersim {

double StudentT975(int df) {
  // Exact to the printed digits up to 30 degrees of freedom; beyond, the normal quantile with
  // the first Cornish-Fisher term, good to 1e-4.
  static constexpr double kTable[] = {
      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
      2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959964;
  return z + (z * z * z + z) / (4.0 * df);
}

Estimate Estimate95(const std::vector<double>& values) {
  Estimate e;
  e.n = static_cast<int>(values.size());
  if (values.empty()) return e;
  double sum = 0;
  for (double v : values) sum += v;
  e.mean = sum / e.n;
  if (e.n < 2) return e;
  double squares = 0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(squares / (e.n - 1));
  e.half_width = StudentT975(e.n - 1) * e.sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

}  // namespace carriersim
