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
  s.max_norm = std::max(g1.norm(), g2.norm());
  s.ratio = s.max_norm > 0 ? s.min_norm / s.max_norm : 0.0;
  return s;
}

}  // namespace ps::toy
