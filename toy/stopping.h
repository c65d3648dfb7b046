#pragma once
// The stop rule "the Pareto front is reached": a Pareto-stationarity test on the two task
// gradients. The min-norm point of their convex hull, gamma g1 + (1 - gamma) g2 with
//   gamma = clamp((g2 - g1)·g2 / ||g1 - g2||^2, 0, 1)
// (Sener & Koltun's closed form for two tasks), is zero exactly at Pareto-stationary points; its
// norm relative to max(||g1||, ||g2||) measures how far from stationary a point is, whatever the
// gradients' size. On the toy, g1 and g2 are anti-parallel only on the Pareto set.
#include <Eigen/Dense>

namespace ps::toy {

// Default stop_tol (see default_stop_tol's doc in the .cpp for how it was chosen).
inline constexpr double kDefaultStopTol = 1e-3;

struct Stationarity {
  double gamma = 0.5;      // weight of g1 in the min-norm point
  double min_norm = 0;     // ||gamma g1 + (1 - gamma) g2||
  double max_norm = 0;     // max(||g1||, ||g2||)
  double ratio = 0;        // min_norm / max_norm; 0 when both gradients vanish
};

// grads: column i is task i's gradient.
Stationarity pareto_stationarity(const Eigen::Matrix2d& grads);

}  // namespace ps::toy
