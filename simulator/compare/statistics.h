// Mean, standard deviation and a 95 % confidence interval of a figure over replicates.
#ifndef CARRIERSIM_COMPARE_STATISTICS_H_
#define CARRIERSIM_COMPARE_STATISTICS_H_

#include <vector>

namespace carriersim {

struct Estimate {
  double mean = 0;
  double sd = 0;          // sample standard deviation (n - 1); 0 for one replicate
  double half_width = 0;  // of the 95 % confidence interval (Student's t); 0 for one replicate
  int n = 0;
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

// Summed in the order given, so that the same values give the same bits on every machine.
Estimate Estimate95(const std::vector<double>& values);

// The two-sided 95 % quantile of Student's t with `df` degrees of freedom (df >= 1).
double StudentT975(int df);

}  // namespace carriersim

#endif  // CARRIERSIM_COMPARE_STATISTICS_H_
