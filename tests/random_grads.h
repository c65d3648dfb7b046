#pragma once
// Random task gradients for tests: m x K, one column per task, entries standard normal.
#include <Eigen/Dense>
#include <random>

namespace ps::test {

inline Eigen::MatrixXd random_grads(std::mt19937_64& rng, int m, int k) {
  std::normal_distribution<double> n(0, 1);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i < m; ++i) g(i, j) = n(rng);
  return g;
}

}  // namespace ps::test
