#pragma once
// Random task gradients for tests: m x K, one column per task, entries standard normal.
#include <Eigen/Dense>
#include <cmath>
#include <random>

namespace ps::test {

inline Eigen::MatrixXd random_grads(std::mt19937_64& rng, int m, int k) {
  std::normal_distribution<double> n(0, 1);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i < m; ++i) g(i, j) = n(rng);
  return g;
}

// Random directions with a common component of weight `shared` (positive correlation, as in
// multi-task training) and norms log-uniform in [lo, hi].
inline Eigen::MatrixXd random_grads(std::mt19937_64& rng, int m, int k, double lo, double hi,
                                    double shared) {
  std::normal_distribution<double> n(0, 1);
  std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
  Eigen::VectorXd common(m);
  for (int i = 0; i < m; ++i) common[i] = n(rng);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j) {
    for (int i = 0; i < m; ++i) g(i, j) = n(rng) + shared * common[i];
    g.col(j) *= std::exp(u(rng)) / g.col(j).norm();
  }
  return g;
}

}  // namespace ps::test
