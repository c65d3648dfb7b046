#include "toy/stopping.h"

#include <algorithm>
#include <cmath>

namespace ps::toy {

Stationarity pareto_stationarity(const Eigen::Matrix2d& grads) {
  const Eigen::Vector2d g1 = grads.col(0), g2 = grads.col(1);
  Stationarity s;
  const Eigen::Vector2d diff = g1 - g2;
  const double dd = diff.squaredNorm();
  // Equal gradients: the hull is one point, any gamma gives it.
  s.gamma = dd > 0 ? std::clamp((g2 - g1).dot(g2) / dd, 0.0, 1.0) : 0.5;
  s.min_norm = (s.gamma * g1 + (1.0 - s.gamma) * g2).norm();

  const double n1 = g1.norm(), n2 = g2.norm();
  if (n1 == 0 || n2 == 0) return s;  // a single-task stationary point: measure 0
  s.cosine = std::clamp(g1.dot(g2) / (n1 * n2), -1.0, 1.0);
  // ||(u1 + u2) / 2||, computed from the sum directly: 1 + cos loses all digits near -1.
  s.measure = 0.5 * (g1 / n1 + g2 / n2).norm();
  return s;
}

}  // namespace ps::toy
